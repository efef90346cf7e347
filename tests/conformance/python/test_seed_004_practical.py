"""Seed 004 (practical usage): its boto3 scripts, run against Dynadesk.

The seed's code is kept as written; the only additions are `**aws` (endpoint URL
and credentials, see conftest.py) in boto3.client()/resource().  Lines marked
"# test:" are the test's own.

The seed's web handlers (FastAPI, Flask, Django) are run with tiny stand-ins for
those frameworks (FRAMEWORK_STANDINS below: decorators that register nothing, a
request object carrying the example request's data, jsonify/JsonResponse giving
back the body), so that the handlers' own code runs unchanged and is called the
way the seed's example request calls it.  Backups and the transaction need later
issues (README.md).
"""
import asyncio
import sys
import types
from decimal import Decimal

import botocore.exceptions
import pytest

from helpers import error_of, printed, printed_value


class _Request:
    """What a framework hands the handler: JSON body (Flask) or query string (Django)."""
    json = None
    GET = {}


def _framework_standins():
    fastapi = types.ModuleType('fastapi')

    class FastAPI:
        def post(self, path):
            return lambda handler: handler
    fastapi.FastAPI = FastAPI

    flask = types.ModuleType('flask')

    class Flask:
        def __init__(self, import_name):
            pass

        def route(self, rule, methods=None):
            return lambda handler: handler
    flask.Flask = Flask
    flask.request = _Request()
    flask.jsonify = lambda body: body

    django = types.ModuleType('django')
    django_http = types.ModuleType('django.http')
    django_http.JsonResponse = lambda body: body
    django.http = django_http
    return {'fastapi': fastapi, 'flask': flask, 'django': django, 'django.http': django_http}


@pytest.fixture
def frameworks(monkeypatch):
    standins = _framework_standins()
    for name, module in standins.items():
        monkeypatch.setitem(sys.modules, name, module)
    return standins


def create_table(client, name, partition, sort=None):
    """test: the tables the seed designs ("Table Design") but creates elsewhere."""
    keys = [(partition[0], 'HASH')] + ([(sort[0], 'RANGE')] if sort else [])
    types_ = [partition] + ([sort] if sort else [])
    client.create_table(TableName=name,
                        KeySchema=[{'AttributeName': n, 'KeyType': k} for n, k in keys],
                        AttributeDefinitions=[{'AttributeName': n, 'AttributeType': t} for n, t in types_],
                        BillingMode='PAY_PER_REQUEST')
    client.get_waiter('table_exists').wait(TableName=name)


def test_example_1_user_activity_tracker(aws, client, frameworks, capsys):
    create_table(client, 'UserActivity', ('user_id', 'S'), ('timestamp', 'N'))

    from fastapi import FastAPI
    import boto3
    import time

    app = FastAPI()
    dynamodb = boto3.resource('dynamodb', region_name='us-east-1', **aws)
    table = dynamodb.Table('UserActivity')

    @app.post("/log_activity/")
    async def log_activity(user_id: str, action: str):
        timestamp = int(time.time())
        table.put_item(
            Item={
                'user_id': user_id,
                'timestamp': timestamp,
                'action': action,
                'metadata': {'ip': '192.168.1.10'}
            }
        )
        return {"status": "success", "user_id": user_id, "action": action}

    # test: curl -X POST "http://127.0.0.1:8000/log_activity/?user_id=U123&action=login"
    before = int(time.time())
    assert asyncio.run(log_activity(user_id='U123', action='login')) == \
        {"status": "success", "user_id": "U123", "action": "login"}

    # Query User Activity
    response = table.query(
        KeyConditionExpression=boto3.dynamodb.conditions.Key('user_id').eq('U123')
    )
    print(response['Items'])

    (line,) = printed(capsys)
    (item,) = printed_value(line, "")
    assert before <= item['timestamp'] <= int(time.time())
    assert item == {'user_id': 'U123', 'timestamp': item['timestamp'], 'action': 'login',
                    'metadata': {'ip': '192.168.1.10'}}
    assert isinstance(item['timestamp'], Decimal)


