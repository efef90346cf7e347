"""DynamoDB Streams through Debian's boto3 `dynamodbstreams` client, unmodified.

Seed 001's welcome e-mail trigger (only new customers with an EmailAddress get
one; Craig Roe has none), seed 003's Lambda handler printing INSERT records'
NewImage, reading with the paginated iterator loop consumers write, and
DynamoDB's errors for bad ARNs, shards and iterators.
"""
import boto3
import botocore.exceptions
import pytest

from helpers import error_of, printed


def read_all(streams, arn):
    """Every record of the stream's shards so far, the way a polling consumer reads."""
    records = []
    description = streams.describe_stream(StreamArn=arn)["StreamDescription"]
    for shard in description["Shards"]:
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                              ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        while iterator:
            page = streams.get_records(ShardIterator=iterator, Limit=2)
            records.extend(page["Records"])
            if not page["Records"]:
                break
            iterator = page.get("NextShardIterator")
    return records


def test_welcome_email_only_to_new_customers_with_an_address(aws, client, capsys):
    streams = boto3.client("dynamodbstreams", region_name="us-east-1", **aws)
    created = client.create_table(
        TableName="Customers", BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "CustomerId", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "CustomerId", "AttributeType": "S"}],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
    arn = created["TableDescription"]["LatestStreamArn"]
    customers = [("c1", "Jane Doe", "jane@example.com"), ("c2", "John Doe", "john@example.com"),
                 ("c3", "Craig Roe", None)]
    for cid, name, email in customers:
        item = {"CustomerId": {"S": cid}, "Name": {"S": name}}
        if email:
            item["EmailAddress"] = {"S": email}
        client.put_item(TableName="Customers", Item=item)
    # An existing customer's change is a MODIFY: no welcome for it.
    client.update_item(TableName="Customers", Key={"CustomerId": {"S": "c1"}},
                       UpdateExpression="SET Vip = :t", ExpressionAttributeValues={":t": {"BOOL": True}})

    sent = []

    def welcome_trigger(event, context):  # the seed's "Lambda function", SES replaced by a list
        for record in event["Records"]:
            if record["eventName"] != "INSERT":
                continue
            image = record["dynamodb"]["NewImage"]
            if "EmailAddress" in image:
                sent.append(image["EmailAddress"]["S"])

    welcome_trigger({"Records": read_all(streams, arn)}, None)
    assert sent == ["jane@example.com", "john@example.com"]

    # Seed 003's handler, as written, over the same records.
    def lambda_handler(event, context):

        for record in event['Records']:

            if record['eventName'] == 'INSERT':

                new_data = record['dynamodb']['NewImage']

                print("New record added:", new_data)

    lambda_handler({"Records": read_all(streams, arn)}, None)
    lines = printed(capsys)
    assert len(lines) == 3 and all(line.startswith("New record added: {") for line in lines)
    assert "Craig Roe" in lines[2]

    records = read_all(streams, arn)
    assert [r["eventName"] for r in records] == ["INSERT", "INSERT", "INSERT", "MODIFY"]
    assert all(r["eventSource"] == "aws:dynamodb" and r["awsRegion"] == "us-east-1" for r in records)
    modify = records[3]["dynamodb"]
    assert "Vip" in modify["NewImage"] and "Vip" not in modify["OldImage"]
    assert [r["dynamodb"]["SequenceNumber"] for r in records] == sorted(r["dynamodb"]["SequenceNumber"] for r in records)

    listed = streams.list_streams(TableName="Customers")["Streams"]
    assert listed == [{"StreamArn": arn, "TableName": "Customers", "StreamLabel": arn.rsplit("/", 1)[1]}]


def test_stream_errors(aws, client):
    streams = boto3.client("dynamodbstreams", region_name="us-east-1", **aws)
    created = client.create_table(
        TableName="Errs", BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    arn = created["TableDescription"]["LatestStreamArn"]
    with pytest.raises(streams.exceptions.ResourceNotFoundException):
        streams.describe_stream(StreamArn=arn + "x")
    with pytest.raises(streams.exceptions.ResourceNotFoundException):
        streams.get_shard_iterator(StreamArn=arn, ShardId="shardId-00000000000000000000-00000000", ShardIteratorType="LATEST")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        streams.get_records(ShardIterator="not-an-iterator-" + "x" * 10)
    assert error_of(e)[0] == "ValidationException"
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="AT_SEQUENCE_NUMBER",
                                   SequenceNumber="000000000000000000009")
    assert error_of(e)[0] == "ValidationException"
