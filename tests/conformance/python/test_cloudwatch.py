"""The CloudWatch API through boto3's `cloudwatch` client, on the same endpoint
as DynamoDB: the metrics DynamoDB publishes (namespace AWS/DynamoDB) and
CloudWatch alarms on them, as a script written for AWS sees them.

- The Consumed* sums read back through GetMetricStatistics and GetMetricData
  equal the capacity the DynamoDB responses reported (ReturnConsumedCapacity).
- Seed 000's alarm, HighReadCapacityAlarm (ConsumedReadCapacityUnits > 500 on
  MusicCollection), goes from INSUFFICIENT_DATA to ALARM under load and back
  to OK, with its history; an alarm's actions reach the server's action log.
- ListMetrics filters, SetAlarmState, Enable/DisableAlarmActions,
  DeleteAlarms, the paginators and CloudWatch's errors.
- Throttling shows in WriteThrottleEvents and ThrottledRequests.

The server runs with --clock-offset-file: a test ends an alarm period by moving
the engine clock to the next whole minute instead of waiting for it. The clock
only ever moves forward during the file, and every time window a test asks for
is computed on the engine's clock (`clock.now()`).
"""
import json
import os
import time
from datetime import datetime, timezone

import boto3
import botocore.exceptions
import pytest
from boto3.dynamodb.conditions import Key
from botocore.config import Config

from helpers import error_of, no_retry_kwargs, start_server

NAMESPACE = "AWS/DynamoDB"
INITIAL_REASON = "Unchecked: Initial alarm creation"


# --- the engine's clock ------------------------------------------------------

class EngineClock:
    """The engine clock of a server started with --clock-offset-file `path`:
    the system clock plus the number of seconds in the file."""

    def __init__(self, path):
        self.path = path
        self.offset = 0.0
        self._write(0.0)

    def _write(self, seconds):
        with open(self.path, "w") as f:
            f.write(repr(float(seconds)))
        self.offset = float(seconds)
        time.sleep(0.2)  # the server looks at the file at most every 50 ms

    def now(self):
        return time.time() + self.offset

    def to_next_minute(self, second=1):
        """Moves the engine clock forward to `second` seconds past its next whole
        minute; returns that minute's start (seconds since the epoch)."""
        minute = (int(self.now()) // 60 + 1) * 60
        offset = minute + second - time.time()
        assert offset > self.offset  # forward only
        self._write(offset)
        return minute


@pytest.fixture(scope="module")
def clock():
    engine_clock = EngineClock(os.environ["DYNADESK_CLOCK_OFFSET_FILE"])
    yield engine_clock
    engine_clock._write(0)


@pytest.fixture(scope="module")
def cloudwatch(aws):
    return boto3.client("cloudwatch", region_name="us-east-1", **aws)


# --- helpers -----------------------------------------------------------------

def utc(seconds):
    return datetime.fromtimestamp(seconds, timezone.utc)


def wait_until(predicate, seconds=15, step=0.1):
    """The first truthy value of predicate() within `seconds`, else None."""
    deadline = time.time() + seconds
    while True:
        value = predicate()
        if value or time.time() > deadline:
            return value
        time.sleep(step)


def table_dimension(name):
    return [{"Name": "TableName", "Value": name}]


def datapoints(cloudwatch, metric, dimensions, start, end, period, statistics=("Sum", "SampleCount")):
    answer = cloudwatch.get_metric_statistics(Namespace=NAMESPACE, MetricName=metric, Dimensions=dimensions,
                                              StartTime=utc(start), EndTime=utc(end), Period=period,
                                              Statistics=list(statistics))
    assert answer["Label"] == metric
    return answer["Datapoints"]


def total(points, statistic):
    return sum(p[statistic] for p in points)


def alarm_of(cloudwatch, name):
    alarms = cloudwatch.describe_alarms(AlarmNames=[name])["MetricAlarms"]
    assert len(alarms) <= 1
    return alarms[0] if alarms else None


def wait_for_state(cloudwatch, name, state, seconds=15):
    alarm = wait_until(lambda: (a := alarm_of(cloudwatch, name)) and a["StateValue"] == state and a, seconds)
    assert alarm, f"{name} did not reach {state}: {alarm_of(cloudwatch, name)}"
    return alarm


def reason_time(seconds):
    """A time as CloudWatch writes it in a StateReason (UTC, dd/MM/yy HH:mm:ss)."""
    return utc(seconds).strftime("%d/%m/%y %H:%M:%S")


def iso_time(seconds):
    """A time as CloudWatch writes it in StateReasonData."""
    return utc(seconds).strftime("%Y-%m-%dT%H:%M:%S.000+0000")


def iso_millis(stamp):
    """A datetime boto3 parsed, as the action log writes times."""
    stamp = stamp.astimezone(timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}+0000"


def account_of(client, table):
    return client.describe_table(TableName=table)["Table"]["TableArn"].split(":")[4]


def create_table(client, name, **extra):
    client.create_table(TableName=name,
                        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                   {"AttributeName": "sk", "KeyType": "RANGE"}],
                        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                              {"AttributeName": "sk", "AttributeType": "S"}] +
                        extra.pop("ExtraAttributeDefinitions", []),
                        **({"BillingMode": "PAY_PER_REQUEST"} | extra))
    client.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1})


# --- 1a: the Consumed* sums equal what the responses reported ---------------