def test_example_2_iot_sensor_data(aws, client, frameworks):
    create_table(client, 'IoTSensorData', ('device_id', 'S'), ('timestamp', 'N'))

    from flask import Flask, request, jsonify
    import boto3, time

    app = Flask(__name__)
    dynamodb = boto3.resource('dynamodb', region_name='us-east-1', **aws)
    table = dynamodb.Table('IoTSensorData')

    @app.route('/upload_data', methods=['POST'])
    def upload_data():
        data = request.json
        device_id = data['device_id']
        temperature = data['temperature']
        humidity = data['humidity']

        timestamp = int(time.time())

        table.put_item(
            Item={
                'device_id': device_id,
                'timestamp': timestamp,
                'temperature': temperature,
                'humidity': humidity
            }
        )
        return jsonify({"status": "success", "device_id": device_id})

    # The seed's example request: JSON's 30.5 is a Python float, which boto3
    # refuses before sending anything (against DynamoDB too); Flask would answer 500.
    request.json = {"device_id": "D001", "temperature": 30.5, "humidity": 67}
    with pytest.raises(TypeError, match='^Float types are not supported. Use Decimal types instead.$'):
        upload_data()
    assert table.scan()['Items'] == []

    # test: a reading with whole numbers goes through.
    request.json = {"device_id": "D002", "temperature": 28, "humidity": 72}
    assert upload_data() == {"status": "success", "device_id": "D002"}
    (item,) = table.scan()['Items']
    assert item['temperature'] == Decimal(28) and item['humidity'] == Decimal(72)


def test_example_3_shopping_cart(aws, client, frameworks):
    create_table(client, 'ShoppingCart', ('user_id', 'S'), ('item_id', 'S'))

    from django.http import JsonResponse
    import boto3

    dynamodb = boto3.resource('dynamodb', region_name='us-east-1', **aws)
    cart_table = dynamodb.Table('ShoppingCart')

    def add_to_cart(request):
        user_id = request.GET.get('user_id')
        item_id = request.GET.get('item_id')
        name = request.GET.get('name')
        quantity = int(request.GET.get('quantity'))
        price = float(request.GET.get('price'))

        cart_table.put_item(
            Item={
                'user_id': user_id,
                'item_id': item_id,
                'name': name,
                'quantity': quantity,
                'price': price
            }
        )
        return JsonResponse({"status": "Item added to cart"})

    # The seed's example request: float(price) is always a float, which boto3
    # refuses, so the cart is never updated.
    request = _Request()
    request.GET = {'user_id': 'U123', 'item_id': 'P101', 'name': 'Book', 'quantity': '1', 'price': '10'}
    with pytest.raises(TypeError, match='^Float types are not supported. Use Decimal types instead.$'):
        add_to_cart(request)
    assert cart_table.scan()['Items'] == []


