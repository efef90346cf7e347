// The CloudWatch API over the engine's metrics and alarms: GetMetricStatistics,
// GetMetricData, ListMetrics, PutMetricAlarm, DescribeAlarms,
// DescribeAlarmHistory, SetAlarmState, EnableAlarmActions,
// DisableAlarmActions and DeleteAlarms, under the operation names
// "GraniteServiceVersion20100801.<Op>" (CloudWatch's JSON protocol target).
// Requests and responses use CloudWatch's member names with timestamps as
// seconds since the epoch; the HTTP endpoint turns the query protocol boto3
// and the AWS CLI speak into these (server/cloudwatch_query.h).
//
// Only namespace AWS/DynamoDB holds data: another namespace lists nothing and
// has no datapoints, and alarms on it are refused. Metric math (GetMetricData
// expressions, alarms on several metrics) is refused with InvalidParameterValue.
// Errors carry CloudWatch's codes (InvalidParameterValue, MissingParameter,
// ValidationError, ...).
//
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <vector>

#include "alarms/alarm_transition.h"
#include "api/json_shape.h"
#include "events/event_hub.h"
#include "ops/database.h"

namespace dynadesk::api {

Result<Json> getMetricStatistics(ops::Database& db, const Json& request);
Result<Json> getMetricData(ops::Database& db, const Json& request);
Result<Json> listMetrics(ops::Database& db, const Json& request);
Result<Json> putMetricAlarm(ops::Database& db, const Json& request);
Result<Json> describeAlarms(ops::Database& db, const Json& request);
Result<Json> describeAlarmHistory(ops::Database& db, const Json& request);
Result<Json> setAlarmState(ops::Database& db, const Json& request);
Result<Json> enableAlarmActions(ops::Database& db, const Json& request);
Result<Json> disableAlarmActions(ops::Database& db, const Json& request);
Result<Json> deleteAlarms(ops::Database& db, const Json& request);
// Contributor Insights reports of the rules DynamoDB's UpdateContributorInsights
// creates (contributor_insights_api.cpp): ResourceNotFoundException for a rule
// that does not exist (any other name, or a disabled table's).
Result<Json> getInsightRuleReport(ops::Database& db, const Json& request);

// Alarm state changes as engine events (AlarmEvent).
void publishAlarmTransitions(events::EventHub& hub, const std::vector<alarms::AlarmTransition>& transitions);

}  // namespace dynadesk::api
