"""LSI item collections: the size limit and ReturnItemCollectionMetrics.

Run by ctest against a server started with --item-collection-limit 20000, so
a collection (the items of one partition key value of a table with local
secondary indexes, plus their index entries) fills up after a few items.
"""
import botocore.exceptions
import pytest

from helpers import error_of

LIMIT = 20000


def create(client, name, with_lsi=True):
    extra = {}
    defs = [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}]
    if with_lsi:
        defs.append({"AttributeName": "at", "AttributeType": "N"})
        extra["LocalSecondaryIndexes"] = [{
            "IndexName": "ByAt", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                               {"AttributeName": "at", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "ALL"}}]
    client.create_table(TableName=name, BillingMode="PAY_PER_REQUEST", AttributeDefinitions=defs,
                        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                   {"AttributeName": "sk", "KeyType": "RANGE"}], **extra)


def item(pk, sk, size=3000):
    return {"pk": {"S": pk}, "sk": {"N": str(sk)}, "at": {"N": str(sk)}, "blob": {"S": "x" * size}}


def test_metrics_and_the_limit(client, unique_name):
    name = unique_name("Coll")
    create(client, name)
    answer = client.put_item(TableName=name, Item=item("a", 1), ReturnItemCollectionMetrics="SIZE")
    assert answer["ItemCollectionMetrics"] == {"ItemCollectionKey": {"pk": {"S": "a"}},
                                               "SizeEstimateRangeGB": [0.0, 1.0]}
    # Without SIZE, nothing is returned.
    assert "ItemCollectionMetrics" not in client.put_item(TableName=name, Item=item("a", 2))
    # Each item counts twice (the table and the ALL-projected LSI entry): the
    # third 3 KB item of partition "a" stays under 20,000 bytes, the fourth does not.
    client.put_item(TableName=name, Item=item("a", 3))
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.put_item(TableName=name, Item=item("a", 4))
    code, message = error_of(e)
    assert code == "ItemCollectionSizeLimitExceededException"
    assert "Item collection size limit exceeded" in message
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "Item" not in client.get_item(TableName=name, Key={"pk": {"S": "a"}, "sk": {"N": "4"}})
    # Other partitions have their own collection; updates and batches are held to it too.
    client.put_item(TableName=name, Item=item("b", 1))
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.update_item(TableName=name, Key={"pk": {"S": "a"}, "sk": {"N": "1"}},
                           UpdateExpression="SET more = :m", ExpressionAttributeValues={":m": {"S": "y" * 4000}})
    assert error_of(e)[0] == "ItemCollectionSizeLimitExceededException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": item("b", 2)}},
                                                     {"PutRequest": {"Item": item("a", 9)}}]})
    assert error_of(e)[0] == "ItemCollectionSizeLimitExceededException"
    assert "Item" not in client.get_item(TableName=name, Key={"pk": {"S": "b"}, "sk": {"N": "2"}})
    # Shrinking is always allowed, and makes room again.
    answer = client.delete_item(TableName=name, Key={"pk": {"S": "a"}, "sk": {"N": "1"}},
                                ReturnItemCollectionMetrics="SIZE")
    assert answer["ItemCollectionMetrics"]["ItemCollectionKey"] == {"pk": {"S": "a"}}
    client.put_item(TableName=name, Item=item("a", 4))
    answer = client.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": item("b", 2)}},
                                                          {"PutRequest": {"Item": item("c", 1)}}]},
                                     ReturnItemCollectionMetrics="SIZE")
    metrics = answer["ItemCollectionMetrics"][name]
    assert sorted(m["ItemCollectionKey"]["pk"]["S"] for m in metrics) == ["b", "c"]


def test_tables_without_local_indexes_have_no_collections(client, unique_name):
    name = unique_name("Plain")
    create(client, name, with_lsi=False)
    for n in range(10):  # far past 20,000 bytes in one partition
        answer = client.put_item(TableName=name, Item=item("a", n), ReturnItemCollectionMetrics="SIZE")
        assert "ItemCollectionMetrics" not in answer
