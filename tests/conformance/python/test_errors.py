"""DynamoDB's errors, as boto3 users meet them: the error code and message in
e.response['Error'], the HTTP status, and botocore's modeled exception classes.
The messages are DynamoDB's own words for common mistakes."""
import botocore.config
import botocore.exceptions
import pytest
import boto3
from boto3.dynamodb.conditions import Attr, Key

from helpers import error_of


@pytest.fixture
def table(resource, unique_name):
    """A table with a composite key (pk S, sk N) and one item."""
    t = resource.create_table(TableName=unique_name('Errors'),
                              KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'},
                                         {'AttributeName': 'sk', 'KeyType': 'RANGE'}],
                              AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'},
                                                    {'AttributeName': 'sk', 'AttributeType': 'N'}],
                              BillingMode='PAY_PER_REQUEST')
    t.wait_until_exists()
    t.put_item(Item={'pk': 'a', 'sk': 1, 'name': 'first', 'count': 1, 'tags': {'x'}})
    return t


@pytest.fixture(scope='module')
def unchecked_client(aws):
    """A client that sends what it is given: botocore's own parameter checks off,
    so the server's answer to a malformed request shows."""
    return boto3.client('dynamodb', region_name='us-east-1',
                        config=botocore.config.Config(parameter_validation=False), **aws)


def expect_error(call, code, message, status=400, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        call(**kwargs)
    assert error_of(e) == (code, message)
    assert e.value.response['ResponseMetadata']['HTTPStatusCode'] == status
    return e.value


def test_conditional_check_failed(table, client):
    e = expect_error(table.put_item, 'ConditionalCheckFailedException', 'The conditional request failed',
                     Item={'pk': 'a', 'sk': 1}, ConditionExpression=Attr('pk').not_exists())
    assert isinstance(e, client.exceptions.ConditionalCheckFailedException)
    expect_error(table.update_item, 'ConditionalCheckFailedException', 'The conditional request failed',
                 Key={'pk': 'a', 'sk': 1}, UpdateExpression='SET #c = #c + :one',
                 ConditionExpression='#c > :ten', ExpressionAttributeNames={'#c': 'count'},
                 ExpressionAttributeValues={':one': 1, ':ten': 10})
    expect_error(table.delete_item, 'ConditionalCheckFailedException', 'The conditional request failed',
                 Key={'pk': 'b', 'sk': 1}, ConditionExpression=Attr('pk').exists())
    # Legacy Expected too.
    expect_error(table.put_item, 'ConditionalCheckFailedException', 'The conditional request failed',
                 Item={'pk': 'a', 'sk': 1}, Expected={'name': {'Value': 'second'}})
    assert table.get_item(Key={'pk': 'a', 'sk': 1})['Item']['count'] == 1


def test_resource_not_found(client, resource):
    missing = 'NoSuchTable'
    cases = [
        (client.describe_table, {'TableName': missing}, f'Requested resource not found: Table: {missing} not found'),
        (client.delete_table, {'TableName': missing}, f'Requested resource not found: Table: {missing} not found'),
        (client.update_table, {'TableName': missing, 'BillingMode': 'PAY_PER_REQUEST'},
         f'Requested resource not found: Table: {missing} not found'),
        (client.get_item, {'TableName': missing, 'Key': {'pk': {'S': 'a'}}}, 'Requested resource not found'),
        (client.put_item, {'TableName': missing, 'Item': {'pk': {'S': 'a'}}}, 'Requested resource not found'),
        (client.update_item, {'TableName': missing, 'Key': {'pk': {'S': 'a'}}}, 'Requested resource not found'),
        (client.delete_item, {'TableName': missing, 'Key': {'pk': {'S': 'a'}}}, 'Requested resource not found'),
        (client.query, {'TableName': missing, 'KeyConditionExpression': 'pk = :p',
                        'ExpressionAttributeValues': {':p': {'S': 'a'}}}, 'Requested resource not found'),
        (client.scan, {'TableName': missing}, 'Requested resource not found'),
        (client.batch_get_item, {'RequestItems': {missing: {'Keys': [{'pk': {'S': 'a'}}]}}},
         'Requested resource not found'),
        (client.batch_write_item, {'RequestItems': {missing: [{'PutRequest': {'Item': {'pk': {'S': 'a'}}}}]}},
         'Requested resource not found'),
    ]
    for call, kwargs, message in cases:
        e = expect_error(call, 'ResourceNotFoundException', message, **kwargs)
        assert isinstance(e, client.exceptions.ResourceNotFoundException)
    # The resource API's lazy load meets the same error.
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        resource.Table(missing).load()


def test_resource_in_use(client, table):
    e = expect_error(client.create_table, 'ResourceInUseException', f'Table already exists: {table.name}',
                     TableName=table.name, KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}],
                     AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'}],
                     BillingMode='PAY_PER_REQUEST')
    assert isinstance(e, client.exceptions.ResourceInUseException)


