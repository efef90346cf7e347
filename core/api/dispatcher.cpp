#include <array>
#include <string_view>

#include "api/cloudwatch_api.h"
#include "api/handlers.h"

namespace dynadesk::api {

namespace {
struct Route {
  std::string_view operation;
  Handler handler;
};

// The operation table: wire name -> handler. Later issues add rows here.
constexpr std::array kRoutes = {
    Route{"CreateTable", &createTable},       Route{"DescribeTable", &describeTable},
    Route{"ListTables", &listTables},         Route{"UpdateTable", &updateTable},
    Route{"DeleteTable", &deleteTable},       Route{"PutItem", &putItem},
    Route{"GetItem", &getItem},               Route{"DeleteItem", &deleteItem},
    Route{"UpdateItem", &updateItem},
    Route{"BatchWriteItem", &batchWriteItem}, Route{"BatchGetItem", &batchGetItem},
    Route{"Scan", &scan},                     Route{"Query", &query},
    Route{"TransactWriteItems", &transactWriteItems}, Route{"TransactGetItems", &transactGetItems},
    Route{"UpdateTimeToLive", &updateTimeToLive},     Route{"DescribeTimeToLive", &describeTimeToLive},
    Route{"UpdateContributorInsights", &updateContributorInsights},
    Route{"DescribeContributorInsights", &describeContributorInsights},
    Route{"ListContributorInsights", &listContributorInsights},
    // DynamoDB Streams: its own target prefix, so its names never clash.
    Route{"DynamoDBStreams_20120810.ListStreams", &listStreams},
    Route{"DynamoDBStreams_20120810.DescribeStream", &describeStream},
    Route{"DynamoDBStreams_20120810.GetShardIterator", &getShardIterator},
    Route{"DynamoDBStreams_20120810.GetRecords", &getRecords},
    // CloudWatch (cloudwatch_api.h), under its JSON protocol's target prefix.
    Route{"GraniteServiceVersion20100801.GetMetricStatistics", &getMetricStatistics},
    Route{"GraniteServiceVersion20100801.GetMetricData", &getMetricData},
    Route{"GraniteServiceVersion20100801.ListMetrics", &listMetrics},
    Route{"GraniteServiceVersion20100801.PutMetricAlarm", &putMetricAlarm},
    Route{"GraniteServiceVersion20100801.DescribeAlarms", &describeAlarms},
    Route{"GraniteServiceVersion20100801.DescribeAlarmHistory", &describeAlarmHistory},
    Route{"GraniteServiceVersion20100801.SetAlarmState", &setAlarmState},
    Route{"GraniteServiceVersion20100801.EnableAlarmActions", &enableAlarmActions},
    Route{"GraniteServiceVersion20100801.DisableAlarmActions", &disableAlarmActions},
    Route{"GraniteServiceVersion20100801.DeleteAlarms", &deleteAlarms},
    Route{"GraniteServiceVersion20100801.GetInsightRuleReport", &getInsightRuleReport},
    Route{"DynadeskWorkbench_20261122.DescribeKeyActivity", &describeKeyActivity},  // the workbench's own, not DynamoDB's
};
}  // namespace

Handler findHandler(std::string_view operation) {
  for (const auto& r : kRoutes) {
    if (r.operation == operation) return r.handler;
  }
  return nullptr;
}

TextHandler findTextHandler(std::string_view operation) {
  if (operation == "GetItem") return &getItemText;
  if (operation == "Query") return &queryText;
  if (operation == "Scan") return &scanText;
  return nullptr;
}

}  // namespace dynadesk::api
