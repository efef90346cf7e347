#!/usr/bin/python3
"""Tables, preload and write checks for bench/http/run.sh, through the HTTP API.

Run with Debian's /usr/bin/python3 and python3-boto3 (run.sh installs it).

  dynamo_data.py prepare ENDPOINT --items N --parts P --counters C
      Creates bench_items (pk), bench_query (pk, sk:N), bench_batch (pk) and
      bench_counters (pk), waits until they are ACTIVE, then loads N items
      item-0000000.. into bench_items, P partitions part-000000.. of 10 items
      (sk 0..9) into bench_query and C counters ctr-00000.. with n = 0 into
      bench_counters. Each item is ~200 bytes.
  dynamo_data.py count ENDPOINT TABLE
      Prints the number of items (Scan Select=COUNT, every page).
  dynamo_data.py sum ENDPOINT TABLE ATTR
      Prints the sum of the numeric attribute ATTR over every item.
  dynamo_data.py freeport
      Prints a free TCP port on 127.0.0.1.
"""
import argparse
import concurrent.futures
import socket
import sys
import threading
import time

import boto3
import botocore.config

PAYLOAD = ("abcdefghijklmnopqrstuvwxyz0123456789" * 4)[:130]
THREADS = 8


def client(endpoint):
    return boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="bench-secret",
        config=botocore.config.Config(
            max_pool_connections=THREADS * 2,
            retries={"max_attempts": 10, "mode": "standard"},
            read_timeout=120,
        ),
    )


def item(key, i, extra=None):
    it = {
        "pk": {"S": key},
        "name": {"S": "Benchmark User %d" % (i % 1000)},
        "email": {"S": "user%d@example.com" % i},
        "age": {"N": str(18 + i % 60)},
        "payload": {"S": PAYLOAD},
    }
    if extra:
        it.update(extra)
    return it


def create_tables(db):
    specs = {
        "bench_items": [("pk", "HASH", "S")],
        "bench_query": [("pk", "HASH", "S"), ("sk", "RANGE", "N")],
        "bench_batch": [("pk", "HASH", "S")],
        "bench_counters": [("pk", "HASH", "S")],
    }
    for name, keys in specs.items():
        db.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": a, "KeyType": k} for a, k, _ in keys],
            AttributeDefinitions=[{"AttributeName": a, "AttributeType": t} for a, _, t in keys],
            BillingMode="PAY_PER_REQUEST",
        )
    deadline = time.time() + 60
    for name in specs:
        while db.describe_table(TableName=name)["Table"]["TableStatus"] != "ACTIVE":
            if time.time() > deadline:
                sys.exit("table %s did not become ACTIVE within 60 s" % name)
            time.sleep(0.1)


def batch_load(endpoint, table, items):
    """Writes items with BatchWriteItem (25 a call) from THREADS threads,
    resending UnprocessedItems until none are left."""
    local = threading.local()

    def write(chunk):
        if not hasattr(local, "db"):
            local.db = client(endpoint)
        pending = {table: [{"PutRequest": {"Item": it}} for it in chunk]}
        for attempt in range(50):
            left = local.db.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}
            if not left:
                return len(chunk)
            pending = left
            time.sleep(0.05 * (attempt + 1))
        raise RuntimeError("UnprocessedItems never drained for %s" % table)

    chunks = [items[i:i + 25] for i in range(0, len(items), 25)]
    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        return sum(pool.map(write, chunks))


def prepare(args):
    db = client(args.endpoint)
    started = time.time()
    create_tables(db)
    n = batch_load(args.endpoint, "bench_items", [item("item-%07d" % i, i) for i in range(args.items)])
    q = batch_load(args.endpoint, "bench_query",
                   [item("part-%06d" % p, p * 10 + s, {"sk": {"N": str(s)}})
                    for p in range(args.parts) for s in range(10)])
    c = batch_load(args.endpoint, "bench_counters",
                   [item("ctr-%05d" % i, i, {"n": {"N": "0"}}) for i in range(args.counters)])
    # Read back what the workloads rely on.
    counts = {t: count(db, t) for t in ("bench_items", "bench_query", "bench_counters", "bench_batch")}
    want = {"bench_items": n, "bench_query": q, "bench_counters": c, "bench_batch": 0}
    if counts != want:
        sys.exit("preload check failed: have %s, want %s" % (counts, want))
    print("preloaded %d items, %d query items (%d partitions), %d counters in %.1f s"
          % (n, q, args.parts, c, time.time() - started))


def scan_pages(db, **kwargs):
    start = None
    while True:
        if start:
            kwargs["ExclusiveStartKey"] = start
        page = db.scan(**kwargs)
        yield page
        start = page.get("LastEvaluatedKey")
        if not start:
            return


def count(db, table):
    return sum(p["Count"] for p in scan_pages(db, TableName=table, Select="COUNT"))


def attr_sum(db, table, attr):
    total = 0
    for page in scan_pages(db, TableName=table, ProjectionExpression="#a", ExpressionAttributeNames={"#a": attr}):
        for it in page["Items"]:
            if attr in it:
                total += int(it[attr]["N"])
    return total


def freeport():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("endpoint")
    p.add_argument("--items", type=int, default=100000)
    p.add_argument("--parts", type=int, default=1000)
    p.add_argument("--counters", type=int, default=1000)
    p = sub.add_parser("count")
    p.add_argument("endpoint")
    p.add_argument("table")
    p = sub.add_parser("sum")
    p.add_argument("endpoint")
    p.add_argument("table")
    p.add_argument("attr")
    sub.add_parser("freeport")
    args = ap.parse_args()
    if args.cmd == "prepare":
        prepare(args)
    elif args.cmd == "count":
        print(count(client(args.endpoint), args.table))
    elif args.cmd == "sum":
        print(attr_sum(client(args.endpoint), args.table, args.attr))
    elif args.cmd == "freeport":
        print(freeport())


if __name__ == "__main__":
    main()