def test_key_mistakes(table, client):
    v = 'ValidationException'
    # Reading with only part of a composite key, or with the wrong type.
    expect_error(table.get_item, v, 'The provided key element does not match the schema', Key={'pk': 'a'})
    expect_error(table.get_item, v, 'The provided key element does not match the schema', Key={'pk': 'a', 'sk': '1'})
    expect_error(table.delete_item, v, 'The provided key element does not match the schema',
                 Key={'pk': 'a', 'sk': 1, 'name': 'first'})
    # Writing an item without its key, or with a key of the wrong type.
    expect_error(table.put_item, v, 'One or more parameter values were invalid: Missing the key sk in the item',
                 Item={'pk': 'a', 'name': 'no sort key'})
    expect_error(table.put_item, v,
                 'One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S',
                 Item={'pk': 'a', 'sk': 'one'})
    # Empty strings are fine in attributes, never in keys.
    table.put_item(Item={'pk': 'a', 'sk': 2, 'name': ''})
    expect_error(table.put_item, v, 'One or more parameter values are not valid. The AttributeValue for a key '
                 'attribute cannot contain an empty string value. Key: pk', Item={'pk': '', 'sk': 3})
    # A key attribute cannot be updated.
    expect_error(table.update_item, v, 'One or more parameter values were invalid: Cannot update attribute sk. '
                 'This attribute is part of the key', Key={'pk': 'a', 'sk': 1},
                 UpdateExpression='SET sk = :n', ExpressionAttributeValues={':n': 5})


def test_expression_mistakes(table):
    v = 'ValidationException'
    key = {'pk': 'a', 'sk': 1}
    # Reserved words need a #name placeholder in every kind of expression.
    expect_error(table.update_item, v,
                 'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name',
                 Key=key, UpdateExpression='SET name = :n', ExpressionAttributeValues={':n': 'x'})
    expect_error(table.get_item, v,
                 'Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: count',
                 Key=key, ProjectionExpression='pk, count')
    expect_error(table.put_item, v,
                 'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status',
                 Item=key, ConditionExpression='attribute_not_exists(status)')
    expect_error(table.scan, v,
                 'Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: year',
                 FilterExpression='year > :n', ExpressionAttributeValues={':n': 1})
    # Placeholders must be defined, and every one given must be used.
    expect_error(table.update_item, v, 'Invalid UpdateExpression: An expression attribute value used in expression '
                 'is not defined; attribute value: :missing', Key=key, UpdateExpression='SET a = :missing')
    expect_error(table.update_item, v, 'Invalid UpdateExpression: An expression attribute name used in the '
                 'document path is not defined; attribute name: #missing', Key=key,
                 UpdateExpression='SET #missing = :v', ExpressionAttributeValues={':v': 1})
    expect_error(table.update_item, v, 'Value provided in ExpressionAttributeValues unused in expressions: '
                 'keys: {:unused}', Key=key, UpdateExpression='SET a = :v',
                 ExpressionAttributeValues={':v': 1, ':unused': 2})
    expect_error(table.update_item, v, 'Value provided in ExpressionAttributeNames unused in expressions: '
                 'keys: {#unused}', Key=key, UpdateExpression='SET a = :v',
                 ExpressionAttributeNames={'#unused': 'b'}, ExpressionAttributeValues={':v': 1})
    # A typo: a space after the colon of a value placeholder.
    expect_error(table.update_item, v, 'Invalid UpdateExpression: Syntax error; token: ":", near: "hits : incr"',
                 Key=key, UpdateExpression='ADD hits : incr', ExpressionAttributeValues={':incr': 1})
    # Arithmetic on an attribute the item does not have.
    expect_error(table.update_item, v, 'The provided expression refers to an attribute that does not exist in the item',
                 Key=key, UpdateExpression='SET visits = visits + :one', ExpressionAttributeValues={':one': 1})
    # Expression and legacy parameters do not mix.
    expect_error(table.get_item, v, 'Can not use both expression and non-expression parameters in the same '
                 'request: Non-expression parameters: {AttributesToGet} Expression parameters: '
                 '{ProjectionExpression}', Key=key, AttributesToGet=['pk'], ProjectionExpression='sk')