def test_consumed_capacity_sums_equal_what_the_responses_reported(client, cloudwatch, clock, unique_name):
    name = unique_name("Metered")
    create_table(client, name)
    reads, writes = [], []           # the CapacityUnits each request reported
    calls = {}                       # operation -> number of calls

    def record(kind, operation, answer):
        consumed = answer["ConsumedCapacity"]
        if isinstance(consumed, list):  # batches: one entry per table
            assert [c["TableName"] for c in consumed] == [name]
            consumed = consumed[0]
        assert consumed["TableName"] == name
        kind.append(consumed["CapacityUnits"])
        calls[operation] = calls.get(operation, 0) + 1
        return answer

    def key(pk, sk):
        return {"pk": {"S": pk}, "sk": {"S": sk}}

    start = clock.now()
    rc = {"ReturnConsumedCapacity": "TOTAL"}
    for i in range(3):
        record(writes, "PutItem", client.put_item(TableName=name, Item=key("a", f"small-{i}"), **rc))
    record(writes, "PutItem", client.put_item(TableName=name, Item={**key("a", "mid"), "body": {"S": "m" * 1500}}, **rc))
    record(writes, "PutItem", client.put_item(TableName=name, Item={**key("b", "big"), "body": {"S": "b" * 9000}}, **rc))
    batch = [{"PutRequest": {"Item": {**key("c", f"{i:02d}"), "body": {"S": "c" * (100 * i)}}}} for i in range(25)]
    answer = record(writes, "BatchWriteItem", client.batch_write_item(RequestItems={name: batch}, **rc))
    assert answer["UnprocessedItems"] == {}
    record(writes, "UpdateItem", client.update_item(TableName=name, Key=key("a", "small-0"),
                                                    UpdateExpression="ADD hits :one",
                                                    ExpressionAttributeValues={":one": {"N": "1"}},
                                                    ReturnValues="ALL_NEW", **rc))
    record(writes, "DeleteItem", client.delete_item(TableName=name, Key=key("a", "small-2"), **rc))

    for consistent in (False, True):
        for sk in ("small-0", "mid", "nothing-here"):
            record(reads, "GetItem", client.get_item(TableName=name, Key=key("a", sk), ConsistentRead=consistent, **rc))
        record(reads, "GetItem", client.get_item(TableName=name, Key=key("b", "big"), ConsistentRead=consistent, **rc))
        record(reads, "Query", client.query(TableName=name, KeyConditionExpression="pk = :p",
                                            ExpressionAttributeValues={":p": {"S": "c"}},
                                            ConsistentRead=consistent, **rc))
    page = {}
    while True:  # a scan in pages of 10: one request per page
        answer = record(reads, "Scan", client.scan(TableName=name, Limit=10, **page, **rc))
        if "LastEvaluatedKey" not in answer:
            break
        page = {"ExclusiveStartKey": answer["LastEvaluatedKey"]}
    answer = record(reads, "BatchGetItem", client.batch_get_item(
        RequestItems={name: {"Keys": [key("a", "mid"), key("b", "big"), key("c", "07")]}}, **rc))
    assert answer["UnprocessedKeys"] == {}
    end = clock.now()

    assert calls["Scan"] >= 3
    assert sum(writes) > 0 and sum(reads) > 0
    assert {0.5, 1.0}.issubset(reads) and {1.0, 2.0, 9.0}.issubset(writes)  # the arithmetic above was exercised
    dims = table_dimension(name)
    window = (int(start), int(end) + 2)
    expected = {"ConsumedReadCapacityUnits": reads, "ConsumedWriteCapacityUnits": writes}

    # Period 60 (whole minutes) and Period 1 (each second) add up to the same.
    for period in (60, 1):
        for metric, units in expected.items():
            points = datapoints(cloudwatch, metric, dims, *window, period,
                                ("Sum", "SampleCount", "Minimum", "Maximum"))
            assert total(points, "Sum") == sum(units), (metric, period, points)
            assert total(points, "SampleCount") == len(units), (metric, period, points)
            assert min(p["Minimum"] for p in points) == min(units)
            assert max(p["Maximum"] for p in points) == max(units)
            assert {p["Unit"] for p in points} == {"Count"}
            stamps = [p["Timestamp"].timestamp() for p in points]
            assert all(s % period == 0 for s in stamps), stamps
            assert all(int(start) - period < s < end + 1 for s in stamps), (start, end, stamps)

    # GetMetricData: the same sums, one query per metric and statistic.
    ids = {"ConsumedReadCapacityUnits": "reads", "ConsumedWriteCapacityUnits": "writes"}
    queries = [{"Id": f"{ids[m]}_{s.lower()}",
                "MetricStat": {"Metric": {"Namespace": NAMESPACE, "MetricName": m, "Dimensions": dims},
                               "Period": 60, "Stat": s}}
               for m in expected for s in ("Sum", "SampleCount")]
    answer = cloudwatch.get_metric_data(MetricDataQueries=queries, StartTime=utc(window[0]), EndTime=utc(window[1]))
    results = {r["Id"]: r for r in answer["MetricDataResults"]}
    assert sorted(results) == ["reads_samplecount", "reads_sum", "writes_samplecount", "writes_sum"]
    assert sum(results["reads_sum"]["Values"]) == sum(reads)
    assert sum(results["reads_samplecount"]["Values"]) == len(reads)
    assert sum(results["writes_sum"]["Values"]) == sum(writes)
    assert sum(results["writes_samplecount"]["Values"]) == len(writes)
    for r in results.values():
        assert r["StatusCode"] == "Complete"
        assert r["Label"] in expected
        assert len(r["Timestamps"]) == len(r["Values"]) >= 1
        assert r["Timestamps"] == sorted(r["Timestamps"], reverse=True)  # TimestampDescending by default

    # The paginator, at one-second resolution, oldest first.
    pages = cloudwatch.get_paginator("get_metric_data").paginate(
        MetricDataQueries=[{"Id": "reads", "MetricStat": {"Metric": {"Namespace": NAMESPACE,
                                                                     "MetricName": "ConsumedReadCapacityUnits",
                                                                     "Dimensions": dims},
                                                          "Period": 1, "Stat": "Sum"}}],
        StartTime=utc(window[0]), EndTime=utc(window[1]), ScanBy="TimestampAscending")
    values, stamps = [], []
    for page in pages:
        for r in page["MetricDataResults"]:
            values += r["Values"]
            stamps += r["Timestamps"]
    assert sum(values) == sum(reads)
    assert stamps == sorted(stamps)

    # Each call's latency is one SuccessfulRequestLatency sample under its operation.
    for operation, count in calls.items():
        points = datapoints(cloudwatch, "SuccessfulRequestLatency",
                            dims + [{"Name": "Operation", "Value": operation}], *window, 60, ("SampleCount",))
        assert total(points, "SampleCount") == count, operation
        assert {p["Unit"] for p in points} == {"Milliseconds"}


