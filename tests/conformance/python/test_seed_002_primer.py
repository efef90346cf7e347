"""Seed 002 (a primer with boto3): its scripts, run against Dynadesk.

The seed's snippets are kept as written, in the seed's order; the only
additions are `**aws` (endpoint URL and credentials, see conftest.py) in
boto3.client()/resource().  Lines marked "# test:" are the test's own.
"""
from decimal import Decimal

import botocore.exceptions
import pytest

from helpers import error_of, printed, printed_value


def create_products_table(aws):
    """The seed's "Creating a Table" snippet."""
    import boto3
    dynamodb = boto3.resource('dynamodb', **aws)
    # Create the table
    table = dynamodb.create_table(
        TableName='Products',
        KeySchema=[
            {'AttributeName': 'ProductID', 'KeyType': 'HASH'},  # Partition key
            {'AttributeName': 'Year', 'KeyType': 'RANGE'}  # Sort key
        ],
        AttributeDefinitions=[
            {'AttributeName': 'ProductID', 'AttributeType': 'S'},
            {'AttributeName': 'Year', 'AttributeType': 'N'}
        ],
        ProvisionedThroughput={
            'ReadCapacityUnits': 5,
            'WriteCapacityUnits': 5
        }
    )
    # Wait for the table to be created
    table.meta.client.get_waiter('table_exists').wait(TableName='Products')
    print(f"Table {table.table_name} created successfully!")
    return dynamodb, table


