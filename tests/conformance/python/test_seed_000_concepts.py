"""Seed 000 (concepts course): every boto3 script in it, run against Dynadesk.

The seed's code is kept as it is written; the only additions are `**aws`
(endpoint URL and credentials, see conftest.py) in boto3.client()/resource().
Lines marked "# test:" are the test's own (setup the seed does in the console,
and assertions).  Flows that need secondary indexes are listed in README.md.
"""
from datetime import datetime, timedelta
from decimal import Decimal

import botocore.exceptions
import pytest

from helpers import error_of, printed, printed_value


def test_bulk_insert_of_500_items_in_batches_of_25(aws, client, capsys):
    # test: "Perform DynamoDB Tasks in AWS" creates the table in the console
    # (partition key productId, 5/5 capacity) before the script runs.
    client.create_table(
        TableName='Products',
        KeySchema=[{'AttributeName': 'productId', 'KeyType': 'HASH'}],
        AttributeDefinitions=[{'AttributeName': 'productId', 'AttributeType': 'S'}],
        ProvisionedThroughput={'ReadCapacityUnits': 5, 'WriteCapacityUnits': 5})
    client.get_waiter('table_exists').wait(TableName='Products')

    import boto3
    import math

    # Initialize DynamoDB resource
    dynamodb = boto3.resource('dynamodb', region_name='us-east-1', **aws)
    table = dynamodb.Table('Products')  # Replace 'Products' with your table name

    # Generate bulk data
    bulk_data = [
        {'productId': str(i), 'name': f'Product-{i}', 'price': 100 + i, 'stock': 50 + i}
        for i in range(1, 501)  # Example: Insert 500 items
    ]

    # Function to insert bulk data
    def insert_bulk_data(items, table, batch_size=25):
        total_items = len(items)
        num_batches = math.ceil(total_items / batch_size)
        print(f"Total items: {total_items}, Batch size: {batch_size}, Total batches: {num_batches}")

        for i in range(0, total_items, batch_size):
            batch = items[i:i + batch_size]
            with table.batch_writer() as batch_writer:
                for item in batch:
                    batch_writer.put_item(Item=item)
            print(f"Batch {i // batch_size + 1}/{num_batches} inserted successfully!")

    # Call the function to insert data
    insert_bulk_data(bulk_data, table)

    assert printed(capsys) == (["Total items: 500, Batch size: 25, Total batches: 20"] +
                               [f"Batch {n}/20 inserted successfully!" for n in range(1, 21)])

    # Verification
    # Scan the table
    response = table.scan()
    print(f"Total items in the table: {len(response['Items'])}")

    assert printed(capsys) == ["Total items in the table: 500"]
    assert response['Count'] == 500 and response['ScannedCount'] == 500
    assert 'LastEvaluatedKey' not in response  # 500 small items fit one 1 MB page
    by_id = {item['productId']: item for item in response['Items']}
    assert sorted(by_id) == sorted(str(i) for i in range(1, 501))
    # The seed's "Sample Input", as stored:
    assert by_id['1'] == {'productId': '1', 'name': 'Product-1', 'price': Decimal(101), 'stock': Decimal(51)}
    assert by_id['2'] == {'productId': '2', 'name': 'Product-2', 'price': Decimal(102), 'stock': Decimal(52)}
    assert by_id['500'] == {'productId': '500', 'name': 'Product-500', 'price': Decimal(600),
                            'stock': Decimal(550)}


