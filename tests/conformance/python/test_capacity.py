"""Capacity through boto3: ReturnConsumedCapacity as DynamoDB answers it, and
provisioned throttling as an SDK meets it. A 5 WCU table saves up 300 seconds
of unused capacity (1,500 units); once that is spent, a client without retries
sees ProvisionedThroughputExceededException, while one with the SDK's default
retries gets through, because its backoff waits for capacity to refill.
"""
import time

import boto3
import botocore.exceptions
import pytest
from botocore.config import Config

from helpers import error_of, start_server

THROTTLED = ("The level of configured provisioned throughput for the table was exceeded. "
             "Consider increasing your provisioning level with the UpdateTable API")


def create_provisioned(client, name, rcu=5, wcu=5):
    client.create_table(TableName=name,
                        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                        ProvisionedThroughput={"ReadCapacityUnits": rcu, "WriteCapacityUnits": wcu})
    client.get_waiter("table_exists").wait(TableName=name)


def spend_write_capacity(client, name, limit=3000):
    """Writes 25-item batches until the table refuses one; returns the items written.

    At most 900 items a second: one partition never serves more than 1,000 WCU
    a second, so writing faster would be throttled by the partition before the
    table's burst capacity is spent, as DynamoDB's would."""
    written = 0
    started = time.monotonic()
    while written < limit:
        ahead = written / 900 - (time.monotonic() - started)
        if ahead > 0:
            time.sleep(ahead)
        batch = [{"PutRequest": {"Item": {"id": {"S": f"burst-{written + i}"}}}} for i in range(25)]
        try:
            answer = client.batch_write_item(RequestItems={name: batch})
        except botocore.exceptions.ClientError as e:
            assert e.response["Error"]["Code"] == "ProvisionedThroughputExceededException"
            return written
        unprocessed = answer["UnprocessedItems"].get(name, [])
        written += 25 - len(unprocessed)
        if unprocessed:
            return written
    raise AssertionError(f"{written} writes and no throttling")


def no_retries(aws):
    return boto3.client("dynamodb", region_name="us-east-1",
                        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}), **aws)


def test_consumed_capacity_as_dynamodb_reports_it(client, unique_name):
    name = unique_name("Capacity")
    create_provisioned(client, name, 100, 100)
    answer = client.put_item(TableName=name, Item={"id": {"S": "a"}, "body": {"S": "x" * 1500}},
                             ReturnConsumedCapacity="TOTAL")
    assert answer["ConsumedCapacity"] == {"TableName": name, "CapacityUnits": 2.0}
    answer = client.get_item(TableName=name, Key={"id": {"S": "a"}}, ReturnConsumedCapacity="INDEXES")
    assert answer["ConsumedCapacity"] == {"TableName": name, "CapacityUnits": 0.5, "Table": {"CapacityUnits": 0.5}}
    answer = client.transact_write_items(
        TransactItems=[{"Put": {"TableName": name, "Item": {"id": {"S": "b"}}}}], ReturnConsumedCapacity="TOTAL")
    assert answer["ConsumedCapacity"] == [{"TableName": name, "CapacityUnits": 2.0, "WriteCapacityUnits": 2.0}]
    table = boto3.resource("dynamodb", region_name="us-east-1", endpoint_url=client.meta.endpoint_url,
                           aws_access_key_id="k", aws_secret_access_key="s").Table(name)
    answer = table.scan(ReturnConsumedCapacity="TOTAL")
    assert answer["Count"] == 2
    assert answer["ConsumedCapacity"] == {"TableName": name, "CapacityUnits": 0.5}


def test_without_retries_a_spent_table_throttles(client, aws, unique_name):
    name = unique_name("FiveWcu")
    create_provisioned(client, name)
    strict = no_retries(aws)
    written = spend_write_capacity(strict, name)
    # 300 seconds of 5 WCU, plus what refilled while writing.
    assert 1500 <= written < 1700, written
    with pytest.raises(botocore.exceptions.ClientError) as e:
        strict.put_item(TableName=name, Item={"id": {"S": "one-more"}})
    assert error_of(e) == ("ProvisionedThroughputExceededException", THROTTLED)
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "Item" not in strict.get_item(TableName=name, Key={"id": {"S": "one-more"}}, ConsistentRead=True)


def test_default_retries_complete_anyway(client, aws, unique_name):
    name = unique_name("Patient")
    create_provisioned(client, name)
    spend_write_capacity(no_retries(aws), name)
    patient = boto3.client("dynamodb", region_name="us-east-1", **aws)  # the SDK's default retries
    retried = 0
    for i in range(5):
        answer = patient.put_item(TableName=name, Item={"id": {"S": f"late-{i}"}})
        retried += answer["ResponseMetadata"]["RetryAttempts"]
    assert retried > 0, "the table should have throttled at least once"
    for i in range(5):
        assert "Item" in patient.get_item(TableName=name, Key={"id": {"S": f"late-{i}"}}, ConsistentRead=True)


def test_no_throttling_option_for_bulk_loads(tmp_path):
    server, url = start_server(str(tmp_path / "data"), "--no-throttling")
    try:
        client = boto3.client("dynamodb", region_name="us-east-1", endpoint_url=url, aws_access_key_id="k",
                              aws_secret_access_key="s", config=Config(retries={"total_max_attempts": 1, "mode": "standard"}))
        create_provisioned(client, "BulkLoad", 1, 1)
        for start in range(0, 1000, 25):
            batch = [{"PutRequest": {"Item": {"id": {"S": str(start + i)}}}} for i in range(25)]
            assert client.batch_write_item(RequestItems={"BulkLoad": batch})["UnprocessedItems"] == {}
        assert client.scan(TableName="BulkLoad", Select="COUNT")["Count"] == 1000
    finally:
        server.terminate()
        server.wait(timeout=30)