def test_basic_operations_and_batches(aws, capsys):
    dynamodb, table = create_products_table(aws)
    assert printed(capsys) == ["Table Products created successfully!"]
    assert table.meta.client.describe_table(TableName='Products')['Table']['TableStatus'] == 'ACTIVE'

    # Inserting Data
    products_table = dynamodb.Table('Products')
    # Add items
    products_table.put_item(
        Item={
            'ProductID': 'P001',
            'Year': 2021,
            'ProductName': 'Air Fryer',
            'Category': 'Appliances',
            'CustomerRating': 4
        }
    )
    # The seed's second item has CustomerRating 4.5, a Python float: boto3 refuses
    # floats before sending anything (as it does against DynamoDB), so the script
    # stops here and "Products added successfully!" is never printed.
    with pytest.raises(TypeError, match='^Float types are not supported. Use Decimal types instead.$'):
        products_table.put_item(
            Item={
                'ProductID': 'P002',
                'Year': 2020,
                'ProductName': 'Samsung Tablet',
                'Category': 'Electronics',
                'CustomerRating': 4.5
            }
        )
        print("Products added successfully!")
    assert printed(capsys) == []
    assert 'Item' not in products_table.get_item(Key={'ProductID': 'P002', 'Year': 2020})

    p001 = {'ProductID': 'P001', 'Year': Decimal(2021), 'ProductName': 'Air Fryer',
            'Category': 'Appliances', 'CustomerRating': Decimal(4)}

    # Fetch a Single Item
    response = products_table.get_item(Key={'ProductID': 'P001', 'Year': 2021})
    print("Product Details:", response['Item'])
    (line,) = printed(capsys)
    assert printed_value(line, "Product Details: ") == p001

    # Query Items
    from boto3.dynamodb.conditions import Key
    response = products_table.query(
        KeyConditionExpression=Key('ProductID').eq('P001') & Key('Year').eq(2021)
    )
    print("Queried Products:", response['Items'])
    (line,) = printed(capsys)
    assert printed_value(line, "Queried Products: ") == [p001]
    assert response['Count'] == 1 and response['ScannedCount'] == 1

    # Scan All Items
    response = products_table.scan()
    print("All Products:", response['Items'])
    (line,) = printed(capsys)
    assert printed_value(line, "All Products: ") == [p001]

    # Delete an Item (P004 does not exist: DeleteItem still succeeds)
    table = dynamodb.Table('Products')
    key = {
        'ProductID': 'P004',  # Partition key
        'Year': 2024  # Sort key
    }
    response = table.delete_item(
        Key=key
    )
    if response['ResponseMetadata']['HTTPStatusCode'] == 200:
        print("Item deleted successfully!")
    else:
        print("Failed to delete the item.")
    assert printed(capsys) == ["Item deleted successfully!"]
    assert 'Attributes' not in response

    # BatchGetItem
    # `dynamodb` is the seed's resource, which serializes Python values itself: the
    # seed's {'S': 'P001'} is sent as a map, and the keys lack the sort key Year.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        response = dynamodb.batch_get_item(
            RequestItems={
                'Products': {
                    'Keys': [
                        {'ProductID': {'S': 'P001'}},
                        {'ProductID': {'S': 'P002'}},
                        # Add more keys here
                    ]
                }
            }
        )
        print(response['Responses']['Products'])
    assert error_of(e) == ('ValidationException', 'The provided key element does not match the schema')

    # test: the same keys through a client (boto3.client, as the seed's transaction
    # snippet makes one; a resource's meta.client serializes like the resource)
    # are typed right but still lack Year.
    import boto3
    client = boto3.client('dynamodb', **aws)
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.batch_get_item(RequestItems={'Products': {'Keys': [{'ProductID': {'S': 'P001'}},
                                                                  {'ProductID': {'S': 'P002'}}]}})
    assert error_of(e) == ('ValidationException', 'The provided key element does not match the schema')

    # BatchWriteItem
    # Through the resource the seed's typed values become maps, so the key
    # attributes have the wrong type: DynamoDB refuses the whole batch.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        response = dynamodb.batch_write_item(
            RequestItems={
                'Products': [
                    {'PutRequest': {'Item': {'ProductID': {'S': 'P005'}, 'Year': {'N': '1974'}, 'ProductName': {'S': 'Rubik Cube'}, 'Category': {'S': 'Toys'}, 'CustomerRating': {'N': '5'}}}},
                    {'PutRequest': {'Item': {'ProductID': {'S': 'P006'}, 'Year': {'N': '1945'}, 'ProductName': {'S': 'Animal Farm'}, 'Category': {'S': 'Books'}, 'CustomerRating': {'N': '5'}}}}
                ]
            }
        )
    assert error_of(e) == ('ValidationException', 'The provided key element does not match the schema')

    # test: the seed's request through a client, which takes typed values, works.
    response = client.batch_write_item(
        RequestItems={
            'Products': [
                {'PutRequest': {'Item': {'ProductID': {'S': 'P005'}, 'Year': {'N': '1974'}, 'ProductName': {'S': 'Rubik Cube'}, 'Category': {'S': 'Toys'}, 'CustomerRating': {'N': '5'}}}},
                {'PutRequest': {'Item': {'ProductID': {'S': 'P006'}, 'Year': {'N': '1945'}, 'ProductName': {'S': 'Animal Farm'}, 'Category': {'S': 'Books'}, 'CustomerRating': {'N': '5'}}}}
            ]
        }
    )
    # Check for unprocessed items
    unprocessed_items = response.get('UnprocessedItems', {})
    if unprocessed_items:
        print(f"Some items were not processed: {unprocessed_items}")
    else:
        print("All items inserted successfully!")
    assert printed(capsys) == ["All items inserted successfully!"]
    assert response['UnprocessedItems'] == {}
    got = client.batch_get_item(RequestItems={'Products': {'Keys': [
        {'ProductID': {'S': 'P005'}, 'Year': {'N': '1974'}},
        {'ProductID': {'S': 'P006'}, 'Year': {'N': '1945'}},
        {'ProductID': {'S': 'P404'}, 'Year': {'N': '1'}}]}})
    assert got['UnprocessedKeys'] == {}
    assert sorted(i['ProductName']['S'] for i in got['Responses']['Products']) == ['Animal Farm', 'Rubik Cube']

    # Deleting a Table
    table.delete()
    table.meta.client.get_waiter('table_not_exists').wait(TableName='Products')
    print("Table deleted successfully!")
    assert printed(capsys) == ["Table deleted successfully!"]
    assert 'Products' not in client.list_tables()['TableNames']


