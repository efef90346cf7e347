"""Time to Live through boto3: seed 000's Instagram stories expiring after 24
hours, by TTL instead of the seed's own cleanup script.

The server runs with --clock-offset-file; the test moves the engine's clock a
day ahead by writing that file, instead of waiting a day.
"""
import os
import time
from datetime import datetime

import boto3
import pytest

from helpers import error_of

DAY = 86400


@pytest.fixture
def clock():
    path = os.environ["DYNADESK_CLOCK_OFFSET_FILE"]

    def move(seconds):
        with open(path, "w") as f:
            f.write(str(seconds))
        move.offset = seconds
        time.sleep(0.2)  # the server looks at the file at most every 50 ms

    move(0)
    yield move
    move(0)


def wait_until(predicate, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_instagram_stories_expire_after_24_hours(aws, client, clock):
    dynamodb = boto3.resource('dynamodb', region_name='us-east-1', **aws)
    table = dynamodb.create_table(
        TableName='InstagramStories',
        KeySchema=[{'AttributeName': 'user_id', 'KeyType': 'HASH'},
                   {'AttributeName': 'story_id', 'KeyType': 'RANGE'}],
        AttributeDefinitions=[{'AttributeName': 'user_id', 'AttributeType': 'S'},
                              {'AttributeName': 'story_id', 'AttributeType': 'S'}],
        ProvisionedThroughput={'ReadCapacityUnits': 5, 'WriteCapacityUnits': 5})
    # test: the seed's cleanup as a TTL setting; memories never get an expiry.
    answer = client.update_time_to_live(TableName='InstagramStories',
                                        TimeToLiveSpecification={'Enabled': True, 'AttributeName': 'expires_at'})
    assert answer['TimeToLiveSpecification'] == {'Enabled': True, 'AttributeName': 'expires_at'}
    assert client.describe_time_to_live(TableName='InstagramStories')['TimeToLiveDescription'] == {
        'TimeToLiveStatus': 'ENABLED', 'AttributeName': 'expires_at'}

    def add_sample_story(user_id, story_id, story_type, title, description, is_memory, likes_count):
        item = {
            'user_id': user_id,
            'story_id': story_id,
            'story_type': story_type,
            'title': title,
            'description': description,
            'timestamp': str(datetime.now()),
            'is_memory': is_memory,
            'likes_count': likes_count
        }
        if not is_memory:  # test: what the seed's cleanup deletes 86400 seconds after posting (server time)
            item['expires_at'] = int(time.time() + clock.offset) + DAY
        table.put_item(Item=item)

    add_sample_story('U1', 'S1', 'image', 'Sunset at the beach', 'A beautiful sunset I captured while at the beach.', False, 0)
    add_sample_story('U2', 'S2', 'video', 'Morning run', 'A short video of my morning run through the park.', True, 10)

    def story_ids():
        return sorted(i['story_id'] for i in table.scan()['Items'])

    time.sleep(0.6)  # a few sweeps: nothing has expired yet
    assert story_ids() == ['S1', 'S2']
    clock(DAY + 5)  # a day later
    assert wait_until(lambda: story_ids() == ['S2'])

    # The deletion is in the table's stream as the DynamoDB service's REMOVE.
    client.update_table(TableName='InstagramStories',
                        StreamSpecification={'StreamEnabled': True, 'StreamViewType': 'OLD_IMAGE'})
    add_sample_story('U3', 'S3', 'image', 'Lunch', 'Noodles.', False, 1)
    clock(2 * DAY + 10)
    assert wait_until(lambda: story_ids() == ['S2'])
    streams = boto3.client('dynamodbstreams', region_name='us-east-1', **aws)
    arn = client.describe_table(TableName='InstagramStories')['Table']['LatestStreamArn']
    shard = streams.describe_stream(StreamArn=arn)['StreamDescription']['Shards'][0]['ShardId']
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType='TRIM_HORIZON')['ShardIterator']
    records = streams.get_records(ShardIterator=iterator)['Records']
    # S3's INSERT happened a (moved) day before: past the stream's 24-hour retention.
    assert [r['eventName'] for r in records] == ['REMOVE']
    assert records[0]['userIdentity'] == {'Type': 'Service', 'PrincipalId': 'dynamodb.amazonaws.com'}
    assert records[0]['dynamodb']['OldImage']['story_id'] == {'S': 'S3'}

    with pytest.raises(client.exceptions.ClientError) as e:
        client.update_time_to_live(TableName='InstagramStories',
                                   TimeToLiveSpecification={'Enabled': True, 'AttributeName': 'expires_at'})
    assert error_of(e) == ('ValidationException', 'TimeToLive is already enabled')
