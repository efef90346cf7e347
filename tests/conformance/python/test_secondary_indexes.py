"""Global and local secondary indexes through boto3, as DynamoDB answers them.

Covers indexes declared at CreateTable: their validation, the seed's
MusicCollection with the ArtistYearIndex LSI it queries, index maintenance
under every kind of write, projections, Select, paging and parallel scans of
an index, and DescribeTable's index fields.
"""
from decimal import Decimal

import botocore.exceptions
import pytest
from boto3.dynamodb.conditions import Attr, Key

from helpers import error_of, printed, printed_value

INVALID = "One or more parameter values were invalid: "


def keys(*pairs):
    return [{"AttributeName": n, "KeyType": t} for n, t in pairs]


def defs(*pairs):
    return [{"AttributeName": n, "AttributeType": t} for n, t in pairs]


def gsi(name, key, projection=None, throughput=None):
    spec = {"IndexName": name, "KeySchema": key, "Projection": projection or {"ProjectionType": "ALL"}}
    if throughput:
        spec["ProvisionedThroughput"] = throughput
    return spec


def lsi(name, key, projection=None):
    return {"IndexName": name, "KeySchema": key, "Projection": projection or {"ProjectionType": "ALL"}}


def create_orders(client, name, **extra):
    """Orders: customer (HASH) + orderId (RANGE); GSI StatusIndex (status, placed)
    projecting KEYS_ONLY; GSI ProductIndex (product) projecting INCLUDE [qty];
    LSI PlacedIndex (customer, placed) projecting INCLUDE [total]."""
    client.create_table(
        TableName=name,
        KeySchema=keys(("customer", "HASH"), ("orderId", "RANGE")),
        AttributeDefinitions=defs(("customer", "S"), ("orderId", "S"), ("status", "S"), ("placed", "N"),
                                  ("product", "S")),
        BillingMode="PAY_PER_REQUEST",
        GlobalSecondaryIndexes=[
            gsi("StatusIndex", keys(("status", "HASH"), ("placed", "RANGE")), {"ProjectionType": "KEYS_ONLY"}),
            gsi("ProductIndex", keys(("product", "HASH"),),
                {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["qty"]}),
        ],
        LocalSecondaryIndexes=[
            lsi("PlacedIndex", keys(("customer", "HASH"), ("placed", "RANGE")),
                {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["total"]}),
        ],
        **extra)


def create_error(client, **request):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.create_table(**request)
    return error_of(e)


def test_music_collection_with_its_local_index(aws, capsys):
    """Seed 000's step 6 queries ArtistYearIndex, which its step 1 never creates;
    here step 1 also declares it (Artist HASH, Year RANGE), and the seed's query
    prints the Beatles' songs from 1968 on, in Year order."""
    import boto3

    dynamodb = boto3.client('dynamodb', region_name='us-east-1', **aws)
    dynamodb.create_table(  # test: step 1 plus the LSI the seed queries
        TableName='MusicCollection',
        KeySchema=keys(('Artist', 'HASH'), ('Song', 'RANGE')),
        AttributeDefinitions=defs(('Artist', 'S'), ('Song', 'S'), ('Genre', 'S'), ('Year', 'N')),
        ProvisionedThroughput={'ReadCapacityUnits': 5, 'WriteCapacityUnits': 5},
        GlobalSecondaryIndexes=[gsi('GenreYearIndex', keys(('Genre', 'HASH'), ('Year', 'RANGE')),
                                    throughput={'ReadCapacityUnits': 5, 'WriteCapacityUnits': 5})],
        LocalSecondaryIndexes=[lsi('ArtistYearIndex', keys(('Artist', 'HASH'), ('Year', 'RANGE')))])
    table = boto3.resource('dynamodb', region_name='us-east-1', **aws).Table('MusicCollection')
    table.put_item(Item={'Artist': 'The Beatles', 'Song': 'Hey Jude', 'Album': 'The White Album',
                         'Genre': 'Rock', 'Year': 1968})
    with table.batch_writer() as batch:
        for i in range(1, 26):
            batch.put_item(Item={'Artist': 'The Beatles', 'Song': f'Song {i}', 'Album': 'Album 1',
                                 'Genre': 'Rock', 'Year': 1968 + i})

    def query_lsi():
        dynamodb = boto3.resource('dynamodb', region_name='us-east-1', **aws)
        table = dynamodb.Table('MusicCollection')
        response = table.query(
            IndexName='ArtistYearIndex',
            KeyConditionExpression=boto3.dynamodb.conditions.Key('Artist').eq('The Beatles') &
                                    boto3.dynamodb.conditions.Key('Year').gte(1968)
        )
        print("LSI Query result:", response['Items'])

    query_lsi()
    (line,) = printed(capsys)
    items = printed_value(line, "LSI Query result: ")
    assert items[0] == {'Artist': 'The Beatles', 'Song': 'Hey Jude', 'Album': 'The White Album',
                        'Genre': 'Rock', 'Year': Decimal(1968)}
    assert [i['Year'] for i in items] == [Decimal(y) for y in range(1968, 1994)]

    # A strongly consistent read is allowed on a local index, not on a global one.
    assert table.query(IndexName='ArtistYearIndex', ConsistentRead=True,
                       KeyConditionExpression=Key('Artist').eq('The Beatles') & Key('Year').lt(1970))['Count'] == 2
    with pytest.raises(botocore.exceptions.ClientError) as e:
        table.query(IndexName='GenreYearIndex', ConsistentRead=True, KeyConditionExpression=Key('Genre').eq('Rock'))
    assert error_of(e) == ('ValidationException', 'Consistent reads are not supported on global secondary indexes')