def test_users_table_crud(aws, capsys):
    """9.1-9.6 and the Query/Scan snippets of section 8."""
    # 9.1 Create Table
    import boto3

    dynamodb = boto3.resource('dynamodb', **aws)

    table = dynamodb.create_table(
        TableName='Users',
        KeySchema=[
            {'AttributeName': 'user_id', 'KeyType': 'HASH'},  # Partition key
        ],
        AttributeDefinitions=[
            {'AttributeName': 'user_id', 'AttributeType': 'S'},
        ],
        ProvisionedThroughput={
            'ReadCapacityUnits': 5,
            'WriteCapacityUnits': 5
        }
    )
    table.wait_until_exists()
    print("Table created:", table.table_status)

    # The resource keeps CreateTable's answer (the waiter does not reload it), and
    # DynamoDB answers CreateTable with CREATING.
    assert printed(capsys) == ["Table created: CREATING"]
    table.reload()
    assert table.table_status == 'ACTIVE'

    # 9.2 Insert (Put Item)
    table.put_item(
        Item={
            'user_id': 'U123',
            'name': 'Alice',
            'email': 'alice@example.com',
            'age': 25
        }
    )

    # 9.3 Get Item
    response = table.get_item(Key={'user_id': 'U123'})
    print(response['Item'])
    (line,) = printed(capsys)
    assert printed_value(line, "") == {'user_id': 'U123', 'name': 'Alice', 'email': 'alice@example.com',
                                       'age': Decimal(25)}

    # 9.4 Update Item (AGE is not one of DynamoDB's reserved words)
    table.update_item(
        Key={'user_id': 'U123'},
        UpdateExpression="SET age = :new_age",
        ExpressionAttributeValues={':new_age': 26}
    )
    assert table.get_item(Key={'user_id': 'U123'})['Item']['age'] == Decimal(26)

    # 8.1 Query / 8.2 Scan
    from boto3.dynamodb.conditions import Key
    response = table.query(
        KeyConditionExpression=Key('user_id').eq('U123')
    )
    assert [i['age'] for i in response['Items']] == [Decimal(26)]
    response = table.scan()
    assert [i['user_id'] for i in response['Items']] == ['U123']

    # 9.5 Delete Item
    table.delete_item(Key={'user_id': 'U123'})

    # 9.6 Query with Filter (run after 9.5, so nothing is left to find)
    from boto3.dynamodb.conditions import Key, Attr

    response = table.query(
        KeyConditionExpression=Key('user_id').eq('U123'),
        FilterExpression=Attr('age').gt(20)
    )
    print(response['Items'])
    assert printed(capsys) == ["[]"]
    assert (response['Count'], response['ScannedCount']) == (0, 0)

    # test: 9.2 then 9.6 again: the filter keeps Alice (25 > 20) ...
    table.put_item(Item={'user_id': 'U123', 'name': 'Alice', 'email': 'alice@example.com', 'age': 25})
    response = table.query(
        KeyConditionExpression=Key('user_id').eq('U123'),
        FilterExpression=Attr('age').gt(20)
    )
    print(response['Items'])
    (line,) = printed(capsys)
    assert printed_value(line, "") == [{'user_id': 'U123', 'name': 'Alice', 'email': 'alice@example.com',
                                        'age': Decimal(25)}]
    # ... and a filter she fails still counts her as scanned.
    response = table.query(KeyConditionExpression=Key('user_id').eq('U123'), FilterExpression=Attr('age').gt(30))
    assert (response['Items'], response['Count'], response['ScannedCount']) == ([], 0, 1)


def test_transaction_update_uses_the_reserved_word_status(aws, client):
    """Section 14's transaction as written: its Update writes `SET status = :s`,
    and STATUS is one of DynamoDB's reserved words, so DynamoDB refuses the whole
    transaction and neither the Put nor the Update happens."""
    create_table(client, 'Users', ('user_id', 'S'))
    create_table(client, 'Orders', ('order_id', 'S'))
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.transact_write_items(
            TransactItems=[
                {
                    'Put': {
                        'TableName': 'Users',
                        'Item': {'user_id': {'S': 'U124'}, 'name': {'S': 'Bob'}}
                    }
                },
                {
                    'Update': {
                        'TableName': 'Orders',
                        'Key': {'order_id': {'S': 'O100'}},
                        'UpdateExpression': "SET status = :s",
                        'ExpressionAttributeValues': {':s': {'S': 'confirmed'}}
                    }
                }
            ]
        )
    assert error_of(e) == ('ValidationException',
                           'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status')
    assert client.scan(TableName='Users')['Items'] == []
    assert client.scan(TableName='Orders')['Items'] == []

    # test: with a name placeholder the same transaction commits, both actions at once.
    client.transact_write_items(TransactItems=[
        {'Put': {'TableName': 'Users', 'Item': {'user_id': {'S': 'U124'}, 'name': {'S': 'Bob'}}}},
        {'Update': {'TableName': 'Orders', 'Key': {'order_id': {'S': 'O100'}}, 'UpdateExpression': "SET #s = :s",
                    'ExpressionAttributeNames': {'#s': 'status'},
                    'ExpressionAttributeValues': {':s': {'S': 'confirmed'}}}}])
    assert client.get_item(TableName='Users', Key={'user_id': {'S': 'U124'}})['Item'] == {
        'user_id': {'S': 'U124'}, 'name': {'S': 'Bob'}}
    assert client.get_item(TableName='Orders', Key={'order_id': {'S': 'O100'}})['Item'] == {
        'order_id': {'S': 'O100'}, 'status': {'S': 'confirmed'}}
