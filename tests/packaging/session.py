#!/usr/bin/python3
"""A short real session against an installed Dynadesk, with Debian's boto3.

    session.py write URL   create a table, put an item, get it back
    session.py read URL    get that item back (waiting up to 30 s for the
                           endpoint to answer), as a later process would

Exits 0 when every answer is what DynamoDB would give, 1 otherwise.
"""
import sys
import time

import boto3
import botocore.config
import botocore.exceptions

TABLE = "PackagedInstall"
ITEM = {"pk": {"S": "installed"}, "sk": {"N": "1"}, "note": {"S": "written by tests/packaging"},
        "exact": {"N": "12345678901234567890.123456789"}}
KEY = {"pk": ITEM["pk"], "sk": ITEM["sk"]}


def client(url):
    return boto3.client(
        "dynamodb", endpoint_url=url, region_name="us-east-1",
        aws_access_key_id="fakeMyKeyId", aws_secret_access_key="fakeSecretAccessKey",
        config=botocore.config.Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=10))


def expect_item(ddb):
    got = ddb.get_item(TableName=TABLE, Key=KEY, ConsistentRead=True).get("Item")
    if got != ITEM:
        print(f"GetItem answered {got!r}, expected {ITEM!r}", file=sys.stderr)
        return 1
    print("GetItem returned the item")
    return 0


def write(url):
    ddb = client(url)
    ddb.create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                              {"AttributeName": "sk", "AttributeType": "N"}],
        BillingMode="PAY_PER_REQUEST")
    ddb.get_waiter("table_exists").wait(TableName=TABLE, WaiterConfig={"Delay": 1, "MaxAttempts": 10})
    print("CreateTable: table is", ddb.describe_table(TableName=TABLE)["Table"]["TableStatus"])
    ddb.put_item(TableName=TABLE, Item=ITEM)
    print("PutItem done")
    return expect_item(ddb)


def read(url):
    ddb = client(url)
    deadline = time.monotonic() + 30
    while True:
        try:
            return expect_item(ddb)
        except botocore.exceptions.EndpointConnectionError:
            if time.monotonic() > deadline:
                print(f"nothing answered on {url} within 30 s", file=sys.stderr)
                return 1
            time.sleep(0.5)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "read"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(write(sys.argv[2]) if sys.argv[1] == "write" else read(sys.argv[2]))
