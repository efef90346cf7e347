"""boto3's client paginators (Scan, Query, ListTables) and waiters
(table_exists, table_not_exists) against Dynadesk."""
import time

import botocore.exceptions
import pytest


def make_table(client, name, sort_key=False):
    keys = [{'AttributeName': 'pk', 'KeyType': 'HASH'}]
    attrs = [{'AttributeName': 'pk', 'AttributeType': 'S'}]
    if sort_key:
        keys.append({'AttributeName': 'sk', 'KeyType': 'RANGE'})
        attrs.append({'AttributeName': 'sk', 'AttributeType': 'N'})
    client.create_table(TableName=name, KeySchema=keys, AttributeDefinitions=attrs, BillingMode='PAY_PER_REQUEST')
    client.get_waiter('table_exists').wait(TableName=name)


def test_scan_paginator_crosses_many_pages(client, resource, unique_name):
    name = unique_name('ScanPages')
    make_table(client, name)
    with resource.Table(name).batch_writer() as batch:
        for i in range(230):
            batch.put_item(Item={'pk': f'item-{i:03d}', 'n': i, 'even': i % 2 == 0})

    pages = list(client.get_paginator('scan').paginate(TableName=name, PaginationConfig={'PageSize': 7}))
    assert len(pages) == 33  # 32 full pages, then 6 items, with no LastEvaluatedKey
    assert all(p['Count'] == 7 and p['ScannedCount'] == 7 and 'LastEvaluatedKey' in p for p in pages[:-1])
    assert pages[-1]['Count'] == 6 and 'LastEvaluatedKey' not in pages[-1]
    keys = [item['pk']['S'] for p in pages for item in p['Items']]
    assert len(keys) == 230 and sorted(keys) == [f'item-{i:03d}' for i in range(230)]

    # A filter is applied after each page is read: pages still cross the table in
    # PageSize steps, and the total is exact.
    pages = list(client.get_paginator('scan').paginate(
        TableName=name, FilterExpression='even = :t', ExpressionAttributeValues={':t': {'BOOL': True}},
        PaginationConfig={'PageSize': 10}))
    # 230 is a multiple of 10: the 23rd page stops at the Limit and so still has a
    # LastEvaluatedKey, and a 24th, empty page ends the scan, as in DynamoDB.
    assert len(pages) == 24
    assert 'LastEvaluatedKey' in pages[22] and 'LastEvaluatedKey' not in pages[23]
    assert (pages[23]['Count'], pages[23]['ScannedCount'], pages[23]['Items']) == (0, 0, [])
    assert sum(p['ScannedCount'] for p in pages) == 230
    assert sum(p['Count'] for p in pages) == 115
    assert sorted(int(i['n']['N']) for p in pages for i in p['Items']) == list(range(0, 230, 2))

    # Select COUNT pages too.
    counted = client.get_paginator('scan').paginate(TableName=name, Select='COUNT',
                                                     PaginationConfig={'PageSize': 50})
    assert [p['Count'] for p in counted] == [50, 50, 50, 50, 30]

    # MaxItems stops early and hands out a NextToken that resumes exactly there.
    first = client.get_paginator('scan').paginate(
        TableName=name, PaginationConfig={'PageSize': 9, 'MaxItems': 40}).build_full_result()
    assert len(first['Items']) == 40 and 'NextToken' in first
    rest = client.get_paginator('scan').paginate(
        TableName=name, PaginationConfig={'PageSize': 9, 'StartingToken': first['NextToken']}).build_full_result()
    assert 'NextToken' not in rest
    both = [i['pk']['S'] for i in first['Items'] + rest['Items']]
    assert len(both) == 230 and len(set(both)) == 230

    # Parallel scan: each segment pages on its own; together they are the table, once.
    seen = []
    for segment in range(4):
        for page in client.get_paginator('scan').paginate(TableName=name, Segment=segment, TotalSegments=4,
                                                          PaginationConfig={'PageSize': 11}):
            seen.extend(i['pk']['S'] for i in page['Items'])
    assert sorted(seen) == sorted(keys)


def test_scan_paginator_follows_the_1mb_page_limit(client, resource, unique_name):
    name = unique_name('BigItems')
    make_table(client, name)
    blob = 'x' * 100_000
    with resource.Table(name).batch_writer() as batch:
        for i in range(25):
            batch.put_item(Item={'pk': f'big-{i:02d}', 'blob': blob})
    pages = list(client.get_paginator('scan').paginate(TableName=name))
    assert len(pages) >= 3  # 2.5 MB of items in pages of at most 1 MB
    assert all('LastEvaluatedKey' in p for p in pages[:-1])
    assert all(p['Count'] <= 11 for p in pages)
    assert sorted(i['pk']['S'] for p in pages for i in p['Items']) == [f'big-{i:02d}' for i in range(25)]