# --- 1b: seed 000's alarm ----------------------------------------------------

def create_music_collection(client):
    # Seed 000, "Python Script for Secondary Index", step 1 (boto3.client).
    client.create_table(
        TableName='MusicCollection',
        KeySchema=[
            {'AttributeName': 'Artist', 'KeyType': 'HASH'},  # Partition key
            {'AttributeName': 'Song', 'KeyType': 'RANGE'}   # Sort key
        ],
        AttributeDefinitions=[
            {'AttributeName': 'Artist', 'AttributeType': 'S'},
            {'AttributeName': 'Song', 'AttributeType': 'S'},
            {'AttributeName': 'Genre', 'AttributeType': 'S'},
            {'AttributeName': 'Year', 'AttributeType': 'N'}
        ],
        ProvisionedThroughput={
            'ReadCapacityUnits': 5,
            'WriteCapacityUnits': 5
        },
        GlobalSecondaryIndexes=[
            {
                'IndexName': 'GenreYearIndex',
                'KeySchema': [
                    {'AttributeName': 'Genre', 'KeyType': 'HASH'},  # GSI Partition key
                    {'AttributeName': 'Year', 'KeyType': 'RANGE'}   # GSI Sort key
                ],
                'Projection': {
                    'ProjectionType': 'ALL'
                },
                'ProvisionedThroughput': {
                    'ReadCapacityUnits': 5,
                    'WriteCapacityUnits': 5
                }
            }
        ]
    )
    client.get_waiter("table_exists").wait(TableName="MusicCollection", WaiterConfig={"Delay": 1})


