"""Seed 001 (the developer guide's model) has no scripts of its own: it describes
tables, keys, naming rules, types, read consistency and the control-plane and
data-plane operations, with the People and Pets example tables.  These tests
check, through boto3, that Dynadesk behaves as the seed describes.  Streams
(the welcome e-mail trigger) and transactions are later issues (README.md).
"""
from decimal import Decimal

import botocore.exceptions
import pytest
from boto3.dynamodb.conditions import Key

from helpers import error_of


def test_people_simple_primary_key_and_schemaless_items(resource, client, unique_name):
    name = unique_name('People')
    table = resource.create_table(
        TableName=name,
        KeySchema=[{'AttributeName': 'PersonID', 'KeyType': 'HASH'}],
        AttributeDefinitions=[{'AttributeName': 'PersonID', 'AttributeType': 'N'}],
        BillingMode='PAY_PER_REQUEST')
    assert table.table_status == 'CREATING'  # CreateTable's answer, as DynamoDB's
    table.wait_until_exists()
    table.reload()
    assert table.table_status == 'ACTIVE'

    # Items in one table need not share attributes; maps nest.
    table.put_item(Item={'PersonID': 101, 'LastName': 'Smith', 'FirstName': 'Fred', 'Phone': '555-4321'})
    table.put_item(Item={'PersonID': 102, 'LastName': 'Jones', 'FirstName': 'Mary',
                         'Address': {'Street': '123 Main', 'City': 'Anytown', 'State': 'OH', 'ZIPCode': 12345}})
    table.put_item(Item={'PersonID': 103, 'LastName': 'Stephens', 'FirstName': 'Howard', 'FavoriteColor': 'Blue'})
    assert table.get_item(Key={'PersonID': 102})['Item']['Address']['ZIPCode'] == Decimal(12345)

    # No two items share a partition key: a second put replaces the first.
    table.put_item(Item={'PersonID': 101, 'LastName': 'Smith', 'FirstName': 'Frederick'})
    assert table.get_item(Key={'PersonID': 101})['Item'] == {'PersonID': Decimal(101), 'LastName': 'Smith',
                                                             'FirstName': 'Frederick'}
    assert table.scan(Select='COUNT')['Count'] == 3

    # Key attributes can only be S, N or B.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.create_table(TableName=unique_name('Flags'),
                            KeySchema=[{'AttributeName': 'on', 'KeyType': 'HASH'}],
                            AttributeDefinitions=[{'AttributeName': 'on', 'AttributeType': 'BOOL'}],
                            BillingMode='PAY_PER_REQUEST')
    assert error_of(e) == ('ValidationException',
                           "1 validation error detected: Value 'BOOL' at 'attributeDefinitions.1.member.attributeType' "
                           "failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]")


def test_pets_composite_key_keeps_items_in_sort_key_order(resource, unique_name):
    table = resource.create_table(
        TableName=unique_name('Pets'),
        KeySchema=[{'AttributeName': 'AnimalType', 'KeyType': 'HASH'},
                   {'AttributeName': 'Name', 'KeyType': 'RANGE'}],
        AttributeDefinitions=[{'AttributeName': 'AnimalType', 'AttributeType': 'S'},
                              {'AttributeName': 'Name', 'AttributeType': 'S'}],
        BillingMode='PAY_PER_REQUEST')
    table.wait_until_exists()
    with table.batch_writer() as batch:
        for animal, name in [('Dog', 'Fido'), ('Dog', 'Rover'), ('Dog', 'Bowser'), ('Dog', 'Lassie'),
                             ('Dog', 'Ace'), ('Cat', 'Fluffy'), ('Bird', 'Polly'), ('Fish', 'Nemo')]:
            batch.put_item(Item={'AnimalType': animal, 'Name': name})

    # The same partition key, different sort keys: all Dogs, in ascending order...
    dogs = table.query(KeyConditionExpression=Key('AnimalType').eq('Dog'))['Items']
    assert [d['Name'] for d in dogs] == ['Ace', 'Bowser', 'Fido', 'Lassie', 'Rover']
    # ... or descending ...
    dogs = table.query(KeyConditionExpression=Key('AnimalType').eq('Dog'), ScanIndexForward=False)['Items']
    assert [d['Name'] for d in dogs] == ['Rover', 'Lassie', 'Fido', 'Bowser', 'Ace']
    # ... or only those whose Name begins with a letter from A through K.
    dogs = table.query(KeyConditionExpression=Key('AnimalType').eq('Dog') & Key('Name').between('A', 'K\uffff'))
    assert [d['Name'] for d in dogs['Items']] == ['Ace', 'Bowser', 'Fido']

    # Strongly consistent reads are asked for per request.
    item = table.get_item(Key={'AnimalType': 'Dog', 'Name': 'Fido'}, ConsistentRead=True)['Item']
    assert item == {'AnimalType': 'Dog', 'Name': 'Fido'}
    assert table.query(KeyConditionExpression=Key('AnimalType').eq('Cat'), ConsistentRead=True)['Count'] == 1
    assert table.scan(ConsistentRead=True)['Count'] == 8