@pytest.mark.parametrize("request_update, expected", [
    ({"GlobalSecondaryIndexes": []}, INVALID + "List of GlobalSecondaryIndexes is empty"),
    ({"LocalSecondaryIndexes": []}, INVALID + "List of LocalSecondaryIndexes is empty"),
    ({"GlobalSecondaryIndexes": [gsi("ByX", keys(("nope", "HASH")))]},
     INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: [nope], "
               "AttributeDefinitions: [pk, sk, x]"),
    ({"GlobalSecondaryIndexes": [gsi("ByX", keys(("x", "RANGE")))]},
     "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
    ({"GlobalSecondaryIndexes": [gsi("ByX", keys(("x", "HASH"), ("x", "RANGE")))]},
     "Both the Hash Key and the Range Key element in the KeySchema have the same name"),
    ({"GlobalSecondaryIndexes": [gsi("ByX", keys(("x", "HASH"))), gsi("ByX", keys(("x", "HASH")))]},
     INVALID + "Duplicate index name: ByX"),
    ({"GlobalSecondaryIndexes": [gsi("ByX", keys(("x", "HASH")), {"ProjectionType": "ALL", "NonKeyAttributes": ["a"]})]},
     INVALID + "ProjectionType is ALL, but NonKeyAttributes is specified"),
    ({"GlobalSecondaryIndexes": [gsi("ByX", keys(("x", "HASH")), {"NonKeyAttributes": ["a"]})]},
     INVALID + "Unknown ProjectionType: null"),
    ({"GlobalSecondaryIndexes": [gsi("ByX", keys(("x", "HASH")),
                                     throughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})]},
     INVALID + "ProvisionedThroughput should not be specified for index: ByX when BillingMode is PAY_PER_REQUEST"),
    ({"GlobalSecondaryIndexes": [gsi(f"ByX{i}", keys(("x", "HASH"))) for i in range(21)]},
     INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of 20"),
    ({"LocalSecondaryIndexes": [lsi("ByX", keys(("pk", "HASH")))]},
     INVALID + "Index KeySchema does not have a range key for index: ByX"),
    ({"LocalSecondaryIndexes": [lsi("ByX", keys(("x", "HASH"), ("sk", "RANGE")))]},
     INVALID + "Index KeySchema does not have the same leading hash key as table KeySchema for index: ByX. "
               "index hash key: x, table hash key: pk"),
    ({"LocalSecondaryIndexes": [lsi(f"ByX{i}", keys(("pk", "HASH"), ("x", "RANGE"))) for i in range(6)]},
     INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of 5"),
    ({"GlobalSecondaryIndexes": [gsi("ByX", keys(("x", "HASH")), {
        "ProjectionType": "INCLUDE", "NonKeyAttributes": [f"a{i}" for i in range(101)]})]},
     INVALID + "Number of projected attributes in all indexes exceeds limit of 100, number of projected "
               "attributes:101"),
    ({"GlobalSecondaryIndexes": [gsi("ByX", keys(("x", "HASH")))],
      "AttributeDefinitions": defs(("pk", "S"), ("sk", "S"), ("x", "S"), ("unused", "N"))},
     INVALID + "Some AttributeDefinitions are not used. AttributeDefinitions: [pk, sk, x, unused], "
               "keys used: [pk, sk, x]"),
])
def test_create_table_index_rules(client, unique_name, request_update, expected):
    request = {"TableName": unique_name("Bad"), "KeySchema": keys(("pk", "HASH"), ("sk", "RANGE")),
               "AttributeDefinitions": defs(("pk", "S"), ("sk", "S"), ("x", "S")),
               "BillingMode": "PAY_PER_REQUEST"}
    request.update(request_update)
    assert create_error(client, **request) == ("ValidationException", expected)


def test_index_shape_errors_and_provisioned_throughput(client, unique_name):
    base = {"TableName": unique_name("Bad"), "KeySchema": keys(("pk", "HASH"),),
            "AttributeDefinitions": defs(("pk", "S"), ("x", "S"))}
    code, message = create_error(client, BillingMode="PAY_PER_REQUEST",
                                 GlobalSecondaryIndexes=[gsi("ab!c", keys(("x", "HASH")))], **base)
    assert code == "ValidationException"
    assert "Value 'ab!c' at 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: " \
           "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+" in message
    # A provisioned table's global index needs its own throughput.
    assert create_error(client, ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
                        GlobalSecondaryIndexes=[gsi("ByX", keys(("x", "HASH")))], **base) == (
        "ValidationException", INVALID + "ProvisionedThroughput is not specified for index: ByX")
    # A local index needs a table sort key.
    assert create_error(client, BillingMode="PAY_PER_REQUEST",
                        LocalSecondaryIndexes=[lsi("ByX", keys(("pk", "HASH"), ("x", "RANGE")))], **base) == (
        "ValidationException", INVALID + "Table KeySchema does not have a range key, which is required when "
                                         "specifying a LocalSecondaryIndex")


def test_writes_keep_every_index_exact(client, resource, unique_name):
    name = unique_name("Orders")
    create_orders(client, name)
    table = resource.Table(name)
    table.put_item(Item={"customer": "ann", "orderId": "o1", "status": "open", "placed": 3, "product": "pen",
                         "qty": 2, "total": Decimal("9.5"), "note": "gift"})
    table.put_item(Item={"customer": "ann", "orderId": "o2", "status": "open", "placed": 1, "product": "ink"})
    table.put_item(Item={"customer": "bob", "orderId": "o3", "placed": 2})  # sparse: no status, no product

    def status(s):
        return table.query(IndexName="StatusIndex", KeyConditionExpression=Key("status").eq(s))["Items"]

    # KEYS_ONLY: the table key and the index key, nothing else; in index sort-key order.
    assert status("open") == [
        {"customer": "ann", "orderId": "o2", "status": "open", "placed": Decimal(1)},
        {"customer": "ann", "orderId": "o1", "status": "open", "placed": Decimal(3)}]
    assert table.scan(IndexName="StatusIndex", Select="COUNT")["Count"] == 2
    # INCLUDE: plus the listed attributes.
    assert table.query(IndexName="ProductIndex", KeyConditionExpression=Key("product").eq("pen"))["Items"] == [
        {"customer": "ann", "orderId": "o1", "product": "pen", "qty": Decimal(2)}]

    # Moving an item's index key moves its entry; removing it leaves the index.
    table.update_item(Key={"customer": "ann", "orderId": "o1"}, UpdateExpression="SET #s = :s",
                      ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={":s": "shipped"})
    assert [i["orderId"] for i in status("open")] == ["o2"]
    assert [i["orderId"] for i in status("shipped")] == ["o1"]
    table.update_item(Key={"customer": "ann", "orderId": "o2"}, UpdateExpression="REMOVE #s",
                      ExpressionAttributeNames={"#s": "status"})
    assert status("open") == []
    # Adding the key attribute later puts the item in.
    table.update_item(Key={"customer": "bob", "orderId": "o3"}, UpdateExpression="SET #s = :s",
                      ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={":s": "open"})
    assert [i["orderId"] for i in status("open")] == ["o3"]
    # Deleting, overwriting and batches.
    table.delete_item(Key={"customer": "ann", "orderId": "o1"})
    assert status("shipped") == []
    table.put_item(Item={"customer": "bob", "orderId": "o3", "placed": 2})
    assert status("open") == []
    with table.batch_writer() as batch:
        for n in range(10):
            batch.put_item(Item={"customer": "cat", "orderId": f"b{n}", "status": "open", "placed": n})
    batch = client.batch_write_item(RequestItems={name: [
        {"DeleteRequest": {"Key": {"customer": {"S": "cat"}, "orderId": {"S": f"b{n}"}}}} for n in range(5)]})
    assert batch["UnprocessedItems"] == {}
    assert [i["placed"] for i in status("open")] == [Decimal(n) for n in range(5, 10)]

    described = client.describe_table(TableName=name)["Table"]
    by_name = {i["IndexName"]: i for i in described["GlobalSecondaryIndexes"]}
    assert by_name["StatusIndex"]["ItemCount"] == 5
    assert by_name["ProductIndex"]["ItemCount"] == 1  # o2 (ink)
    assert by_name["StatusIndex"]["IndexSizeBytes"] > 5 * 100  # 100 bytes of overhead per index item
    (placed,) = described["LocalSecondaryIndexes"]
    assert placed["ItemCount"] == described["ItemCount"] == 7  # every item has `placed`


def test_bad_index_keys_are_refused_and_nothing_is_written(client, resource, unique_name):
    name = unique_name("Orders")
    create_orders(client, name)
    table = resource.Table(name)
    item = {"customer": "ann", "orderId": "o1", "status": 7}
    with pytest.raises(botocore.exceptions.ClientError) as e:
        table.put_item(Item=item)
    assert error_of(e) == ("ValidationException", INVALID + "Type mismatch for Index Key status Expected: S "
                                                            "Actual: N IndexName: StatusIndex")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        table.put_item(Item={"customer": "ann", "orderId": "o1", "product": ""})
    assert error_of(e) == (
        "ValidationException",
        "One or more parameter values are not valid. A value specified for a secondary index key is not "
        "supported. The AttributeValue for a key attribute cannot contain an empty string value. "
        "IndexName: ProductIndex, IndexKey: product")
    table.put_item(Item={"customer": "ann", "orderId": "o1", "status": "open", "placed": 1})
    with pytest.raises(botocore.exceptions.ClientError) as e:
        table.update_item(Key={"customer": "ann", "orderId": "o1"}, UpdateExpression="SET placed = :p",
                          ExpressionAttributeValues={":p": "soon"})
    assert error_of(e)[1] == INVALID + "Type mismatch for Index Key placed Expected: N Actual: S IndexName: StatusIndex"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.batch_write_item(RequestItems={name: [
            {"PutRequest": {"Item": {"customer": {"S": "zed"}, "orderId": {"S": "z1"}}}},
            {"PutRequest": {"Item": {"customer": {"S": "zed"}, "orderId": {"S": "z2"}, "placed": {"S": "x"}}}}]})
    assert "Type mismatch for Index Key placed" in error_of(e)[1]
    # Nothing of the refused writes landed, in the table or in any index.
    assert table.get_item(Key={"customer": "ann", "orderId": "o1"})["Item"]["placed"] == Decimal(1)
    assert table.scan(Select="COUNT")["Count"] == 1
    assert table.scan(IndexName="PlacedIndex", Select="COUNT")["Count"] == 1
    assert table.scan(IndexName="StatusIndex", Select="COUNT")["Count"] == 1
    assert table.scan(IndexName="ProductIndex", Select="COUNT")["Count"] == 0


def test_select_and_projection_on_indexes(client, resource, unique_name):
    name = unique_name("Orders")
    create_orders(client, name)
    table = resource.Table(name)
    full = {"customer": "ann", "orderId": "o1", "status": "open", "placed": 3, "product": "pen", "qty": 2,
            "total": 10, "note": "gift"}
    table.put_item(Item=full)
    lsi_query = dict(IndexName="PlacedIndex", KeyConditionExpression=Key("customer").eq("ann"))
    # Default Select on an index: ALL_PROJECTED_ATTRIBUTES.
    assert table.query(**lsi_query)["Items"] == [
        {"customer": "ann", "orderId": "o1", "placed": Decimal(3), "total": Decimal(10)}]
    # A local index fetches what it does not project from the table.
    assert table.query(Select="ALL_ATTRIBUTES", **lsi_query)["Items"][0]["note"] == "gift"
    assert table.query(ProjectionExpression="note, #t", ExpressionAttributeNames={"#t": "total"}, **lsi_query)["Items"] == [
        {"note": "gift", "total": Decimal(10)}]
    # A filter on an attribute the local index does not project reads the table's
    # item, and the answer is still the projection.
    assert table.query(FilterExpression=Attr("note").eq("gift"), **lsi_query)["Items"] == [
        {"customer": "ann", "orderId": "o1", "placed": Decimal(3), "total": Decimal(10)}]
    assert table.query(FilterExpression=Attr("note").eq("other"), **lsi_query)["Count"] == 0
    # A global index cannot.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        table.query(IndexName="StatusIndex", KeyConditionExpression=Key("status").eq("open"),
                    Select="ALL_ATTRIBUTES")
    assert error_of(e) == ("ValidationException", INVALID + "Select type ALL_ATTRIBUTES is not supported for global "
                                                            "secondary index StatusIndex because its projection "
                                                            "type is not ALL")
    # ALL_PROJECTED_ATTRIBUTES needs an index.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        table.scan(Select="ALL_PROJECTED_ATTRIBUTES")
    assert error_of(e) == ("ValidationException",
                           "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        table.query(IndexName="NoSuchIndex", KeyConditionExpression=Key("customer").eq("ann"))
    assert error_of(e) == ("ValidationException", "The table does not have the specified index: NoSuchIndex")
    # The key condition is on the index's keys; the filter may not use them.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        table.query(IndexName="StatusIndex", KeyConditionExpression=Key("customer").eq("ann"))
    assert error_of(e) == ("ValidationException", "Query condition missed key schema element: status")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        table.query(IndexName="StatusIndex", KeyConditionExpression=Key("status").eq("open"),
                    FilterExpression=Attr("placed").gt(1))
    assert error_of(e) == ("ValidationException",
                           "Filter Expression can only contain non-primary key attributes: Primary key attribute: placed")


def test_paging_and_parallel_scan_of_an_index(client, resource, unique_name):
    name = unique_name("Orders")
    create_orders(client, name)
    table = resource.Table(name)
    with table.batch_writer() as batch:
        for n in range(60):
            batch.put_item(Item={"customer": f"c{n % 7}", "orderId": f"o{n:02d}", "status": "open" if n % 2 else "done",
                                 "placed": n % 10, "product": f"p{n % 3}"})
    # Descending pages of 4: ties on the index sort key come in table-key order,
    # and LastEvaluatedKey holds the table key and the index key.
    seen, start = [], None
    while True:
        kwargs = dict(IndexName="StatusIndex", KeyConditionExpression=Key("status").eq("open") & Key("placed").between(3, 7),
                      ScanIndexForward=False, Limit=4)
        if start:
            kwargs["ExclusiveStartKey"] = start
        page = table.query(**kwargs)
        seen.extend(page["Items"])
        start = page.get("LastEvaluatedKey")
        if start:
            assert set(start) == {"customer", "orderId", "status", "placed"}
        if not start:
            break
    expected = sorted((i for i in range(60) if i % 2 and 3 <= i % 10 <= 7),
                      key=lambda i: (i % 10, f"c{i % 7}", f"o{i:02d}"), reverse=True)
    assert [i["orderId"] for i in seen] == [f"o{i:02d}" for i in expected]
    # A start key outside the query is refused.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        table.query(IndexName="StatusIndex", KeyConditionExpression=Key("status").eq("done"),
                    ExclusiveStartKey={"customer": "c1", "orderId": "o01", "status": "open", "placed": 1})
    assert error_of(e) == ("ValidationException",
                           "The provided starting key is outside query boundaries based on provided conditions")
    # Four parallel segments of the index cover it exactly once.
    paginator = client.get_paginator("scan")
    found = []
    for segment in range(4):
        for page in paginator.paginate(TableName=name, IndexName="ProductIndex", Segment=segment, TotalSegments=4,
                                       PaginationConfig={"PageSize": 7}):
            found.extend(item["orderId"]["S"] for item in page["Items"])
    assert sorted(found) == [f"o{n:02d}" for n in range(60)]


def test_delete_table_drops_its_indexes(client, resource, unique_name):
    name = unique_name("Orders")
    create_orders(client, name)
    resource.Table(name).put_item(Item={"customer": "ann", "orderId": "o1", "status": "open", "placed": 1})
    deleted = client.delete_table(TableName=name)["TableDescription"]
    assert [i["IndexName"] for i in deleted["GlobalSecondaryIndexes"]] == ["StatusIndex", "ProductIndex"]
    create_orders(client, name)  # the same name again starts empty, indexes included
    table = resource.Table(name)
    assert table.query(IndexName="StatusIndex", KeyConditionExpression=Key("status").eq("open"))["Items"] == []
    described = client.describe_table(TableName=name)["Table"]
    assert all(i["ItemCount"] == 0 for i in described["GlobalSecondaryIndexes"])
    assert described["LocalSecondaryIndexes"][0]["IndexArn"].endswith(f"table/{name}/index/PlacedIndex")


def wait_for_index(client, table, name, status="ACTIVE", timeout=20):
    import time
    deadline = time.time() + timeout
    while time.time() < deadline:
        indexes = client.describe_table(TableName=table)["Table"].get("GlobalSecondaryIndexes", [])
        found = [i for i in indexes if i["IndexName"] == name]
        if (status is None and not found) or (found and found[0]["IndexStatus"] == status):
            return found[0] if found else None
        time.sleep(0.05)
    raise AssertionError(f"index {name} never became {status}")


def index_matches_table(table, index_name, key_names, projected=None):
    """Every item with all of key_names is in the index exactly once, with the
    projected attributes (None: all), and nothing else is."""
    def scan_all(**kwargs):
        out, start = [], None
        while True:
            page = table.scan(**kwargs, **({"ExclusiveStartKey": start} if start else {}))
            out.extend(page["Items"])
            start = page.get("LastEvaluatedKey")
            if not start:
                return out
    items = scan_all()
    entries = scan_all(IndexName=index_name)
    def key(i):
        return (i["pk"], i["sk"])
    expected = {}
    for i in items:
        if all(k in i for k in key_names):
            expected[key(i)] = i if projected is None else {k: v for k, v in i.items() if k in projected}
    got = {}
    for e in entries:
        assert key(e) not in got, f"duplicate entry {key(e)}"
        got[key(e)] = e
    assert got == expected


def test_update_table_adds_an_index_exactly_while_writes_go_on(client, resource, unique_name):
    import threading
    name = unique_name("Live")
    client.create_table(TableName=name, KeySchema=keys(("pk", "HASH"), ("sk", "RANGE")),
                        AttributeDefinitions=defs(("pk", "S"), ("sk", "N")), BillingMode="PAY_PER_REQUEST")
    table = resource.Table(name)
    with table.batch_writer() as batch:
        for n in range(3000):
            item = {"pk": f"p{n % 50}", "sk": n, "v": n}
            if n % 4:
                item["g"] = f"g{n % 7}"
            batch.put_item(Item=item)

    stop = threading.Event()
    errors = []

    def writer(seed):
        n = seed
        try:
            while not stop.is_set():
                n = (n * 7919 + 13) % 3000
                k = {"pk": f"p{n % 50}", "sk": n}
                if n % 5 == 0:
                    table.delete_item(Key=k)
                elif n % 5 == 1:
                    table.update_item(Key=k, UpdateExpression="REMOVE g")
                else:
                    table.put_item(Item={**k, "v": n + 1, "g": f"g{(n + seed) % 7}"})
        except Exception as e:  # reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(s,)) for s in range(1, 4)]
    for t in threads:
        t.start()
    try:
        answer = client.update_table(
            TableName=name, AttributeDefinitions=defs(("g", "S")),
            GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "ByG", "KeySchema": keys(("g", "HASH")),
                                                     "Projection": {"ProjectionType": "KEYS_ONLY"}}}])
        description = answer["TableDescription"]
        assert description["TableStatus"] == "UPDATING"
        (created,) = description["GlobalSecondaryIndexes"]
        assert (created["IndexStatus"], created["Backfilling"]) == ("CREATING", True)
        with pytest.raises(botocore.exceptions.ClientError) as e:  # one build at a time
            client.update_table(TableName=name, AttributeDefinitions=defs(("v", "N")),
                                GlobalSecondaryIndexUpdates=[{"Create": {
                                    "IndexName": "ByV", "KeySchema": keys(("v", "HASH")),
                                    "Projection": {"ProjectionType": "ALL"}}}])
        assert error_of(e) == ("LimitExceededException", "Subscriber limit exceeded: Only 1 online index can be "
                                                         "created or deleted simultaneously per table")
        wait_for_index(client, name, "ByG")
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
    assert client.describe_table(TableName=name)["Table"]["TableStatus"] == "ACTIVE"
    index_matches_table(table, "ByG", ["g"], projected={"pk", "sk", "g"})

    # Throughput updates need a provisioned table; an unknown index is not found.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.update_table(TableName=name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "Nope"}}])
    assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found: Index: Nope not found")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.update_table(TableName=name, GlobalSecondaryIndexUpdates=[{"Create": {
            "IndexName": "ByG", "KeySchema": keys(("g", "HASH")), "Projection": {"ProjectionType": "ALL"}}}])
    assert error_of(e) == ("ValidationException", "Attempting to create an index which already exists")

    # Deleting: DELETING, then gone, with its attribute definition.
    answer = client.update_table(TableName=name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "ByG"}}])
    assert answer["TableDescription"]["GlobalSecondaryIndexes"][0]["IndexStatus"] == "DELETING"
    wait_for_index(client, name, "ByG", status=None)
    described = client.describe_table(TableName=name)["Table"]
    assert "GlobalSecondaryIndexes" not in described
    assert [a["AttributeName"] for a in described["AttributeDefinitions"]] == ["pk", "sk"]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        table.query(IndexName="ByG", KeyConditionExpression=Key("g").eq("g1"))
    assert error_of(e) == ("ValidationException", "The table does not have the specified index: ByG")