def test_query_paginator_keeps_sort_key_order_across_pages(client, resource, unique_name):
    name = unique_name('QueryPages')
    make_table(client, name, sort_key=True)
    with resource.Table(name).batch_writer() as batch:
        for i in range(123):
            batch.put_item(Item={'pk': 'device-1', 'sk': i, 'odd': i % 2})
        for i in range(40):
            batch.put_item(Item={'pk': 'device-2', 'sk': i})

    paginator = client.get_paginator('query')
    pages = list(paginator.paginate(TableName=name, KeyConditionExpression='pk = :p',
                                    ExpressionAttributeValues={':p': {'S': 'device-1'}},
                                    PaginationConfig={'PageSize': 10}))
    assert [p['Count'] for p in pages] == [10] * 12 + [3]
    assert [int(i['sk']['N']) for p in pages for i in p['Items']] == list(range(123))
    assert pages[0]['LastEvaluatedKey'] == {'pk': {'S': 'device-1'}, 'sk': {'N': '9'}}

    backwards = paginator.paginate(TableName=name, KeyConditionExpression='pk = :p', ScanIndexForward=False,
                                   ExpressionAttributeValues={':p': {'S': 'device-1'}},
                                   PaginationConfig={'PageSize': 25}).build_full_result()
    assert [int(i['sk']['N']) for i in backwards['Items']] == list(range(122, -1, -1))

    ranged = paginator.paginate(TableName=name, KeyConditionExpression='pk = :p AND sk BETWEEN :lo AND :hi',
                                FilterExpression='odd = :one',
                                ExpressionAttributeValues={':p': {'S': 'device-1'}, ':lo': {'N': '20'},
                                                           ':hi': {'N': '59'}, ':one': {'N': '1'}},
                                PaginationConfig={'PageSize': 6})
    pages = list(ranged)
    assert sum(p['ScannedCount'] for p in pages) == 40
    assert [int(i['sk']['N']) for p in pages for i in p['Items']] == list(range(21, 60, 2))

    # The resource's query with Key conditions and manual LastEvaluatedKey paging.
    from boto3.dynamodb.conditions import Key
    table = resource.Table(name)
    got, kwargs = [], {'KeyConditionExpression': Key('pk').eq('device-2') & Key('sk').gte(5), 'Limit': 8}
    while True:
        page = table.query(**kwargs)
        got.extend(int(i['sk']) for i in page['Items'])
        if 'LastEvaluatedKey' not in page:
            break
        kwargs['ExclusiveStartKey'] = page['LastEvaluatedKey']
    assert got == list(range(5, 40))


def test_list_tables_paginator_and_limit(client, unique_name):
    prefix = unique_name('Listed')
    names = [f'{prefix}-{i:02d}' for i in range(12)]
    for name in names:
        client.create_table(TableName=name, KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}],
                            AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'}],
                            BillingMode='PAY_PER_REQUEST')
    everything = client.list_tables()['TableNames']
    assert everything == sorted(everything)  # DynamoDB lists names in order
    assert set(names) <= set(everything)

    pages = list(client.get_paginator('list_tables').paginate(PaginationConfig={'PageSize': 5}))
    assert [n for p in pages for n in p['TableNames']] == everything
    assert all(len(p['TableNames']) == 5 for p in pages[:-1])
    assert all(p['LastEvaluatedTableName'] == p['TableNames'][-1] for p in pages[:-1])
    assert 'LastEvaluatedTableName' not in pages[-1]

    # By hand with Limit / ExclusiveStartTableName.
    first = client.list_tables(Limit=3)
    assert first['TableNames'] == everything[:3]
    assert first['LastEvaluatedTableName'] == everything[2]
    second = client.list_tables(Limit=3, ExclusiveStartTableName=first['LastEvaluatedTableName'])
    assert second['TableNames'] == everything[3:6]
    # A start name need not be a table: listing resumes after it.
    after = client.list_tables(ExclusiveStartTableName=names[4] + '-zzz')
    assert after['TableNames'] == [n for n in everything if n > names[4] + '-zzz']

    # MaxItems with the paginator's own token.
    part = client.get_paginator('list_tables').paginate(
        PaginationConfig={'PageSize': 4, 'MaxItems': 6}).build_full_result()
    assert part['TableNames'] == everything[:6] and 'NextToken' in part


def test_table_exists_and_table_not_exists_waiters(client, resource, unique_name):
    name = unique_name('Waited')
    client.create_table(TableName=name, KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}],
                        AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'}],
                        ProvisionedThroughput={'ReadCapacityUnits': 1, 'WriteCapacityUnits': 1})
    started = time.monotonic()
    client.get_waiter('table_exists').wait(TableName=name, WaiterConfig={'Delay': 1, 'MaxAttempts': 5})
    assert client.describe_table(TableName=name)['Table']['TableStatus'] == 'ACTIVE'

    client.delete_table(TableName=name)
    client.get_waiter('table_not_exists').wait(TableName=name, WaiterConfig={'Delay': 1, 'MaxAttempts': 5})
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_table(TableName=name)
    assert time.monotonic() - started < 3  # both were satisfied at once

    # Waiting for a table that never comes: the waiter gives up after MaxAttempts.
    with pytest.raises(botocore.exceptions.WaiterError) as e:
        client.get_waiter('table_exists').wait(TableName=unique_name('Never'),
                                               WaiterConfig={'Delay': 1, 'MaxAttempts': 2})
    assert 'Max attempts exceeded' in str(e.value)
    assert e.value.last_response['Error']['Code'] == 'ResourceNotFoundException'

    # ... and table_not_exists gives up on a table that stays.
    kept = unique_name('Kept')
    table = resource.create_table(TableName=kept, KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}],
                                  AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'}],
                                  BillingMode='PAY_PER_REQUEST')
    table.wait_until_exists()
    with pytest.raises(botocore.exceptions.WaiterError):
        client.get_waiter('table_not_exists').wait(TableName=kept, WaiterConfig={'Delay': 1, 'MaxAttempts': 2})

    # The resource's own waiters.
    table.delete()
    table.wait_until_not_exists()
    assert kept not in client.list_tables()['TableNames']
