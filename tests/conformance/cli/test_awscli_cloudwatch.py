"""Debian's AWS CLI v2 (/usr/bin/aws): `aws cloudwatch` against dynadesk-server.

Run by ctest through with_server.py, which starts a fresh server and sets
DYNADESK_ENDPOINT and fake credentials. Each check runs the real `aws` command
as a user types it (plus --endpoint-url and --output json) and compares the
exit code, stdout parsed as JSON and stderr with what the CLI prints against
CloudWatch. DynamoDB traffic comes from `aws dynamodb put-item`, so the
metrics read back are the ones the CLI's own requests produced.

The tests share one server and run in file order: later tests read what
earlier ones wrote. The server's clock is the system clock here.
"""
import datetime
import json
import time

import pytest

from awscli_runner import EXIT_SERVICE_ERROR, run_aws as aws

TABLE = "CliMetrics"
ALARM = "CliMetrics-HighReads"
TOPIC = "arn:aws:sns:us-east-1:000000000000:cli-alarms"


def iso(stamp):
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value):
    # The CLI v2 prints timestamps as ISO 8601 with the UTC offset.
    stamp = datetime.datetime.fromisoformat(value)
    assert stamp.tzinfo is not None, value
    return stamp


STARTED = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(seconds=1)


def test_dynamodb_traffic():
    aws("dynamodb", "create-table", "--table-name", TABLE,
        "--attribute-definitions", "AttributeName=id,AttributeType=S",
        "--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST")
    aws("dynamodb", "wait", "table-exists", "--table-name", TABLE, timeout=60)
    for i, size in enumerate((10, 1500, 3000)):
        run = aws("dynamodb", "put-item", "--table-name", TABLE, "--return-consumed-capacity", "TOTAL",
                  "--item", json.dumps({"id": {"S": f"item-{i}"}, "body": {"S": "x" * size}}))
        assert run.json() == {"ConsumedCapacity": {"TableName": TABLE, "CapacityUnits": float(i + 1)}}


def test_put_metric_alarm():
    run = aws("cloudwatch", "put-metric-alarm", "--alarm-name", ALARM,
              "--alarm-description", "Reads from CliMetrics above 100 units a minute",
              "--metric-name", "ConsumedReadCapacityUnits", "--namespace", "AWS/DynamoDB",
              "--statistic", "Sum", "--period", "60", "--evaluation-periods", "2", "--datapoints-to-alarm", "1",
              "--threshold", "100", "--comparison-operator", "GreaterThanThreshold",
              "--dimensions", f"Name=TableName,Value={TABLE}", "--treat-missing-data", "ignore",
              "--alarm-actions", TOPIC, "--unit", "Count")
    assert run.out == "" and run.err == ""  # PutMetricAlarm answers nothing


def test_describe_alarms():
    run = aws("cloudwatch", "describe-alarms", "--alarm-names", ALARM)
    got = run.json()
    assert got["CompositeAlarms"] == []
    [alarm] = got["MetricAlarms"]
    assert alarm["AlarmArn"].startswith("arn:aws:cloudwatch:us-east-1:")
    assert alarm["AlarmArn"].endswith(f":alarm:{ALARM}")
    assert {k: alarm[k] for k in ("AlarmName", "AlarmDescription", "ActionsEnabled", "OKActions", "AlarmActions",
                                  "InsufficientDataActions", "StateValue", "StateReason", "MetricName",
                                  "Namespace", "Statistic", "Dimensions", "Period", "Unit", "EvaluationPeriods",
                                  "DatapointsToAlarm", "Threshold", "ComparisonOperator", "TreatMissingData")} == {
        "AlarmName": ALARM, "AlarmDescription": "Reads from CliMetrics above 100 units a minute",
        "ActionsEnabled": True, "OKActions": [], "AlarmActions": [TOPIC], "InsufficientDataActions": [],
        "StateValue": "INSUFFICIENT_DATA", "StateReason": "Unchecked: Initial alarm creation",
        "MetricName": "ConsumedReadCapacityUnits", "Namespace": "AWS/DynamoDB", "Statistic": "Sum",
        "Dimensions": [{"Name": "TableName", "Value": TABLE}], "Period": 60, "Unit": "Count",
        "EvaluationPeriods": 2, "DatapointsToAlarm": 1, "Threshold": 100.0,
        "ComparisonOperator": "GreaterThanThreshold", "TreatMissingData": "ignore"}
    now = datetime.datetime.now(datetime.timezone.utc)
    for field in ("AlarmConfigurationUpdatedTimestamp", "StateUpdatedTimestamp"):
        assert abs((now - parse_time(alarm[field])).total_seconds()) < 600, alarm[field]

    # A name that is not there: an empty list, not an error.
    run = aws("cloudwatch", "describe-alarms", "--alarm-names", "NoSuchAlarm")
    assert run.json() == {"MetricAlarms": [], "CompositeAlarms": []}