def test_seed_high_read_capacity_alarm(aws, client, clock):
    create_music_collection(client)
    dynamodb = boto3.resource('dynamodb', region_name='us-east-1', **aws)
    table = dynamodb.Table('MusicCollection')
    # Seed 000 step 2's item, and two ~400 KB recordings: a strongly consistent
    # read of one costs 98 RCU. No reads yet: the alarm must see no data first.
    table.put_item(Item={'Artist': 'The Beatles', 'Song': 'Hey Jude', 'Album': 'The White Album',
                         'Genre': 'Rock', 'Year': 1968})
    for take in (1, 2):
        table.put_item(Item={'Artist': 'The Beatles', 'Song': f'Revolution {take}', 'Audio': 'x' * 400_000})

    # The seed's "CloudWatch Alarm for DynamoDB Table": its configuration as
    # CloudWatch's PutMetricAlarm takes it (the seed shows no code for this step).
    cloudwatch = boto3.client('cloudwatch', region_name='us-east-1', **aws)
    cloudwatch.put_metric_alarm(
        AlarmName='HighReadCapacityAlarm',
        AlarmDescription='Alarm when read capacity exceeds 500 units',
        ActionsEnabled=True,
        MetricName='ConsumedReadCapacityUnits',
        Namespace='AWS/DynamoDB',
        Statistic='Sum',
        Dimensions=[{'Name': 'TableName', 'Value': 'MusicCollection'}],
        Period=60,
        EvaluationPeriods=1,
        Threshold=500,
        ComparisonOperator='GreaterThanThreshold'
    )
    try:
        alarm = alarm_of(cloudwatch, 'HighReadCapacityAlarm')
        account = account_of(client, 'MusicCollection')
        assert alarm["AlarmArn"] == f"arn:aws:cloudwatch:us-east-1:{account}:alarm:HighReadCapacityAlarm"
        assert {k: alarm[k] for k in ("AlarmName", "AlarmDescription", "ActionsEnabled", "OKActions", "AlarmActions",
                                      "InsufficientDataActions", "StateValue", "StateReason", "MetricName",
                                      "Namespace", "Statistic", "Dimensions", "Period", "EvaluationPeriods",
                                      "Threshold", "ComparisonOperator")} == {
            "AlarmName": "HighReadCapacityAlarm", "AlarmDescription": "Alarm when read capacity exceeds 500 units",
            "ActionsEnabled": True, "OKActions": [], "AlarmActions": [], "InsufficientDataActions": [],
            "StateValue": "INSUFFICIENT_DATA", "StateReason": INITIAL_REASON,
            "MetricName": "ConsumedReadCapacityUnits", "Namespace": "AWS/DynamoDB", "Statistic": "Sum",
            "Dimensions": [{"Name": "TableName", "Value": "MusicCollection"}], "Period": 60, "EvaluationPeriods": 1,
            "Threshold": 500.0, "ComparisonOperator": "GreaterThanThreshold"}
        assert "DatapointsToAlarm" not in alarm and "TreatMissingData" not in alarm
        created = alarm["AlarmConfigurationUpdatedTimestamp"].timestamp()
        assert abs(created - clock.now()) < 10  # engine time
        assert alarm["StateUpdatedTimestamp"].timestamp() == created

        # Minute M: strongly consistent reads of the recordings, over 500 RCU, and
        # the seed's GSI query, which is the index's capacity, not the table's.
        loaded = clock.to_next_minute()
        spent = 0.0
        for take in (1, 2, 1, 2, 1, 2):
            answer = table.get_item(Key={'Artist': 'The Beatles', 'Song': f'Revolution {take}'},
                                    ConsistentRead=True, ReturnConsumedCapacity='TOTAL')
            assert answer["ConsumedCapacity"]["CapacityUnits"] == 98.0
            spent += answer["ConsumedCapacity"]["CapacityUnits"]
        response = table.query(IndexName='GenreYearIndex', KeyConditionExpression=Key('Genre').eq('Rock'),
                               ReturnConsumedCapacity='INDEXES')
        assert [i['Song'] for i in response['Items']] == ['Hey Jude']
        assert response["ConsumedCapacity"]["GlobalSecondaryIndexes"] == {"GenreYearIndex": {"CapacityUnits": 0.5}}
        assert clock.now() < loaded + 60, "the load spilled into the next minute"
        assert spent == 588.0
        minute = datapoints(cloudwatch, "ConsumedReadCapacityUnits", table_dimension("MusicCollection"),
                            loaded, loaded + 60, 60)
        assert [(p["Timestamp"].timestamp(), p["Sum"], p["SampleCount"]) for p in minute] == [(loaded, spent, 6.0)]
        # Nothing is decided before the minute is over.
        assert alarm_of(cloudwatch, 'HighReadCapacityAlarm')["StateValue"] == "INSUFFICIENT_DATA"

        # Minute M ends: ALARM.
        quiet = clock.to_next_minute()
        alarm = wait_for_state(cloudwatch, 'HighReadCapacityAlarm', "ALARM")
        assert alarm["StateReason"] == (f"Threshold Crossed: 1 datapoint [588.0 ({reason_time(loaded)})] was "
                                        f"greater than the threshold (500.0).")
        data = json.loads(alarm["StateReasonData"])
        assert {k: data[k] for k in ("version", "startDate", "statistic", "period", "recentDatapoints",
                                     "threshold")} == {
            "version": "1.0", "startDate": iso_time(loaded), "statistic": "Sum", "period": 60,
            "recentDatapoints": [588.0], "threshold": 500.0}
        assert data["evaluatedDatapoints"][0] == {"timestamp": iso_time(loaded), "value": 588.0}
        alarmed_at = alarm["StateUpdatedTimestamp"].timestamp()
        assert quiet <= alarmed_at < quiet + 20  # evaluated on the engine clock, once minute M was over
        # (StateTransitionedTimestamp is newer than Debian's botocore 1.29, which drops it.)
        assert data["queryDate"].startswith(utc(alarmed_at).strftime("%Y-%m-%dT%H:%M"))

        # Minute M+1: the seed's query, well under 500 RCU; when it ends: OK.
        response = table.query(KeyConditionExpression=Key('Artist').eq('The Beatles'),
                               ReturnConsumedCapacity='TOTAL')
        assert len(response['Items']) == 3
        light = response["ConsumedCapacity"]["CapacityUnits"]
        assert 0 < light < 500
        assert clock.now() < quiet + 60
        clock.to_next_minute()
        alarm = wait_for_state(cloudwatch, 'HighReadCapacityAlarm', "OK")
        assert alarm["StateReason"] == (f"Threshold Crossed: 1 datapoint [{float(light)!r} ({reason_time(quiet)})] "
                                        f"was not greater than the threshold (500.0).")
        assert json.loads(alarm["StateReasonData"])["recentDatapoints"] == [light]

        # The history, newest first: two state changes and the creation.
        items = cloudwatch.describe_alarm_history(AlarmName='HighReadCapacityAlarm')["AlarmHistoryItems"]
        assert [(i["HistoryItemType"], i["HistorySummary"]) for i in items] == [
            ("StateUpdate", "Alarm updated from ALARM to OK"),
            ("StateUpdate", "Alarm updated from INSUFFICIENT_DATA to ALARM"),
            ("ConfigurationUpdate", 'Alarm "HighReadCapacityAlarm" created')]
        assert all(i["AlarmName"] == 'HighReadCapacityAlarm' for i in items)
        stamps = [i["Timestamp"] for i in items]
        assert stamps == sorted(stamps, reverse=True)
        to_alarm = json.loads(items[1]["HistoryData"])
        assert to_alarm["oldState"] == {"stateValue": "INSUFFICIENT_DATA", "stateReason": INITIAL_REASON}
        assert to_alarm["newState"]["stateValue"] == "ALARM"
        assert to_alarm["newState"]["stateReason"].startswith("Threshold Crossed: 1 datapoint [588.0")
        to_ok = json.loads(items[0]["HistoryData"])
        assert (to_ok["oldState"]["stateValue"], to_ok["newState"]["stateValue"]) == ("ALARM", "OK")
        creation = json.loads(items[2]["HistoryData"])
        assert creation["type"] == "Create"

        # Only the state changes, oldest first.
        items = cloudwatch.describe_alarm_history(AlarmName='HighReadCapacityAlarm', HistoryItemType="StateUpdate",
                                                  ScanBy="TimestampAscending")["AlarmHistoryItems"]
        assert [i["HistorySummary"] for i in items] == ["Alarm updated from INSUFFICIENT_DATA to ALARM",
                                                        "Alarm updated from ALARM to OK"]
    finally:
        cloudwatch.delete_alarms(AlarmNames=['HighReadCapacityAlarm'])