def test_naming_rules(client, unique_name):
    # 3-255 characters from a-z A-Z 0-9 _ - . ; names are case-sensitive.
    base = unique_name('Name_Rules.v1')
    lower = base.lower()
    longest = 'T' * 247 + base[-8:]
    for name in (base, lower, longest, 'a-b'):
        client.create_table(TableName=name, KeySchema=[{'AttributeName': 'k', 'KeyType': 'HASH'}],
                            AttributeDefinitions=[{'AttributeName': 'k', 'AttributeType': 'S'}],
                            BillingMode='PAY_PER_REQUEST')
    names = client.list_tables()['TableNames']
    assert {base, lower, longest, 'a-b'} <= set(names)
    assert len(longest) == 255

    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.create_table(TableName='Products & Prices', KeySchema=[{'AttributeName': 'k', 'KeyType': 'HASH'}],
                            AttributeDefinitions=[{'AttributeName': 'k', 'AttributeType': 'S'}],
                            BillingMode='PAY_PER_REQUEST')
    assert error_of(e) == ('ValidationException',
                           "1 validation error detected: Value 'Products & Prices' at 'tableName' failed to satisfy "
                           "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")


def test_control_plane_and_data_plane_operations(resource, client, unique_name):
    """Every operation the seed lists under Control Plane and Data Plane."""
    name = unique_name('Music')
    created = client.create_table(
        TableName=name,
        KeySchema=[{'AttributeName': 'Artist', 'KeyType': 'HASH'},
                   {'AttributeName': 'SongTitle', 'KeyType': 'RANGE'}],
        AttributeDefinitions=[{'AttributeName': 'Artist', 'AttributeType': 'S'},
                              {'AttributeName': 'SongTitle', 'AttributeType': 'S'}],
        ProvisionedThroughput={'ReadCapacityUnits': 1, 'WriteCapacityUnits': 1})['TableDescription']
    assert created['TableStatus'] == 'CREATING'
    described = client.describe_table(TableName=name)['Table']
    assert described['KeySchema'] == created['KeySchema']
    assert described['ProvisionedThroughput']['ReadCapacityUnits'] == 1
    assert name in client.list_tables()['TableNames']
    updated = client.update_table(TableName=name, ProvisionedThroughput={'ReadCapacityUnits': 2,
                                                                        'WriteCapacityUnits': 3})
    assert updated['TableDescription']['ProvisionedThroughput']['WriteCapacityUnits'] == 3
    assert client.describe_table(TableName=name)['Table']['ProvisionedThroughput']['ReadCapacityUnits'] == 2

    table = resource.Table(name)
    table.put_item(Item={'Artist': 'No One You Know', 'SongTitle': 'Call Me Today', 'Year': 2015})
    with table.batch_writer() as batch:
        batch.put_item(Item={'Artist': 'Acme Band', 'SongTitle': 'Happy Day', 'Year': 2012})
        batch.put_item(Item={'Artist': 'Acme Band', 'SongTitle': 'PartiQL Rocks', 'Year': 2019})
    got = resource.batch_get_item(RequestItems={name: {'Keys': [
        {'Artist': 'Acme Band', 'SongTitle': 'Happy Day'},
        {'Artist': 'No One You Know', 'SongTitle': 'Call Me Today'}]}})
    assert sorted(i['SongTitle'] for i in got['Responses'][name]) == ['Call Me Today', 'Happy Day']
    assert [i['SongTitle'] for i in table.query(KeyConditionExpression=Key('Artist').eq('Acme Band'))['Items']] \
        == ['Happy Day', 'PartiQL Rocks']
    assert table.scan(ProjectionExpression='SongTitle')['Count'] == 3
    # An atomic counter.
    for _ in range(3):
        table.update_item(Key={'Artist': 'Acme Band', 'SongTitle': 'Happy Day'},
                          UpdateExpression='ADD Plays :one', ExpressionAttributeValues={':one': 1})
    assert table.get_item(Key={'Artist': 'Acme Band', 'SongTitle': 'Happy Day'})['Item']['Plays'] == 3
    table.delete_item(Key={'Artist': 'No One You Know', 'SongTitle': 'Call Me Today'})
    with table.batch_writer() as batch:
        batch.delete_item(Key={'Artist': 'Acme Band', 'SongTitle': 'PartiQL Rocks'})
    assert [i['SongTitle'] for i in table.scan()['Items']] == ['Happy Day']

    deleted = client.delete_table(TableName=name)['TableDescription']
    assert deleted['TableStatus'] == 'DELETING'
    client.get_waiter('table_not_exists').wait(TableName=name)
    assert name not in client.list_tables()['TableNames']
