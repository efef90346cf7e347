"""Seed 003 (architecture deep dive): its boto3 scripts, run against Dynadesk.

The seed's code is kept as written; the only additions are `**aws` (endpoint URL
and credentials, see conftest.py) in boto3.resource().  Lines marked "# test:"
are the test's own.  The AWS CLI create-table belongs to the CLI suite; the
stream-triggered Lambda handler needs stream records (README.md).
"""
from decimal import Decimal

import botocore.exceptions
import pytest

from helpers import error_of, printed


def test_create_table_with_the_sdk_and_write_from_a_lambda_handler(aws, capsys):
    import boto3

    dynamodb = boto3.resource('dynamodb', **aws)

    table = dynamodb.create_table(

        TableName='twtech-Users',

        KeySchema=[

            {'AttributeName': 'UserID', 'KeyType': 'HASH'}

        ],

        AttributeDefinitions=[

            {'AttributeName': 'UserID', 'AttributeType': 'S'}

        ],

        BillingMode='PAY_PER_REQUEST'

    )

    table.wait_until_exists()

    print("twtech Table created successfully")

    assert printed(capsys) == ["twtech Table created successfully"]
    description = table.meta.client.describe_table(TableName='twtech-Users')['Table']
    assert description['TableStatus'] == 'ACTIVE'
    assert description['BillingModeSummary']['BillingMode'] == 'PAY_PER_REQUEST'
    # On-demand tables report zero provisioned throughput.
    assert description['ProvisionedThroughput']['ReadCapacityUnits'] == 0
    assert description['ProvisionedThroughput']['WriteCapacityUnits'] == 0
    assert description['TableArn'].endswith(':table/twtech-Users')

    # A. Lambda (Serverless Function): "Use SDK in twtech Lambda code"
    import boto3

    dynamodb = boto3.resource('dynamodb', **aws)

    table = dynamodb.Table('twtech-Users')

    def lambda_handler(event, context):

        response = table.put_item(

            Item={

                'UserID': 'twtech123',

                'Name': 'twtechuser-pat'

            }

        )

        return response

    # test: invoke the handler as Lambda would.
    response = lambda_handler({}, None)
    assert list(response) == ['ResponseMetadata']
    assert response['ResponseMetadata']['HTTPStatusCode'] == 200
    assert table.get_item(Key={'UserID': 'twtech123'})['Item'] == {'UserID': 'twtech123', 'Name': 'twtechuser-pat'}

    # test: the IAM policy's actions (GetItem, PutItem, Scan, UpdateItem) on the table.
    table.update_item(Key={'UserID': 'twtech123'}, UpdateExpression='SET logins = :one',
                      ExpressionAttributeValues={':one': 1})
    scanned = table.scan()
    assert scanned['Items'] == [{'UserID': 'twtech123', 'Name': 'twtechuser-pat', 'logins': Decimal(1)}]

    # test: CreateTable again is DynamoDB's ResourceInUseException.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        dynamodb.create_table(TableName='twtech-Users',
                              KeySchema=[{'AttributeName': 'UserID', 'KeyType': 'HASH'}],
                              AttributeDefinitions=[{'AttributeName': 'UserID', 'AttributeType': 'S'}],
                              BillingMode='PAY_PER_REQUEST')
    assert error_of(e) == ('ResourceInUseException', 'Table already exists: twtech-Users')