def test_create_a_gsi_and_query_it(aws, capsys):
    """"Create a GSI" and "Query a table using GSI" on a new Products table:
    the index is built from the items already there (CREATING, then ACTIVE)."""
    import time
    from boto3.dynamodb.conditions import Key
    dynamodb, table = create_products_table(aws)
    capsys.readouterr()
    with table.batch_writer() as batch:  # test: items for the index to find
        batch.put_item(Item={'ProductID': 'P001', 'Year': 2021, 'ProductName': 'Air Fryer', 'Category': 'Appliances'})
        batch.put_item(Item={'ProductID': 'P002', 'Year': 2020, 'ProductName': 'Headphones', 'Category': 'Electronics'})
        batch.put_item(Item={'ProductID': 'P004', 'Year': 2023, 'ProductName': 'Phone', 'Category': 'Electronics'})
        batch.put_item(Item={'ProductID': 'P005', 'Year': 2023, 'ProductName': 'Gift card'})  # no Category

    table.update( AttributeDefinitions=[ {'AttributeName': 'Category', 'AttributeType': 'S'} ], GlobalSecondaryIndexUpdates=[ { 'Create': { 'IndexName': 'CategoryIndex', 'KeySchema': [ {'AttributeName': 'Category', 'KeyType': 'HASH'} ], 'Projection': {'ProjectionType': 'ALL'}, 'ProvisionedThroughput': { 'ReadCapacityUnits': 5, 'WriteCapacityUnits': 5 } } } ] )

    # test: as on DynamoDB, the index must be ACTIVE before it can be queried.
    client = table.meta.client
    for _ in range(200):
        index = client.describe_table(TableName='Products')['Table']['GlobalSecondaryIndexes'][0]
        if index['IndexStatus'] == 'ACTIVE':
            break
        time.sleep(0.05)
    assert index['IndexStatus'] == 'ACTIVE' and index['ItemCount'] == 3

    response = table.query( IndexName='CategoryIndex', KeyConditionExpression=Key('Category').eq('Electronics') ) ; print("Products in Electronics Category:", response['Items'])
    (line,) = printed(capsys)
    items = printed_value(line, "Products in Electronics Category: ")
    assert sorted(i['ProductID'] for i in items) == ['P002', 'P004']
    assert {'ProductID': 'P004', 'Year': Decimal(2023), 'ProductName': 'Phone', 'Category': 'Electronics'} in items


def test_transaction_put_p003_delete_p002(aws, capsys):
    """The "Transactions" snippet: insert P003 and delete P002 as one unit, on the
    Products table with P002 in it."""
    import boto3
    dynamodb, table = create_products_table(aws)
    capsys.readouterr()
    table.put_item(Item={'ProductID': 'P002', 'Year': 2020, 'ProductName': 'Headphones'})  # test: P002 exists

    dynamodb_client = boto3.client('dynamodb', **aws) ; response = dynamodb_client.transact_write_items( TransactItems=[ { 'Put': { 'TableName': 'Products', 'Item': { 'ProductID': {'S': 'P003'}, 'Year': {'N': '2022'}, 'ProductName': {'S': 'Whirlpool Refrigerator'}, 'Category': {'S': 'Appliances'}, 'CustomerRating': {'N': '3'} } } }, { 'Delete': { 'TableName': 'Products', 'Key': { 'ProductID': {'S': 'P002'}, 'Year': {'N': '2020'} } } } ] ) ; print("Transaction completed successfully!")
    assert printed(capsys) == ["Transaction completed successfully!"]
    assert set(response) == {'ResponseMetadata'}
    items = table.scan()['Items']
    assert items == [{'ProductID': 'P003', 'Year': Decimal(2022), 'ProductName': 'Whirlpool Refrigerator',
                      'Category': 'Appliances', 'CustomerRating': Decimal(3)}]


def test_streams_enabled(aws, capsys):
    """The "DynamoDB Streams" snippet, on a new Products table (the seed's `table`
    was deleted a snippet earlier).  Reading stream records is issue 8."""
    dynamodb, table = create_products_table(aws)
    capsys.readouterr()

    table.update(StreamSpecification={
        'StreamEnabled': True,
        'StreamViewType': 'NEW_AND_OLD_IMAGES'
    })
    print("Streams enabled!")
    assert printed(capsys) == ["Streams enabled!"]

    description = table.meta.client.describe_table(TableName='Products')['Table']
    assert description['StreamSpecification'] == {'StreamEnabled': True, 'StreamViewType': 'NEW_AND_OLD_IMAGES'}
    assert description['LatestStreamArn'] == description['TableArn'] + '/stream/' + description['LatestStreamLabel']

    # test: enabling it again is DynamoDB's ValidationException.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        table.update(StreamSpecification={'StreamEnabled': True, 'StreamViewType': 'NEW_AND_OLD_IMAGES'})
    code, message = error_of(e)
    assert code == 'ValidationException'
    assert message == "Table already has an enabled stream: TableName: Products"