def test_music_collection(aws, capsys):
    """'Python Script for Secondary Index', steps 1-7 as written: the table with
    its GenreYearIndex GSI, one item, 25 in a batch, a table query, the GSI
    query, the LSI query (refused: step 1 never creates that index), clean up."""
    import boto3

    dynamodb = boto3.client('dynamodb', region_name='us-east-1', **aws)

    def create_table():
        try:
            response = dynamodb.create_table(
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
            print("Table created successfully.")
        except Exception as e:
            print(f"Error creating table: {e}")

    create_table()
    assert printed(capsys) == ["Table created successfully."]

    # 2. Add Items to the Table
    def add_item():
        dynamodb = boto3.resource('dynamodb', region_name='us-east-1', **aws)
        table = dynamodb.Table('MusicCollection')
        response = table.put_item(
            Item={
                'Artist': 'The Beatles',
                'Song': 'Hey Jude',
                'Album': 'The White Album',
                'Genre': 'Rock',
                'Year': 1968
            }
        )
        print("Item added:", response)

    add_item()
    (line,) = printed(capsys)
    response = printed_value(line, "Item added: ")
    assert list(response) == ['ResponseMetadata']  # PutItem answers {} without ReturnValues
    assert response['ResponseMetadata']['HTTPStatusCode'] == 200

    # 3. Add Bulk Items with Batch Size = 25
    def add_bulk_items():
        dynamodb = boto3.resource('dynamodb', region_name='us-east-1', **aws)
        table = dynamodb.Table('MusicCollection')

        items = [
            {'Artist': 'The Beatles', 'Song': f'Song {i}', 'Album': 'Album 1', 'Genre': 'Rock', 'Year': 1968 + i}
            for i in range(1, 26)
        ]

        with table.batch_writer() as batch:
            for item in items:
                batch.put_item(Item=item)
        print("Bulk items added.")

    add_bulk_items()
    assert printed(capsys) == ["Bulk items added."]

    # 4. Check Indexes and Run a Query
    def query_table():
        dynamodb = boto3.resource('dynamodb', region_name='us-east-1', **aws)
        table = dynamodb.Table('MusicCollection')
        response = table.query(
            KeyConditionExpression=boto3.dynamodb.conditions.Key('Artist').eq('The Beatles')
        )
        print("Query result:", response['Items'])

    query_table()
    (line,) = printed(capsys)
    items = printed_value(line, "Query result: ")
    # The seed's sample output starts with Hey Jude: 'H' sorts before 'Song ...'.
    assert items[0] == {'Artist': 'The Beatles', 'Song': 'Hey Jude', 'Album': 'The White Album',
                        'Genre': 'Rock', 'Year': Decimal(1968)}
    expected_rest = sorted(
        ({'Artist': 'The Beatles', 'Song': f'Song {i}', 'Album': 'Album 1', 'Genre': 'Rock',
          'Year': Decimal(1968 + i)} for i in range(1, 26)),
        key=lambda item: item['Song'].encode())  # sort keys in UTF-8 byte order
    assert items[1:] == expected_rest
    assert [i['Song'] for i in items[1:4]] == ['Song 1', 'Song 10', 'Song 11']

    # 5. Run the Global Secondary Index (GSI)
    def query_gsi():
        dynamodb = boto3.resource('dynamodb', region_name='us-east-1', **aws)
        table = dynamodb.Table('MusicCollection')
        response = table.query(
            IndexName='GenreYearIndex',
            KeyConditionExpression=boto3.dynamodb.conditions.Key('Genre').eq('Rock')
        )
        print("GSI Query result:", response['Items'])

    query_gsi()
    (line,) = printed(capsys)
    items = printed_value(line, "GSI Query result: ")
    # In Year order: Hey Jude (1968) first, then Song 1 (1969) ... Song 25 (1993);
    # the index projects ALL, so every item comes back whole.
    assert [i['Year'] for i in items] == [Decimal(y) for y in range(1968, 1994)]
    assert items[0] == {'Artist': 'The Beatles', 'Song': 'Hey Jude', 'Album': 'The White Album',
                        'Genre': 'Rock', 'Year': Decimal(1968)}
    assert items[1] == {'Artist': 'The Beatles', 'Song': 'Song 1', 'Album': 'Album 1', 'Genre': 'Rock',
                        'Year': Decimal(1969)}

    # 6. Run the Local Secondary Index (LSI)
    # Step 1 never creates ArtistYearIndex, so DynamoDB refuses the query (with or
    # without step 1's GSI) instead of printing the seed's sample output.
    def query_lsi():
        dynamodb = boto3.resource('dynamodb', region_name='us-east-1', **aws)
        table = dynamodb.Table('MusicCollection')
        response = table.query(
            IndexName='ArtistYearIndex',
            KeyConditionExpression=boto3.dynamodb.conditions.Key('Artist').eq('The Beatles') &
                                    boto3.dynamodb.conditions.Key('Year').gte(1968)
        )
        print("LSI Query result:", response['Items'])

    with pytest.raises(botocore.exceptions.ClientError) as e:
        query_lsi()
    assert error_of(e) == ('ValidationException', 'The table does not have the specified index: ArtistYearIndex')
    assert printed(capsys) == []

    # 7. Clean Up
    def delete_table():
        try:
            response = dynamodb.delete_table(TableName='MusicCollection')
            print("Table deleted successfully.")
        except Exception as e:
            print(f"Error deleting table: {e}")

    delete_table()
    assert printed(capsys) == ["Table deleted successfully."]
    assert 'MusicCollection' not in dynamodb.list_tables()['TableNames']


def test_instagram_stories_table_is_refused_as_written(aws):
    """The seed declares non-key attributes in AttributeDefinitions, one of them
    with the type BOOL, which no key can have: DynamoDB refuses the table."""
    import boto3

    # Initialize DynamoDB client
    dynamodb = boto3.resource('dynamodb', **aws)

    with pytest.raises(botocore.exceptions.ClientError) as e:
        # Create the DynamoDB table
        table = dynamodb.create_table(
            TableName='InstagramStories',
            KeySchema=[
                {
                    'AttributeName': 'user_id',  # Partition Key
                    'KeyType': 'HASH'
                },
                {
                    'AttributeName': 'story_id',  # Sort Key
                    'KeyType': 'RANGE'
                }
            ],
            AttributeDefinitions=[
                {
                    'AttributeName': 'user_id',
                    'AttributeType': 'S'
                },
                {
                    'AttributeName': 'story_id',
                    'AttributeType': 'S'
                },
                {
                    'AttributeName': 'story_type',
                    'AttributeType': 'S'
                },
                {
                    'AttributeName': 'timestamp',
                    'AttributeType': 'S'
                },
                {
                    'AttributeName': 'is_memory',
                    'AttributeType': 'BOOL'
                },
                {
                    'AttributeName': 'likes_count',
                    'AttributeType': 'N'
                }
            ],
            ProvisionedThroughput={
                'ReadCapacityUnits': 5,
                'WriteCapacityUnits': 5
            }
        )
    # The request's shape is checked first: BOOL is not a key attribute type.
    assert error_of(e) == (
        'ValidationException',
        "1 validation error detected: Value 'BOOL' at 'attributeDefinitions.5.member.attributeType' "
        "failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]")
    assert e.value.response['ResponseMetadata']['HTTPStatusCode'] == 400

    # test: with the BOOL definition left out, the other non-key definitions are
    # still refused, in DynamoDB's words.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        dynamodb.create_table(
            TableName='InstagramStories',
            KeySchema=[{'AttributeName': 'user_id', 'KeyType': 'HASH'},
                       {'AttributeName': 'story_id', 'KeyType': 'RANGE'}],
            AttributeDefinitions=[{'AttributeName': 'user_id', 'AttributeType': 'S'},
                                  {'AttributeName': 'story_id', 'AttributeType': 'S'},
                                  {'AttributeName': 'story_type', 'AttributeType': 'S'},
                                  {'AttributeName': 'timestamp', 'AttributeType': 'S'},
                                  {'AttributeName': 'likes_count', 'AttributeType': 'N'}],
            ProvisionedThroughput={'ReadCapacityUnits': 5, 'WriteCapacityUnits': 5})
    assert error_of(e) == (
        'ValidationException',
        'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly '
        'match number of attributes defined in AttributeDefinitions')
    assert 'InstagramStories' not in [t.name for t in dynamodb.tables.all()]