def test_get_metric_statistics():
    end = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=2)
    run = aws("cloudwatch", "get-metric-statistics", "--namespace", "AWS/DynamoDB",
              "--metric-name", "ConsumedWriteCapacityUnits", "--dimensions", f"Name=TableName,Value={TABLE}",
              "--start-time", iso(STARTED), "--end-time", iso(end), "--period", "60",
              "--statistics", "Sum", "SampleCount", "Maximum")
    got = run.json()
    assert got["Label"] == "ConsumedWriteCapacityUnits"
    points = got["Datapoints"]
    assert 1 <= len(points) <= 3
    assert sum(p["Sum"] for p in points) == 6.0           # 1 + 2 + 3 units
    assert sum(p["SampleCount"] for p in points) == 3.0   # three PutItem calls
    assert max(p["Maximum"] for p in points) == 3.0
    for p in points:
        assert sorted(p) == ["Maximum", "SampleCount", "Sum", "Timestamp", "Unit"]
        assert p["Unit"] == "Count"
        assert parse_time(p["Timestamp"]).second == 0  # whole minutes

    # One-second periods add up to the same.
    run = aws("cloudwatch", "get-metric-statistics", "--namespace", "AWS/DynamoDB",
              "--metric-name", "ConsumedWriteCapacityUnits", "--dimensions", f"Name=TableName,Value={TABLE}",
              "--start-time", iso(STARTED), "--end-time", iso(end), "--period", "1", "--statistics", "Sum")
    assert sum(p["Sum"] for p in run.json()["Datapoints"]) == 6.0

    # The same through get-metric-data.
    queries = [{"Id": "writes", "MetricStat": {"Metric": {"Namespace": "AWS/DynamoDB",
                                                          "MetricName": "ConsumedWriteCapacityUnits",
                                                          "Dimensions": [{"Name": "TableName", "Value": TABLE}]},
                                               "Period": 60, "Stat": "Sum"}}]
    run = aws("cloudwatch", "get-metric-data", "--metric-data-queries", json.dumps(queries),
              "--start-time", iso(STARTED), "--end-time", iso(end))
    got = run.json()
    [result] = got["MetricDataResults"]
    assert (result["Id"], result["Label"], result["StatusCode"]) == ("writes", "ConsumedWriteCapacityUnits",
                                                                    "Complete")
    assert sum(result["Values"]) == 6.0
    assert len(result["Timestamps"]) == len(result["Values"])

    # A period that is not whole minutes, for data older than an hour.
    old = STARTED - datetime.timedelta(hours=2)
    run = aws("cloudwatch", "get-metric-statistics", "--namespace", "AWS/DynamoDB",
              "--metric-name", "ConsumedWriteCapacityUnits", "--start-time", iso(old),
              "--end-time", iso(old + datetime.timedelta(minutes=10)), "--period", "90", "--statistics", "Sum",
              expect=EXIT_SERVICE_ERROR)
    assert run.out == ""
    assert run.err.strip() == ("An error occurred (InvalidParameterValue) when calling the GetMetricStatistics "
                               "operation: The parameter Period must be a multiple of 60.")


def test_list_metrics():
    run = aws("cloudwatch", "list-metrics", "--namespace", "AWS/DynamoDB",
              "--metric-name", "ConsumedWriteCapacityUnits", "--dimensions", f"Name=TableName,Value={TABLE}")
    assert run.json() == {"Metrics": [{"Namespace": "AWS/DynamoDB", "MetricName": "ConsumedWriteCapacityUnits",
                                       "Dimensions": [{"Name": "TableName", "Value": TABLE}]}]}


def test_set_alarm_state_and_history():
    run = aws("cloudwatch", "set-alarm-state", "--alarm-name", ALARM, "--state-value", "ALARM",
              "--state-reason", "Testing the notification")
    assert run.out == "" and run.err == ""
    [alarm] = aws("cloudwatch", "describe-alarms", "--alarm-names", ALARM).json()["MetricAlarms"]
    assert (alarm["StateValue"], alarm["StateReason"]) == ("ALARM", "Testing the notification")

    # The table has had no reads, and the alarm ignores missing data: the state
    # set by hand stays until data arrives.
    run = aws("cloudwatch", "describe-alarm-history", "--alarm-name", ALARM, "--history-item-type", "StateUpdate")
    items = run.json()["AlarmHistoryItems"]
    assert [(i["AlarmName"], i["HistorySummary"]) for i in items] == [
        (ALARM, "Alarm updated from INSUFFICIENT_DATA to ALARM")]
    data = json.loads(items[0]["HistoryData"])
    assert data["newState"] == {"stateValue": "ALARM", "stateReason": "Testing the notification"}

    # The action (logged by the server) is recorded once it has run.
    deadline = time.time() + 15
    while True:
        run = aws("cloudwatch", "describe-alarm-history", "--alarm-name", ALARM, "--history-item-type", "Action")
        items = run.json()["AlarmHistoryItems"]
        if items or time.time() > deadline:
            break
        time.sleep(0.2)
    assert [i["HistorySummary"] for i in items] == [f"Successfully executed action {TOPIC}"]


def test_put_metric_alarm_errors():
    run = aws("cloudwatch", "put-metric-alarm", "--alarm-name", "Broken", "--metric-name", "ConsumedReadCapacityUnits",
              "--namespace", "AWS/DynamoDB", "--statistic", "Sum", "--period", "45", "--evaluation-periods", "1",
              "--threshold", "1", "--comparison-operator", "GreaterThanThreshold",
              expect=EXIT_SERVICE_ERROR)
    assert run.out == ""
    assert run.err.strip() == ("An error occurred (ValidationError) when calling the PutMetricAlarm operation: "
                               "Period must be 10, 30 or a multiple of 60")


def test_delete_alarms():
    run = aws("cloudwatch", "delete-alarms", "--alarm-names", ALARM)
    assert run.out == "" and run.err == ""
    assert aws("cloudwatch", "describe-alarms", "--alarm-names", ALARM).json() == {"MetricAlarms": [],
                                                                                  "CompositeAlarms": []}
    items = aws("cloudwatch", "describe-alarm-history", "--alarm-name", ALARM,
                "--history-item-type", "ConfigurationUpdate").json()["AlarmHistoryItems"]
    assert [i["HistorySummary"] for i in items] == [f'Alarm "{ALARM}" deleted', f'Alarm "{ALARM}" created']