def read_lines(path):
    try:
        with open(path) as f:
            return [json.loads(line) for line in f]
    except FileNotFoundError:
        return []


def at_least(n, items):
    return items if len(items) >= n else None


def test_alarm_actions_go_to_the_action_log(tmp_path):
    data_dir = tmp_path / "data"
    own_clock = EngineClock(str(tmp_path / "clock-offset"))
    server, url = start_server(str(data_dir), "--clock-offset-file", own_clock.path)
    log = data_dir / "alarm-actions.log"
    ops = 'arn:aws:sns:us-east-1:000000000000:ops'
    try:
        dynamodb = boto3.client("dynamodb", **no_retry_kwargs(url))
        cloudwatch = boto3.client("cloudwatch", **no_retry_kwargs(url))
        create_table(dynamodb, "Orders")
        cloudwatch.put_metric_alarm(AlarmName="OrdersWritten", MetricName="ConsumedWriteCapacityUnits",
                                    Namespace=NAMESPACE, Statistic="Sum", Period=60, EvaluationPeriods=1,
                                    Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold",
                                    Dimensions=table_dimension("Orders"), AlarmActions=[ops])
        arn = alarm_of(cloudwatch, "OrdersWritten")["AlarmArn"]

        written = own_clock.to_next_minute()
        dynamodb.put_item(TableName="Orders", Item={"pk": {"S": "o-1"}, "sk": {"S": "line-1"}})
        own_clock.to_next_minute()
        alarm = wait_for_state(cloudwatch, "OrdersWritten", "ALARM")
        lines = wait_until(lambda: read_lines(log), seconds=10)
        assert lines == [{"time": lines[0]["time"], "alarmName": "OrdersWritten", "alarmArn": arn,
                          "oldState": "INSUFFICIENT_DATA", "newState": "ALARM", "reason": alarm["StateReason"],
                          "action": ops}]
        assert alarm["StateReason"] == (f"Threshold Crossed: 1 datapoint [1.0 ({reason_time(written)})] was greater "
                                        f"than or equal to the threshold (1.0).")
        assert lines[0]["time"] == iso_millis(alarm["StateUpdatedTimestamp"])
        action_items = wait_until(lambda: cloudwatch.describe_alarm_history(
            AlarmName="OrdersWritten", HistoryItemType="Action")["AlarmHistoryItems"], seconds=10)
        assert [i["HistorySummary"] for i in action_items] == [f"Successfully executed action {ops}"]
        assert json.loads(action_items[0]["HistoryData"])["actionState"] == "Succeeded"

        # Actions disabled: the next transition to ALARM runs nothing.
        cloudwatch.disable_alarm_actions(AlarmNames=["OrdersWritten"])
        assert alarm_of(cloudwatch, "OrdersWritten")["ActionsEnabled"] is False
        cloudwatch.set_alarm_state(AlarmName="OrdersWritten", StateValue="OK", StateReason="Reset by the test")
        assert alarm_of(cloudwatch, "OrdersWritten")["StateValue"] == "OK"
        # The next evaluation still sees minute M's write (the range is
        # EvaluationPeriods + 2 periods): back to ALARM, with actions off.
        own_clock.to_next_minute()
        wait_for_state(cloudwatch, "OrdersWritten", "ALARM")

        # Enabled again: a transition runs the action. The runner works in order,
        # so the log's second line being this one shows the disabled transition
        # queued nothing.
        cloudwatch.enable_alarm_actions(AlarmNames=["OrdersWritten"])
        assert alarm_of(cloudwatch, "OrdersWritten")["ActionsEnabled"] is True
        cloudwatch.set_alarm_state(AlarmName="OrdersWritten", StateValue="OK", StateReason="Reset again")
        cloudwatch.set_alarm_state(AlarmName="OrdersWritten", StateValue="ALARM", StateReason="Paging ops by hand")
        lines = wait_until(lambda: at_least(2, read_lines(log)), seconds=10)
        assert lines is not None and len(lines) == 2, read_lines(log)
        assert (lines[1]["oldState"], lines[1]["newState"], lines[1]["reason"], lines[1]["action"]) == (
            "OK", "ALARM", "Paging ops by hand", ops)
        history = wait_until(lambda: at_least(2, cloudwatch.describe_alarm_history(
            AlarmName="OrdersWritten", HistoryItemType="Action")["AlarmHistoryItems"]), seconds=10)
        assert history is not None and len(history) == 2
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0


# --- 1c: ListMetrics, alarm management, paginators, errors ------------------

def dims_of(metric):
    return frozenset((d["Name"], d["Value"]) for d in metric["Dimensions"])


