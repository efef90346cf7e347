"""Shared fixtures for the boto3 conformance suite.

Every test talks to a real dynadesk-server through Debian's boto3, exactly as a
user's script would.  The only things a test may add to a seed's code are the
ones DynamoDB users change to point a script at another endpoint: the endpoint
URL, the region and the credentials.  Those live in the ``aws`` fixture, so a
seed's

    dynamodb = boto3.resource('dynamodb', region_name='us-east-1')

becomes

    dynamodb = boto3.resource('dynamodb', region_name='us-east-1', **aws)

with_server.py (tests/conformance) starts a fresh server per test file and sets
DYNADESK_ENDPOINT and fake credentials.  To run a file by hand against a server
that is already running:

    DYNADESK_ENDPOINT=http://127.0.0.1:8000 /usr/bin/python3 -m pytest -q test_x.py
"""
import os
import uuid

import boto3
import botocore.exceptions
import pytest

REGION = "us-east-1"

# Defaults for running by hand; with_server.py sets the same values.
os.environ.setdefault("AWS_ACCESS_KEY_ID", "fakeMyKeyId")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "fakeSecretAccessKey")
os.environ.setdefault("AWS_DEFAULT_REGION", REGION)
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture(scope="session")
def endpoint():
    url = os.environ.get("DYNADESK_ENDPOINT")
    if not url:
        pytest.exit("DYNADESK_ENDPOINT is not set: run through ctest (with_server.py) "
                    "or point it at a running dynadesk-server", returncode=2)
    return url


@pytest.fixture(scope="session")
def aws(endpoint):
    """The keyword arguments added to a seed's boto3.client()/boto3.resource() call."""
    return {
        "endpoint_url": endpoint,
        "aws_access_key_id": os.environ["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": os.environ["AWS_SECRET_ACCESS_KEY"],
    }


@pytest.fixture(scope="session")
def client(aws):
    return boto3.client("dynamodb", region_name=REGION, **aws)


@pytest.fixture(scope="session")
def resource(aws):
    return boto3.resource("dynamodb", region_name=REGION, **aws)


@pytest.fixture
def unique_name():
    """unique_name('Orders') -> 'Orders-1a2b3c4d': a table name no other test uses."""
    def make(prefix="t"):
        return f"{prefix}-{uuid.uuid4().hex[:8]}"
    return make


def _all_table_names(client):
    names = []
    for page in client.get_paginator("list_tables").paginate():
        names.extend(page["TableNames"])
    return names


def _drop_table(client, name):
    try:
        client.delete_table(TableName=name)
    except client.exceptions.ResourceNotFoundException:
        return
    except botocore.exceptions.ClientError as e:
        if "protected against deletion" not in e.response["Error"]["Message"]:
            raise
        client.update_table(TableName=name, DeletionProtectionEnabled=False)
        client.delete_table(TableName=name)


@pytest.fixture(autouse=True)
def drop_tables_created_by_the_test(client):
    """Deletes, after each test, the tables it created, so that tests reusing a
    seed's table name ('Products', 'Users', ...) start from nothing."""
    before = set(_all_table_names(client))
    yield
    for name in _all_table_names(client):
        if name not in before:
            _drop_table(client, name)