def test_query_mistakes(table, client):
    v = 'ValidationException'
    expect_error(table.query, v, 'Query condition missed key schema element: pk',
                 KeyConditionExpression=Key('sk').eq(1))
    expect_error(table.query, v, 'Query condition missed key schema element: pk',
                 KeyConditionExpression=Key('name').eq('first'))
    expect_error(table.query, v, 'Query key condition not supported',
                 KeyConditionExpression=Key('pk').begins_with('a'))
    expect_error(client.query, v,
                 'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
                 TableName=table.name)
    expect_error(table.query, v, 'The table does not have the specified index: ByName', IndexName='ByName',
                 KeyConditionExpression=Key('name').eq('first'))
    expect_error(table.query, v, 'Invalid KeyConditionExpression: Attribute name is a reserved keyword; '
                 'reserved keyword: name', KeyConditionExpression='pk = :p AND name = :n',
                 ExpressionAttributeValues={':p': 'a', ':n': 'first'})


def test_item_and_value_limits(table, client):
    v = 'ValidationException'
    expect_error(table.put_item, v, 'Item size has exceeded the maximum allowed size',
                 Item={'pk': 'big', 'sk': 1, 'blob': 'x' * (400 * 1024)})
    # A client passes numbers as written; boto3's resource would refuse these itself.
    item = {'pk': {'S': 'n'}, 'sk': {'N': '1'}}
    expect_error(client.put_item, v, 'Attempting to store more than 38 significant digits in a Number',
                 TableName=table.name, Item={**item, 'n': {'N': '1.23456789012345678901234567890123456789'}})
    expect_error(client.put_item, v, 'Number overflow. Attempting to store a number with magnitude larger than '
                 'supported range', TableName=table.name, Item={**item, 'n': {'N': '1E+126'}})
    expect_error(client.put_item, v, 'Number underflow. Attempting to store a number with magnitude smaller than '
                 'supported range', TableName=table.name, Item={**item, 'n': {'N': '1E-131'}})
    expect_error(client.put_item, v, 'One or more parameter values were invalid: An string set  may not be empty',
                 TableName=table.name, Item={**item, 'tags': {'SS': []}})
    expect_error(client.put_item, v, 'One or more parameter values were invalid: Input collection [a, a] '
                 'contains duplicates.', TableName=table.name, Item={**item, 'tags': {'SS': ['a', 'a']}})


def test_batch_limits(table, resource, client, unique_name):
    v = 'ValidationException'
    keys = [{'pk': {'S': f'k{i}'}, 'sk': {'N': '1'}} for i in range(101)]
    # More than 100 keys for one table breaks the request's shape ...
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.batch_get_item(RequestItems={table.name: {'Keys': keys}})
    code, message = error_of(e)
    assert code == v
    assert message.startswith("1 validation error detected: Value '[")
    assert message.endswith(f"]' at 'requestItems.{table.name}.member.keys' failed to satisfy constraint: "
                            "Member must have length less than or equal to 100")
    # ... more than 100 across tables is refused by name.
    other = resource.create_table(TableName=unique_name('Other'), KeySchema=table.key_schema,
                                  AttributeDefinitions=table.attribute_definitions, BillingMode='PAY_PER_REQUEST')
    expect_error(client.batch_get_item, v, 'Too many items requested for the BatchGetItem call',
                 RequestItems={table.name: {'Keys': keys[:60]}, other.name: {'Keys': keys[60:]}})
    expect_error(client.batch_get_item, v, 'Provided list of item keys contains duplicates',
                 RequestItems={table.name: {'Keys': [keys[0], keys[0]]}})
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.batch_write_item(RequestItems={table.name: [{'PutRequest': {'Item': k}} for k in keys[:26]]})
    code, message = error_of(e)
    assert code == v
    assert message.startswith("1 validation error detected: Value '{" + table.name + "=[")
    assert message.endswith("]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy "
                            "constraint: [Member must have length less than or equal to 25, Member must have "
                            "length greater than or equal to 1]")