def test_list_metrics_filters(client, cloudwatch, unique_name):
    name = unique_name("Listed")
    create_table(client, name, ExtraAttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
                 GlobalSecondaryIndexes=[{"IndexName": "ByG",
                                          "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                          "Projection": {"ProjectionType": "ALL"}}])
    for i in range(3):
        client.put_item(TableName=name, Item={"pk": {"S": f"p{i}"}, "sk": {"S": "s"}, "g": {"S": "x"}})
    client.get_item(TableName=name, Key={"pk": {"S": "p0"}, "sk": {"S": "s"}})
    client.query(TableName=name, IndexName="ByG", KeyConditionExpression="g = :g",
                 ExpressionAttributeValues={":g": {"S": "x"}})

    def listed(**filters):
        metrics = cloudwatch.list_metrics(**filters)["Metrics"]
        assert all(m["Namespace"] == NAMESPACE for m in metrics)
        return {(m["MetricName"], dims_of(m)) for m in metrics}

    table = ("TableName", name)
    index = ("GlobalSecondaryIndexName", "ByG")
    # A dimension filter matches every metric that has those dimensions.
    assert listed(Namespace=NAMESPACE, MetricName="ConsumedWriteCapacityUnits", Dimensions=table_dimension(name)) == {
        ("ConsumedWriteCapacityUnits", frozenset([table])),
        ("ConsumedWriteCapacityUnits", frozenset([table, index]))}
    # A filter without a value matches any value of that dimension.
    assert listed(Namespace=NAMESPACE, Dimensions=table_dimension(name) + [{"Name": "GlobalSecondaryIndexName"}]) == {
        ("ConsumedWriteCapacityUnits", frozenset([table, index])),
        ("ConsumedReadCapacityUnits", frozenset([table, index]))}
    assert listed(Dimensions=table_dimension(name) + [{"Name": "Operation", "Value": "Query"}]) == {
        ("SuccessfulRequestLatency", frozenset([table, ("Operation", "Query")])),
        ("ReturnedItemCount", frozenset([table, ("Operation", "Query")]))}
    # The gauges arrive within a second or so.
    assert wait_until(lambda: listed(MetricName="ItemCount", Dimensions=table_dimension(name)), seconds=10) == {
        ("ItemCount", frozenset([table]))}
    assert listed(Namespace="AWS/EC2") == set()
    assert listed(Namespace=NAMESPACE, MetricName="NoSuchMetric") == set()

    # The paginator gives what one call gives (a page holds up to 500).
    everything = listed(Namespace=NAMESPACE, Dimensions=table_dimension(name))
    paged = set()
    for page in cloudwatch.get_paginator("list_metrics").paginate(Namespace=NAMESPACE,
                                                                  Dimensions=table_dimension(name)):
        paged |= {(m["MetricName"], dims_of(m)) for m in page["Metrics"]}
    assert paged == everything
    assert {"ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits", "SuccessfulRequestLatency",
            "ReturnedItemCount", "ItemCount", "TableSizeBytes"} <= {m for m, _ in everything}


def test_request_latency_only_for_data_plane_operations(client, cloudwatch, unique_name):
    # DynamoDB's Operation dimension: PutItem, DeleteItem, UpdateItem, GetItem,
    # BatchGetItem, Scan, Query, BatchWriteItem, the transactions, the PartiQL
    # operations and Streams' GetRecords. Control-plane calls are not metered.
    name = unique_name("Latency")
    create_table(client, name)  # CreateTable, then DescribeTable (the waiter)
    client.put_item(TableName=name, Item={"pk": {"S": "p"}, "sk": {"S": "s"}})
    client.get_item(TableName=name, Key={"pk": {"S": "p"}, "sk": {"S": "s"}})
    client.describe_table(TableName=name)
    metrics = cloudwatch.list_metrics(Namespace=NAMESPACE, MetricName="SuccessfulRequestLatency",
                                      Dimensions=table_dimension(name))["Metrics"]
    assert {dims_of(m) for m in metrics} == {frozenset([("TableName", name), ("Operation", op)])
                                             for op in ("PutItem", "GetItem")}


def put_alarm(cloudwatch, name, table, **extra):
    """An alarm on a table without traffic that ignores missing data, so its
    evaluations (each minute) keep whatever state a test gives it."""
    cloudwatch.put_metric_alarm(**{"AlarmName": name, "MetricName": "ConsumedWriteCapacityUnits",
                                   "Namespace": NAMESPACE, "Statistic": "Sum", "Period": 60,
                                   "EvaluationPeriods": 2, "DatapointsToAlarm": 1, "Threshold": 1000,
                                   "ComparisonOperator": "GreaterThanThreshold", "TreatMissingData": "ignore",
                                   "Dimensions": table_dimension(table),
                                   "AlarmActions": ["arn:aws:sns:us-east-1:000000000000:writes"]} | extra)


def test_alarm_management_and_paginators(cloudwatch, unique_name):
    table = unique_name("Managed")  # alarms may name tables that do not exist (yet)
    names = ["Mgmt-A", "Mgmt-B", "Mgmt-C"]
    for name in reversed(names):
        put_alarm(cloudwatch, name, table)
    try:
        alarms = cloudwatch.describe_alarms(AlarmNamePrefix="Mgmt-")["MetricAlarms"]
        assert [a["AlarmName"] for a in alarms] == names  # by name
        assert all((a["DatapointsToAlarm"], a["EvaluationPeriods"], a["TreatMissingData"]) == (1, 2, "ignore")
                   for a in alarms)

        # describe_alarms, one alarm a page.
        pages = list(cloudwatch.get_paginator("describe_alarms").paginate(
            AlarmNamePrefix="Mgmt-", PaginationConfig={"PageSize": 1}))
        assert [[a["AlarmName"] for a in p["MetricAlarms"]] for p in pages] == [[n] for n in names]
        assert ["NextToken" in p for p in pages] == [True, True, False]

        # SetAlarmState: the value and reason until the next evaluation.
        cloudwatch.set_alarm_state(AlarmName="Mgmt-A", StateValue="ALARM", StateReason="Testing the pager",
                                   StateReasonData='{"source": "test"}')
        # The transition runs the alarm's action (the server logs it) and records that.
        assert wait_until(lambda: cloudwatch.describe_alarm_history(
            AlarmName="Mgmt-A", HistoryItemType="Action")["AlarmHistoryItems"], seconds=10)
        a = alarm_of(cloudwatch, "Mgmt-A")
        assert (a["StateValue"], a["StateReason"], json.loads(a["StateReasonData"])) == (
            "ALARM", "Testing the pager", {"source": "test"})
        assert [a["AlarmName"] for a in cloudwatch.describe_alarms(
            AlarmNamePrefix="Mgmt-", StateValue="ALARM")["MetricAlarms"]] == ["Mgmt-A"]
        assert [a["AlarmName"] for a in cloudwatch.describe_alarms(
            AlarmNames=names, StateValue="INSUFFICIENT_DATA")["MetricAlarms"]] == ["Mgmt-B", "Mgmt-C"]
        assert [a["AlarmName"] for a in cloudwatch.describe_alarms(
            ActionPrefix="arn:aws:sns:us-east-1:000000000000:wr")["MetricAlarms"] if a["AlarmName"] in names] == names

        # Enable/DisableAlarmActions.
        cloudwatch.disable_alarm_actions(AlarmNames=["Mgmt-A", "Mgmt-B"])
        assert [a["ActionsEnabled"] for a in cloudwatch.describe_alarms(AlarmNames=names)["MetricAlarms"]] == [
            False, False, True]
        cloudwatch.enable_alarm_actions(AlarmNames=["Mgmt-A"])
        assert [a["ActionsEnabled"] for a in cloudwatch.describe_alarms(AlarmNames=names)["MetricAlarms"]] == [
            True, False, True]

        # describe_alarm_history, one item a page, gives what one call gives.
        history = cloudwatch.describe_alarm_history(AlarmName="Mgmt-A")["AlarmHistoryItems"]
        assert [(i["HistoryItemType"], i["HistorySummary"]) for i in history] == [
            ("ConfigurationUpdate", 'Alarm "Mgmt-A" updated'),   # actions enabled
            ("ConfigurationUpdate", 'Alarm "Mgmt-A" updated'),   # actions disabled
            ("Action", "Successfully executed action arn:aws:sns:us-east-1:000000000000:writes"),
            ("StateUpdate", "Alarm updated from INSUFFICIENT_DATA to ALARM"),
            ("ConfigurationUpdate", 'Alarm "Mgmt-A" created')]
        paged = []
        pages = cloudwatch.get_paginator("describe_alarm_history").paginate(
            AlarmName="Mgmt-A", PaginationConfig={"PageSize": 1})
        for page in pages:
            assert len(page["AlarmHistoryItems"]) <= 1
            paged += page["AlarmHistoryItems"]
        assert paged == history
        assert [i["HistorySummary"] for i in cloudwatch.describe_alarm_history(
            AlarmName="Mgmt-A", HistoryItemType="ConfigurationUpdate")["AlarmHistoryItems"]] == [
            'Alarm "Mgmt-A" updated', 'Alarm "Mgmt-A" updated', 'Alarm "Mgmt-A" created']
        disabled = json.loads(history[1]["HistoryData"])
        assert disabled["type"] == "Update"

        # PutMetricAlarm on an existing name replaces it (state kept).
        put_alarm(cloudwatch, "Mgmt-A", table, Threshold=2000)
        a = alarm_of(cloudwatch, "Mgmt-A")
        assert (a["Threshold"], a["StateValue"]) == (2000.0, "ALARM")
    finally:
        cloudwatch.delete_alarms(AlarmNames=names)
    assert cloudwatch.describe_alarms(AlarmNamePrefix="Mgmt-")["MetricAlarms"] == []
    # A deleted alarm's history stays readable, its deletion first.
    history = cloudwatch.describe_alarm_history(AlarmName="Mgmt-B")["AlarmHistoryItems"]
    assert [i["HistorySummary"] for i in history][0] == 'Alarm "Mgmt-B" deleted'
    assert json.loads(history[0]["HistoryData"])["type"] == "Delete"


def cloudwatch_error(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        call(**kwargs)
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    return error_of(e)


def test_errors_as_boto3_sees_them(cloudwatch, clock, unique_name):
    table = unique_name("Errors")
    now = clock.now()

    def put(**changes):
        return cloudwatch_error(cloudwatch.put_metric_alarm, **{
            "AlarmName": "Broken", "MetricName": "ConsumedReadCapacityUnits", "Namespace": NAMESPACE,
            "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1, "Threshold": 1,
            "ComparisonOperator": "GreaterThanThreshold", "Dimensions": table_dimension(table)} | changes)

    assert put(EvaluationPeriods=2, DatapointsToAlarm=3) == (
        "ValidationError", "DatapointsToAlarm must be less than or equal to EvaluationPeriods")
    assert put(Period=45) == ("ValidationError", "Period must be 10, 30 or a multiple of 60")
    assert put(ComparisonOperator="MoreThan") == (
        "ValidationError", "1 validation error detected: Value 'MoreThan' at 'comparisonOperator' failed to satisfy "
        "constraint: Member must satisfy enum value set: [GreaterThanOrEqualToThreshold, GreaterThanThreshold, "
        "LessThanThreshold, LessThanOrEqualToThreshold]")
    code, _ = put(Namespace="AWS/EC2")  # Dynadesk records only AWS/DynamoDB
    assert code == "InvalidParameterValue"
    assert cloudwatch.describe_alarms(AlarmNames=["Broken"])["MetricAlarms"] == []

    def stats(**changes):
        request = {"Namespace": NAMESPACE, "MetricName": "ConsumedReadCapacityUnits",
                   "Dimensions": table_dimension(table), "StartTime": utc(now - 600), "EndTime": utc(now),
                   "Period": 60, "Statistics": ["Sum"]} | changes
        return cloudwatch_error(cloudwatch.get_metric_statistics,
                                **{k: v for k, v in request.items() if v is not None})

    # Older than an hour only minutes are kept: the period must be whole minutes.
    assert stats(StartTime=utc(now - 7200), Period=90) == (
        "InvalidParameterValue", "The parameter Period must be a multiple of 60.")
    assert stats(StartTime=utc(now), EndTime=utc(now - 60)) == (
        "InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime.")
    assert stats(Period=1, StartTime=utc(now - 3000)) == (
        "InvalidParameterCombination", "You have requested up to 3000 datapoints, which exceeds the limit of 1440. "
        "You may reduce the datapoints requested by increasing Period, or decreasing the time range.")
    # Neither Statistics nor ExtendedStatistics (botocore requires neither); the
    # error code is checked in test_statistics_missing_error_code.
    _, message = stats(Statistics=None)
    assert message.rstrip(".") == "Must specify either Statistics or ExtendedStatistics"
    # botocore itself refuses a Period under 1 before sending anything.
    with pytest.raises(botocore.exceptions.ParamValidationError):
        cloudwatch.get_metric_statistics(Namespace=NAMESPACE, MetricName="ItemCount", StartTime=utc(now - 60),
                                         EndTime=utc(now), Period=0, Statistics=["Sum"])

    assert cloudwatch_error(cloudwatch.set_alarm_state, AlarmName="NoSuchAlarm", StateValue="OK",
                            StateReason="x") == ("ResourceNotFound", "Alarm NoSuchAlarm not found")
    assert cloudwatch_error(cloudwatch.describe_alarms, MaxRecords=101) == (
        "ValidationError", "1 validation error detected: Value '101' at 'maxRecords' failed to satisfy constraint: "
        "Member must have value less than or equal to 100")
    code, _ = cloudwatch_error(cloudwatch.describe_alarms, NextToken="not-a-token")
    assert code == "InvalidNextToken"
    put_alarm(cloudwatch, "Errors-A", table)
    try:
        code, _ = cloudwatch_error(cloudwatch.set_alarm_state, AlarmName="Errors-A", StateValue="ALARM",
                                   StateReason="x", StateReasonData="{not json")
        assert code == "InvalidFormat"
        assert alarm_of(cloudwatch, "Errors-A")["StateValue"] == "INSUFFICIENT_DATA"
    finally:
        cloudwatch.delete_alarms(AlarmNames=["Errors-A"])


def test_statistics_missing_error_code(cloudwatch, clock):
    now = clock.now()
    code, _ = cloudwatch_error(cloudwatch.get_metric_statistics, Namespace=NAMESPACE, MetricName="ItemCount",
                               StartTime=utc(now - 600), EndTime=utc(now), Period=60)
    assert code == "InvalidParameterCombination"


# --- 1d: throttling in the metrics -------------------------------------------

def test_throttling_shows_in_the_metrics(aws, client, cloudwatch, clock, unique_name):
    name = unique_name("OneWcu")
    create_table(client, name, BillingMode="PROVISIONED",
                 ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})
    # total_max_attempts, not max_attempts: botocore's max_attempts counts retries
    # after the first attempt, so max_attempts=1 still retries a throttled request once.
    strict = boto3.client("dynamodb", region_name="us-east-1",
                          config=Config(retries={"total_max_attempts": 1, "mode": "standard"}), **aws)
    start = clock.now()
    written = 0           # items written (1 WCU each)
    throttle_events = 0   # items refused
    refused = {"BatchWriteItem": 0, "PutItem": 0}
    # Spend the 300 units of burst capacity in 25-item batches until one is refused.
    while refused["BatchWriteItem"] == 0:
        assert written < 1000, "no throttling"
        batch = [{"PutRequest": {"Item": {"pk": {"S": f"k{written + i}"}, "sk": {"S": "s"}}}} for i in range(25)]
        try:
            answer = strict.batch_write_item(RequestItems={name: batch})
        except botocore.exceptions.ClientError as e:
            assert e.response["Error"]["Code"] == "ProvisionedThroughputExceededException"
            refused["BatchWriteItem"] += 1
            throttle_events += 25
            continue
        unprocessed = len(answer["UnprocessedItems"].get(name, []))
        written += 25 - unprocessed
        throttle_events += unprocessed
    assert 300 <= written < 400, written
    # Then single writes, until one is refused.
    for i in range(20):
        try:
            strict.put_item(TableName=name, Item={"pk": {"S": f"single-{i}"}, "sk": {"S": "s"}})
            written += 1
        except botocore.exceptions.ClientError as e:
            assert e.response["Error"]["Code"] == "ProvisionedThroughputExceededException"
            refused["PutItem"] += 1
            throttle_events += 1
            break
    assert refused["PutItem"] == 1
    window = (int(start), int(clock.now()) + 2)
    dims = table_dimension(name)

    points = datapoints(cloudwatch, "WriteThrottleEvents", dims, *window, 60)
    assert total(points, "Sum") == throttle_events >= 1
    for operation, count in refused.items():
        points = datapoints(cloudwatch, "ThrottledRequests", dims + [{"Name": "Operation", "Value": operation}],
                            *window, 60)
        assert total(points, "Sum") == count == 1, operation
    points = datapoints(cloudwatch, "ConsumedWriteCapacityUnits", dims, *window, 60)
    assert total(points, "Sum") == written
    assert datapoints(cloudwatch, "ReadThrottleEvents", dims, *window, 60) == []
    # The provisioned capacity is a gauge, sampled each second.
    points = wait_until(lambda: datapoints(cloudwatch, "ProvisionedWriteCapacityUnits", dims, window[0],
                                           int(clock.now()) + 2, 60, ("Maximum",)), seconds=5)
    assert points and max(p["Maximum"] for p in points) == 1.0