def test_instagram_stories_with_only_key_attribute_definitions(aws, capsys):
    """The rest of the Instagram flow, on the table as DynamoDB accepts it (only
    the key attributes defined)."""
    import boto3

    # Initialize DynamoDB client
    dynamodb = boto3.resource('dynamodb', **aws)

    # Create the DynamoDB table
    table = dynamodb.create_table(
        TableName='InstagramStories',
        KeySchema=[
            {
                'AttributeName': 'user_id',  # Partition Key
                'KeyType': 'HASH'
            },
            {
                'AttributeName': 'story_id',  # Sort Key
                'KeyType': 'RANGE'
            }
        ],
        AttributeDefinitions=[
            {
                'AttributeName': 'user_id',
                'AttributeType': 'S'
            },
            {
                'AttributeName': 'story_id',
                'AttributeType': 'S'
            },
        ],
        ProvisionedThroughput={
            'ReadCapacityUnits': 5,
            'WriteCapacityUnits': 5
        }
    )

    print(f"Table {table.table_name} is being created...")
    assert printed(capsys) == ["Table InstagramStories is being created..."]
    assert table.table_status == 'CREATING'  # CreateTable's answer, as DynamoDB's

    # Populate the Table with Sample Data
    # (the seed uses datetime without importing it; the import is at the top)
    # Add sample story data
    def add_sample_story(user_id, story_id, story_type, title, description, is_memory, likes_count):
        table.put_item(
            Item={
                'user_id': user_id,
                'story_id': story_id,
                'story_type': story_type,
                'title': title,
                'description': description,
                'timestamp': str(datetime.now()),
                'is_memory': is_memory,
                'likes_count': likes_count
            }
        )

    # Sample data for User U1 and U2
    add_sample_story('U1', 'S1', 'image', 'Sunset at the beach', 'A beautiful sunset I captured while at the beach.', False, 0)
    add_sample_story('U2', 'S2', 'video', 'Morning run', 'A short video of my morning run through the park.', True, 10)

    # Query the Data
    def get_user_stories(user_id):
        response = table.query(
            KeyConditionExpression=boto3.dynamodb.conditions.Key('user_id').eq(user_id)
        )
        return response['Items']

    # Get stories for User U1
    user_stories = get_user_stories('U1')
    print(user_stories)

    (line,) = printed(capsys)
    (story,) = printed_value(line, "")
    assert story == {
        'user_id': 'U1', 'story_id': 'S1', 'story_type': 'image', 'title': 'Sunset at the beach',
        'description': 'A beautiful sunset I captured while at the beach.',
        'timestamp': story['timestamp'], 'is_memory': False, 'likes_count': Decimal(0)}
    datetime.strptime(story['timestamp'], '%Y-%m-%d %H:%M:%S.%f')

    # Automatic Cleanup for Expired Stories
    import time

    def remove_expired_stories():
        current_time = time.time()
        response = table.scan()
        for item in response['Items']:
            story_time = time.mktime(datetime.strptime(item['timestamp'], '%Y-%m-%d %H:%M:%S.%f').timetuple())
            if current_time - story_time > 86400 and not item['is_memory']:  # 86400 seconds = 24 hours
                table.delete_item(
                    Key={
                        'user_id': item['user_id'],
                        'story_id': item['story_id']
                    }
                )
                print(f"Deleted expired story: {item['story_id']}")

    # Remove expired stories
    remove_expired_stories()
    assert printed(capsys) == []  # both stories are minutes old

    # test: two stories posted two days ago; only the one that is not a memory expires.
    two_days_ago = (datetime.now() - timedelta(days=2)).replace(microsecond=123456)
    for story_id, is_memory in (('S3', False), ('S4', True)):
        table.put_item(Item={'user_id': 'U1', 'story_id': story_id, 'story_type': 'image',
                             'timestamp': str(two_days_ago), 'is_memory': is_memory, 'likes_count': 1})
    remove_expired_stories()
    assert printed(capsys) == ["Deleted expired story: S3"]
    assert sorted((i['user_id'], i['story_id']) for i in table.scan()['Items']) == [
        ('U1', 'S1'), ('U1', 'S4'), ('U2', 'S2')]