def test_index_throughput_update_on_a_provisioned_table(client, unique_name):
    name = unique_name("Prov")
    client.create_table(TableName=name, KeySchema=keys(("pk", "HASH"),), AttributeDefinitions=defs(("pk", "S"), ("x", "S")),
                        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
                        GlobalSecondaryIndexes=[gsi("ByX", keys(("x", "HASH")),
                                                    throughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5})])
    client.update_table(TableName=name, GlobalSecondaryIndexUpdates=[{"Update": {
        "IndexName": "ByX", "ProvisionedThroughput": {"ReadCapacityUnits": 10, "WriteCapacityUnits": 3}}}])
    tp = client.describe_table(TableName=name)["Table"]["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]
    assert (tp["ReadCapacityUnits"], tp["WriteCapacityUnits"], tp["NumberOfDecreasesToday"]) == (10, 3, 1)
    assert "LastIncreaseDateTime" in tp and "LastDecreaseDateTime" in tp
    with pytest.raises(botocore.exceptions.ClientError) as e:  # a provisioned table's new index needs throughput
        client.update_table(TableName=name, AttributeDefinitions=defs(("y", "S")), GlobalSecondaryIndexUpdates=[
            {"Create": {"IndexName": "ByY", "KeySchema": keys(("y", "HASH")), "Projection": {"ProjectionType": "ALL"}}}])
    assert error_of(e) == ("ValidationException", INVALID + "ProvisionedThroughput is not specified for index: ByY")


def test_indexes_match_their_table_after_sigkill(unique_name):
    """Kills the server with SIGKILL while writers change indexed items and a
    new index is being built; after a restart the build finishes, and every
    index holds exactly the entries its table's items call for."""
    import signal
    import tempfile
    import threading
    import time
    import boto3

    from helpers import no_retry_kwargs, start_server

    data = tempfile.mkdtemp(prefix="dynadesk-kill-")

    def clients(url):
        return boto3.client("dynamodb", **no_retry_kwargs(url)), boto3.resource("dynamodb", **no_retry_kwargs(url))

    server, url = start_server(data)
    client, resource = clients(url)
    client.create_table(
        TableName="Crash", KeySchema=keys(("pk", "HASH"), ("sk", "RANGE")),
        AttributeDefinitions=defs(("pk", "S"), ("sk", "N"), ("a", "S"), ("b", "N")),
        BillingMode="PAY_PER_REQUEST",
        GlobalSecondaryIndexes=[gsi("ByA", keys(("a", "HASH"), ("b", "RANGE")),
                                    {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["v"]})],
        LocalSecondaryIndexes=[lsi("ByB", keys(("pk", "HASH"), ("b", "RANGE")), {"ProjectionType": "KEYS_ONLY"})])
    table = resource.Table("Crash")
    with table.batch_writer() as batch:
        for n in range(4000):
            batch.put_item(Item={"pk": f"p{n % 40}", "sk": n, "a": f"a{n % 9}", "b": n % 13, "c": f"c{n % 5}", "v": n})

    stop = threading.Event()

    def writer(seed):
        n = seed
        while not stop.is_set():
            n = (n * 7919 + 17) % 4000
            k = {"pk": f"p{n % 40}", "sk": n}
            try:
                if n % 3 == 0:
                    table.delete_item(Key=k)
                elif n % 3 == 1:
                    table.update_item(Key=k, UpdateExpression="SET a = :a, b = :b REMOVE c",
                                      ExpressionAttributeValues={":a": f"a{seed}", ":b": n % 11})
                else:
                    table.put_item(Item={**k, "a": f"a{n % 9}", "b": n % 13, "c": f"c{seed}", "v": n + seed})
            except Exception:
                return  # the server is gone

    threads = [threading.Thread(target=writer, args=(s,), daemon=True) for s in range(1, 5)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    client.update_table(TableName="Crash", AttributeDefinitions=defs(("c", "S")), GlobalSecondaryIndexUpdates=[{"Create": {
        "IndexName": "ByC", "KeySchema": keys(("c", "HASH")), "Projection": {"ProjectionType": "ALL"}}}])
    time.sleep(0.3)
    server.send_signal(signal.SIGKILL)
    server.wait()
    stop.set()
    for t in threads:
        t.join()

    server, url = start_server(data)
    try:
        client, resource = clients(url)
        table = resource.Table("Crash")
        wait_for_index(client, "Crash", "ByC")
        index_matches_table(table, "ByA", ["a", "b"], projected={"pk", "sk", "a", "b", "v"})
        index_matches_table(table, "ByB", ["b"], projected={"pk", "sk", "b"})
        index_matches_table(table, "ByC", ["c"])
        described = client.describe_table(TableName="Crash")["Table"]
        counts = {i["IndexName"]: i["ItemCount"] for i in described["GlobalSecondaryIndexes"]}
        counts.update({i["IndexName"]: i["ItemCount"] for i in described["LocalSecondaryIndexes"]})
        scanned = {name: table.scan(IndexName=name, Select="COUNT")["Count"] for name in counts}
        assert counts == scanned
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
        import shutil
        shutil.rmtree(data, ignore_errors=True)