def test_table_definition_mistakes(client, unchecked_client, unique_name):
    v = 'ValidationException'
    name = unique_name('Bad')
    key = {'KeySchema': [{'AttributeName': 'pk', 'KeyType': 'HASH'}],
           'AttributeDefinitions': [{'AttributeName': 'pk', 'AttributeType': 'S'}]}
    expect_error(client.create_table, v, 'One or more parameter values were invalid: ReadCapacityUnits and '
                 'WriteCapacityUnits must both be specified when BillingMode is PROVISIONED', TableName=name, **key)
    expect_error(client.create_table, v, 'One or more parameter values were invalid: Neither ReadCapacityUnits nor '
                 'WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST', TableName=name,
                 BillingMode='PAY_PER_REQUEST', ProvisionedThroughput={'ReadCapacityUnits': 1,
                                                                       'WriteCapacityUnits': 1}, **key)
    expect_error(client.create_table, v, 'One or more parameter values were invalid: Number of attributes in '
                 'KeySchema does not exactly match number of attributes defined in AttributeDefinitions',
                 TableName=name, BillingMode='PAY_PER_REQUEST', KeySchema=key['KeySchema'],
                 AttributeDefinitions=key['AttributeDefinitions'] + [{'AttributeName': 'extra',
                                                                      'AttributeType': 'S'}])
    expect_error(client.create_table, v, 'One or more parameter values were invalid: Some index key attributes are '
                 'not defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]',
                 TableName=name, BillingMode='PAY_PER_REQUEST', KeySchema=key['KeySchema'],
                 AttributeDefinitions=[{'AttributeName': 'other', 'AttributeType': 'S'}])
    expect_error(client.create_table, v, 'Invalid KeySchema: Some index key attribute have no definition',
                 TableName=name, BillingMode='PAY_PER_REQUEST',
                 KeySchema=key['KeySchema'] + [{'AttributeName': 'sk', 'KeyType': 'RANGE'}],
                 AttributeDefinitions=key['AttributeDefinitions'])
    expect_error(client.create_table, v, "1 validation error detected: Value 'SORT' at "
                 "'keySchema.2.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: "
                 "[HASH, RANGE]", TableName=name, BillingMode='PAY_PER_REQUEST',
                 KeySchema=key['KeySchema'] + [{'AttributeName': 'sk', 'KeyType': 'SORT'}],
                 AttributeDefinitions=key['AttributeDefinitions'] + [{'AttributeName': 'sk', 'AttributeType': 'S'}])
    # botocore checks lengths itself; without that the server says it.
    with pytest.raises(botocore.exceptions.ParamValidationError):
        client.describe_table(TableName='ab')
    expect_error(unchecked_client.create_table, v, 'TableName must be at least 3 characters long and at most 255 '
                 'characters long', TableName='ab', BillingMode='PAY_PER_REQUEST', **key)
    expect_error(unchecked_client.get_item, v, 'TableName must be at least 3 characters long and at most 255 '
                 'characters long', TableName='t' * 256, Key={'pk': {'S': 'a'}})
    expect_error(unchecked_client.scan, v, "1 validation error detected: Value '0' at 'limit' failed to satisfy "
                 "constraint: Member must have value greater than or equal to 1", TableName=name, Limit=0)
    assert name not in client.list_tables()['TableNames']


def test_float_values_are_refused_by_boto3_itself(table):
    # Not a server error: boto3's serializer refuses Python floats (use Decimal).
    with pytest.raises(TypeError, match='^Float types are not supported. Use Decimal types instead.$'):
        table.put_item(Item={'pk': 'f', 'sk': 1, 'price': 9.99})
