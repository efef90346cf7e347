"""TransactWriteItems and TransactGetItems through Debian's boto3.

Covers what boto3 users see (CancellationReasons on the exception, retries
with a ClientRequestToken), transfers between accounts from several clients
at once while others read (totals conserved, no partial transaction ever
visible), and a server killed with SIGKILL during transfers (every transaction
entirely present or entirely absent after a restart).
"""
import shutil
import signal
import tempfile
import threading
import time

import boto3
import botocore.exceptions
import pytest

from helpers import error_of, no_retry_kwargs, start_server

ACCOUNTS = 20
START = 1000


def create_accounts(client, name):
    client.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
    for n in range(ACCOUNTS):
        client.put_item(TableName=name, Item={"id": {"S": f"acct{n}"}, "balance": {"N": str(START)}})


def transfer(client, name, src, dst, amount, token=None):
    extra = {"ClientRequestToken": token} if token else {}
    client.transact_write_items(TransactItems=[
        {"Update": {"TableName": name, "Key": {"id": {"S": src}},
                    "UpdateExpression": "ADD balance :minus, moves :one",
                    "ConditionExpression": "balance >= :amount",
                    "ExpressionAttributeValues": {":minus": {"N": str(-amount)}, ":amount": {"N": str(amount)},
                                                  ":one": {"N": "1"}}}},
        {"Update": {"TableName": name, "Key": {"id": {"S": dst}},
                    "UpdateExpression": "ADD balance :plus, moves :one",
                    "ExpressionAttributeValues": {":plus": {"N": str(amount)}, ":one": {"N": "1"}}}},
    ], **extra)


def snapshot(client, name):
    """Every balance and move count, read in one TransactGetItems."""
    answer = client.transact_get_items(TransactItems=[
        {"Get": {"TableName": name, "Key": {"id": {"S": f"acct{n}"}}}} for n in range(ACCOUNTS)])
    items = [r["Item"] for r in answer["Responses"]]
    return (sum(int(i["balance"]["N"]) for i in items), sum(int(i.get("moves", {"N": "0"})["N"]) for i in items))


def test_cancellation_reasons_and_retries(client, unique_name):
    name = unique_name("Accounts")
    create_accounts(client, name)
    with pytest.raises(client.exceptions.TransactionCanceledException) as e:
        client.transact_write_items(TransactItems=[
            {"ConditionCheck": {"TableName": name, "Key": {"id": {"S": "acct0"}},
                                "ConditionExpression": "balance > :big",
                                "ExpressionAttributeValues": {":big": {"N": "999999"}},
                                "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
            {"Put": {"TableName": name, "Item": {"id": {"S": "new"}}}}])
    reasons = e.value.response["CancellationReasons"]
    assert [r["Code"] for r in reasons] == ["ConditionalCheckFailed", "None"]
    assert reasons[0]["Item"] == {"id": {"S": "acct0"}, "balance": {"N": str(START)}}
    assert "Item" not in client.get_item(TableName=name, Key={"id": {"S": "new"}})

    # A retried transfer with its token moves the money once.
    transfer(client, name, "acct0", "acct1", 5, token="retry-me")
    transfer(client, name, "acct0", "acct1", 5, token="retry-me")
    assert client.get_item(TableName=name, Key={"id": {"S": "acct0"}})["Item"]["balance"] == {"N": str(START - 5)}
    with pytest.raises(botocore.exceptions.ClientError) as e:
        transfer(client, name, "acct0", "acct1", 6, token="retry-me")
    assert error_of(e)[0] == "IdempotentParameterMismatchException"


def test_concurrent_transfers_conserve_the_total(client, endpoint, unique_name):
    name = unique_name("Accounts")
    create_accounts(client, name)
    stop = threading.Event()
    errors, moves, reads = [], [0], [0]
    lock = threading.Lock()

    def mover(seed):
        own = boto3.client("dynamodb", region_name="us-east-1", endpoint_url=endpoint)
        n = seed
        try:
            while not stop.is_set():
                n = (n * 7919 + 11) % 9973
                src, dst = f"acct{n % ACCOUNTS}", f"acct{(n // ACCOUNTS) % ACCOUNTS}"
                if src == dst:
                    continue
                try:
                    transfer(own, name, src, dst, 1 + n % 50)
                    with lock:
                        moves[0] += 2
                except own.exceptions.TransactionCanceledException:
                    pass  # not enough money, or a conflicting transaction: nothing applied
        except Exception as e:
            errors.append(e)

    def reader():
        own = boto3.client("dynamodb", region_name="us-east-1", endpoint_url=endpoint)
        try:
            while not stop.is_set():
                total, _ = snapshot(own, name)
                assert total == ACCOUNTS * START, f"a partial transaction was visible: total {total}"
                with lock:
                    reads[0] += 1
        except Exception as e:
            errors.append(e)

    threads = [threading.Thread(target=mover, args=(s,)) for s in range(1, 5)]
    threads += [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(3)
    stop.set()
    for t in threads:
        t.join()
    assert errors == []
    total, counted = snapshot(client, name)
    assert total == ACCOUNTS * START
    assert counted == moves[0] > 0 and reads[0] > 0


def test_transactions_survive_sigkill_whole_or_not_at_all():
    data = tempfile.mkdtemp(prefix="dynadesk-kill-tx-")

    def start():
        server, url = start_server(data)
        return server, boto3.client("dynamodb", **no_retry_kwargs(url))

    server, client = start()
    try:
        create_accounts(client, "Bank")
        client.update_table(TableName="Bank",
                            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
        stop = threading.Event()

        def mover(seed):
            n = seed
            while not stop.is_set():
                n = (n * 7919 + 11) % 9973
                src, dst = f"acct{n % ACCOUNTS}", f"acct{(n // ACCOUNTS) % ACCOUNTS}"
                if src == dst:
                    continue
                try:
                    transfer(client, "Bank", src, dst, 1 + n % 50)
                except client.exceptions.TransactionCanceledException:
                    pass
                except Exception:
                    return  # the server is gone

        threads = [threading.Thread(target=mover, args=(s,), daemon=True) for s in range(1, 5)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        server.send_signal(signal.SIGKILL)
        server.wait()
        stop.set()
        for t in threads:
            t.join()

        server, client = start()
        total, moves = snapshot(client, "Bank")
        assert total == ACCOUNTS * START  # no transfer half-applied
        assert moves % 2 == 0 and moves > 0  # each transfer counts a move on both of its accounts

        # The stream holds exactly the committed changes: one MODIFY per account
        # a transfer touched, and replaying them gives today's balances.
        endpoint = client.meta.endpoint_url
        streams = boto3.client("dynamodbstreams", region_name="us-east-1", endpoint_url=endpoint,
                               aws_access_key_id="k", aws_secret_access_key="s")
        arn = client.describe_table(TableName="Bank")["Table"]["LatestStreamArn"]
        shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard,
                                              ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        records = []
        while True:
            page = streams.get_records(ShardIterator=iterator)
            records.extend(page["Records"])
            if not page["Records"]:
                break
            iterator = page["NextShardIterator"]
        assert {r["eventName"] for r in records} == {"MODIFY"}
        assert len(records) == moves
        replayed = {}
        for r in records:
            replayed[r["dynamodb"]["Keys"]["id"]["S"]] = int(r["dynamodb"]["NewImage"]["balance"]["N"])
        for account, balance in replayed.items():
            stored = client.get_item(TableName="Bank", Key={"id": {"S": account}})["Item"]["balance"]["N"]
            assert int(stored) == balance
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
        shutil.rmtree(data, ignore_errors=True)
