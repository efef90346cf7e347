"""Debian's AWS CLI v2 (/usr/bin/aws) against dynadesk-server.

Run by ctest through with_server.py, which starts a fresh server and sets
DYNADESK_ENDPOINT and fake credentials. Each check runs the real `aws` command
the way a user types it (plus --endpoint-url and --output json), then compares
the exit code, stdout parsed as JSON and stderr with what the CLI prints
against real DynamoDB.

The tests share one server and its tables and run in file order: later tests
read what earlier ones wrote.
"""
import datetime
import json
import re

import pytest

from awscli_runner import EXIT_OK, EXIT_PARAM_ERROR, EXIT_SERVICE_ERROR, run_aws


def aws(*args, expect=EXIT_OK, timeout=120):
    """Runs `aws dynamodb ARGS... --endpoint-url $DYNADESK_ENDPOINT --output json`."""
    return run_aws("dynamodb", *args, expect=expect, timeout=timeout)


def request_file(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return "file://" + str(path)


def assert_recent_timestamp(value):
    # The CLI v2 prints timestamps as ISO 8601 with the UTC offset.
    stamp = datetime.datetime.fromisoformat(value)
    assert stamp.tzinfo is not None, value
    now = datetime.datetime.now(datetime.timezone.utc)
    assert abs((now - stamp).total_seconds()) < 600, value


# --- the seed's table ------------------------------------------------------

SEED_TABLE = "twtech-Users"


def test_seed_create_table():
    # The command from seed 003 ("Via AWS CLI"), with only the endpoint added.
    run = aws("create-table",
              "--table-name", "twtech-Users",
              "--attribute-definitions", "AttributeName=twtech-UserID,AttributeType=S",
              "--key-schema", "AttributeName=twtech-UserID,KeyType=HASH",
              "--provisioned-throughput", "ReadCapacityUnits=5,WriteCapacityUnits=5")
    assert run.err == ""
    desc = run.json()["TableDescription"]
    assert desc["TableName"] == SEED_TABLE
    assert desc["AttributeDefinitions"] == [{"AttributeName": "twtech-UserID", "AttributeType": "S"}]
    assert desc["KeySchema"] == [{"AttributeName": "twtech-UserID", "KeyType": "HASH"}]
    assert desc["TableStatus"] == "CREATING"
    assert desc["ProvisionedThroughput"] == {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 5,
                                             "WriteCapacityUnits": 5}
    assert desc["TableSizeBytes"] == 0
    assert desc["ItemCount"] == 0
    assert desc["TableArn"] == "arn:aws:dynamodb:us-east-1:" + desc["TableArn"].split(":")[4] + ":table/twtech-Users"
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", desc["TableId"])
    # DeletionProtectionEnabled is not shown: awscli 2.9.19's service model predates it,
    # and the CLI drops members its model does not know.
    assert "BillingModeSummary" not in desc  # not returned for a table created without BillingMode
    assert_recent_timestamp(desc["CreationDateTime"])


def test_wait_table_exists():
    run = aws("wait", "table-exists", "--table-name", SEED_TABLE, timeout=60)
    assert run.out == "" and run.err == ""


def test_create_existing_table_is_an_error():
    run = aws("create-table",
              "--table-name", SEED_TABLE,
              "--attribute-definitions", "AttributeName=twtech-UserID,AttributeType=S",
              "--key-schema", "AttributeName=twtech-UserID,KeyType=HASH",
              "--provisioned-throughput", "ReadCapacityUnits=5,WriteCapacityUnits=5",
              expect=EXIT_SERVICE_ERROR)
    assert run.out == ""
    assert run.err.strip() == ("An error occurred (ResourceInUseException) when calling the CreateTable "
                               "operation: Table already exists: twtech-Users")


def test_put_get_delete_item():
    item = {"twtech-UserID": {"S": "twtech123"}, "Name": {"S": "twtechuser-pat"},
            "Age": {"N": "42"}, "Tags": {"SS": ["a", "b"]},
            "Profile": {"M": {"City": {"S": "Lagos"}, "Active": {"BOOL": True}, "Nothing": {"NULL": True},
                              "Scores": {"L": [{"N": "1.5"}, {"N": "-2"}]}}},
            "Avatar": {"B": "AAEC/w=="}}
    run = aws("put-item", "--table-name", SEED_TABLE, "--item", json.dumps(item))
    assert run.out == "" and run.err == ""  # PutItem answers {}: the CLI prints nothing

    run = aws("get-item", "--table-name", SEED_TABLE, "--key", '{"twtech-UserID": {"S": "twtech123"}}')
    got = run.json()
    assert list(got) == ["Item"]
    # Sets are unordered in DynamoDB; compare them as sets.
    got["Item"]["Tags"]["SS"] = sorted(got["Item"]["Tags"]["SS"])
    assert got["Item"] == item

    run = aws("get-item", "--table-name", SEED_TABLE, "--key", '{"twtech-UserID": {"S": "twtech123"}}',
              "--projection-expression", "#n, Profile.City", "--expression-attribute-names", '{"#n": "Name"}',
              "--consistent-read")
    assert run.json() == {"Item": {"Name": {"S": "twtechuser-pat"}, "Profile": {"M": {"City": {"S": "Lagos"}}}}}

    # A key that is not there: GetItem answers {} and the CLI prints nothing.
    run = aws("get-item", "--table-name", SEED_TABLE, "--key", '{"twtech-UserID": {"S": "nobody"}}')
    assert run.out == "" and run.err == ""

    # Overwrite, asking for the old item back.
    run = aws("put-item", "--table-name", SEED_TABLE, "--return-values", "ALL_OLD",
              "--item", '{"twtech-UserID": {"S": "twtech123"}, "Name": {"S": "pat"}}')
    old = run.json()
    assert list(old) == ["Attributes"]
    assert old["Attributes"]["Name"] == {"S": "twtechuser-pat"}

    run = aws("update-item", "--table-name", SEED_TABLE, "--key", '{"twtech-UserID": {"S": "twtech123"}}',
              "--update-expression", "SET Visits = if_not_exists(Visits, :zero) + :one",
              "--expression-attribute-values", '{":zero": {"N": "0"}, ":one": {"N": "1"}}',
              "--return-values", "ALL_NEW")
    assert run.json() == {"Attributes": {"twtech-UserID": {"S": "twtech123"}, "Name": {"S": "pat"},
                                         "Visits": {"N": "1"}}}

    run = aws("update-item", "--table-name", SEED_TABLE, "--key", '{"twtech-UserID": {"S": "twtech123"}}',
              "--update-expression", "ADD Visits :one",
              "--expression-attribute-values", '{":one": {"N": "1"}}',
              "--return-values", "UPDATED_NEW")
    assert run.json() == {"Attributes": {"Visits": {"N": "2"}}}

    run = aws("delete-item", "--table-name", SEED_TABLE, "--key", '{"twtech-UserID": {"S": "twtech123"}}')
    assert run.out == "" and run.err == ""
    run = aws("get-item", "--table-name", SEED_TABLE, "--key", '{"twtech-UserID": {"S": "twtech123"}}')
    assert run.out == ""


def test_conditional_put_fails():
    aws("put-item", "--table-name", SEED_TABLE, "--item", '{"twtech-UserID": {"S": "u-cond"}}')
    run = aws("put-item", "--table-name", SEED_TABLE, "--item", '{"twtech-UserID": {"S": "u-cond"}}',
              "--condition-expression", "attribute_not_exists(#k)",
              "--expression-attribute-names", '{"#k": "twtech-UserID"}',
              expect=EXIT_SERVICE_ERROR)
    assert run.out == ""
    assert run.err.strip() == ("An error occurred (ConditionalCheckFailedException) when calling the PutItem "
                               "operation: The conditional request failed")


def test_validation_error():
    # A key that names the wrong attribute: DynamoDB's ValidationException, exit 254.
    run = aws("get-item", "--table-name", SEED_TABLE, "--key", '{"UserID": {"S": "x"}}',
              expect=EXIT_SERVICE_ERROR)
    assert run.out == ""
    assert run.err.strip() == ("An error occurred (ValidationException) when calling the GetItem operation: "
                               "The provided key element does not match the schema")


def test_missing_table_errors():
    run = aws("get-item", "--table-name", "no-such-table", "--key", '{"id": {"S": "x"}}',
              expect=EXIT_SERVICE_ERROR)
    assert run.out == ""
    assert run.err.strip() == ("An error occurred (ResourceNotFoundException) when calling the GetItem "
                               "operation: Requested resource not found")

    run = aws("describe-table", "--table-name", "no-such-table", expect=EXIT_SERVICE_ERROR)
    assert run.err.strip() == ("An error occurred (ResourceNotFoundException) when calling the DescribeTable "
                               "operation: Requested resource not found: Table: no-such-table not found")


def test_client_side_parameter_error():
    # The CLI itself rejects a missing required parameter before sending anything: exit 252.
    run = aws("get-item", "--table-name", SEED_TABLE, expect=EXIT_PARAM_ERROR)
    assert "--key" in run.err


# --- a table with a sort key: batch writes, queries, scans ------------------

ORDERS = "twtech-Orders"


def test_create_orders_table():
    run = aws("create-table", "--table-name", ORDERS,
              "--attribute-definitions", "AttributeName=UserID,AttributeType=S",
              "AttributeName=OrderDate,AttributeType=S",
              "--key-schema", "AttributeName=UserID,KeyType=HASH", "AttributeName=OrderDate,KeyType=RANGE",
              "--billing-mode", "PAY_PER_REQUEST")
    desc = run.json()["TableDescription"]
    assert desc["TableStatus"] == "CREATING"
    assert desc["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert_recent_timestamp(desc["BillingModeSummary"]["LastUpdateToPayPerRequestDateTime"])
    assert desc["ProvisionedThroughput"] == {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 0,
                                             "WriteCapacityUnits": 0}
    aws("wait", "table-exists", "--table-name", ORDERS, timeout=60)


def order(user, date, total):
    return {"UserID": {"S": user}, "OrderDate": {"S": date}, "Amount": {"N": str(total)}}


def test_batch_write_item_from_file(tmp_path):
    puts = [{"PutRequest": {"Item": order("alice", f"2024-01-{day:02d}", day * 10)}} for day in range(1, 21)]
    puts += [{"PutRequest": {"Item": order("bob", f"2024-02-{day:02d}", day)}} for day in range(1, 6)]
    assert len(puts) == 25
    run = aws("batch-write-item", "--request-items", request_file(tmp_path, "put.json", {ORDERS: puts}))
    assert run.json() == {"UnprocessedItems": {}}

    # Deletes and puts mixed in one batch, across two tables.
    mixed = {ORDERS: [{"DeleteRequest": {"Key": {"UserID": {"S": "bob"}, "OrderDate": {"S": "2024-02-05"}}}},
                      {"PutRequest": {"Item": order("carol", "2024-03-01", 7)}}],
             SEED_TABLE: [{"PutRequest": {"Item": {"twtech-UserID": {"S": "alice"}}}}]}
    run = aws("batch-write-item", "--request-items", request_file(tmp_path, "mixed.json", mixed))
    assert run.json() == {"UnprocessedItems": {}}


def test_batch_write_item_rejects_26_requests(tmp_path):
    puts = [{"PutRequest": {"Item": order("dave", f"d{i:02d}", i)}} for i in range(26)]
    run = aws("batch-write-item", "--request-items", request_file(tmp_path, "too-many.json", {ORDERS: puts}),
              expect=EXIT_SERVICE_ERROR)
    # DynamoDB quotes the request back (Java's rendering of it) between "Value" and "at".
    assert re.fullmatch(
        r"An error occurred \(ValidationException\) when calling the BatchWriteItem operation: 1 validation "
        r"error detected: Value '\{twtech-Orders=\[.*\]\}' at 'requestItems' failed to satisfy constraint: "
        r"Map value must satisfy constraint: \[Member must have length less than or equal to 25, "
        r"Member must have length greater than or equal to 1\]", run.err.strip(), re.S), run.err


def test_batch_get_item(tmp_path):
    request = {ORDERS: {"Keys": [{"UserID": {"S": "alice"}, "OrderDate": {"S": "2024-01-03"}},
                                 {"UserID": {"S": "carol"}, "OrderDate": {"S": "2024-03-01"}},
                                 {"UserID": {"S": "zed"}, "OrderDate": {"S": "2024-03-01"}}],
                        "ProjectionExpression": "UserID, Amount"}}
    run = aws("batch-get-item", "--request-items", request_file(tmp_path, "get.json", request))
    got = run.json()
    assert sorted(got) == ["Responses", "UnprocessedKeys"]
    assert got["UnprocessedKeys"] == {}
    assert sorted(got["Responses"][ORDERS], key=lambda i: i["UserID"]["S"]) == [
        {"UserID": {"S": "alice"}, "Amount": {"N": "30"}},
        {"UserID": {"S": "carol"}, "Amount": {"N": "7"}}]


def test_query():
    run = aws("query", "--table-name", ORDERS,
              "--key-condition-expression", "UserID = :u AND OrderDate BETWEEN :a AND :b",
              "--expression-attribute-values",
              '{":u": {"S": "alice"}, ":a": {"S": "2024-01-05"}, ":b": {"S": "2024-01-07"}}')
    assert run.json() == {"Items": [order("alice", "2024-01-05", 50), order("alice", "2024-01-06", 60),
                                    order("alice", "2024-01-07", 70)],
                          "Count": 3, "ScannedCount": 3, "ConsumedCapacity": None}

    # Newest first with a filter: ScannedCount counts what was read, Count what matched.
    run = aws("query", "--table-name", ORDERS,
              "--key-condition-expression", "UserID = :u AND begins_with(OrderDate, :m)",
              "--filter-expression", "Amount > :t",
              "--expression-attribute-values", '{":u": {"S": "alice"}, ":m": {"S": "2024-01-1"}, ":t": {"N": "150"}}',
              "--no-scan-index-forward")
    got = run.json()
    assert [i["OrderDate"]["S"] for i in got["Items"]] == ["2024-01-19", "2024-01-18", "2024-01-17",
                                                          "2024-01-16"]
    assert (got["Count"], got["ScannedCount"]) == (4, 10)

    run = aws("query", "--table-name", ORDERS, "--key-condition-expression", "UserID = :u",
              "--expression-attribute-values", '{":u": {"S": "alice"}}', "--select", "COUNT")
    assert run.json() == {"Count": 20, "ScannedCount": 20, "ConsumedCapacity": None}

    # The CLI pages through with Limit (--page-size) and merges the pages.
    run = aws("query", "--table-name", ORDERS, "--key-condition-expression", "UserID = :u",
              "--expression-attribute-values", '{":u": {"S": "alice"}}', "--page-size", "6")
    got = run.json()
    assert [i["OrderDate"]["S"] for i in got["Items"]] == [f"2024-01-{d:02d}" for d in range(1, 21)]
    assert (got["Count"], got["ScannedCount"]) == (20, 20)


def test_scan_and_auto_pagination():
    run = aws("scan", "--table-name", ORDERS)
    everything = run.json()
    assert sorted(everything) == ["ConsumedCapacity", "Count", "Items", "ScannedCount"]
    assert everything["Count"] == everything["ScannedCount"] == 25  # 20 alice + 4 bob + 1 carol
    keys = [(i["UserID"]["S"], i["OrderDate"]["S"]) for i in everything["Items"]]
    assert len(set(keys)) == 25

    # --page-size 4 makes the CLI send Limit=4 and follow LastEvaluatedKey to the end,
    # giving the same items in the same order, and no NextToken.
    run = aws("scan", "--table-name", ORDERS, "--page-size", "4")
    paged = run.json()
    assert paged == everything

    # --max-items stops early and hands back a NextToken to resume from.
    run = aws("scan", "--table-name", ORDERS, "--page-size", "4", "--max-items", "10")
    first = run.json()
    assert len(first["Items"]) == 10 and "NextToken" in first
    run = aws("scan", "--table-name", ORDERS, "--page-size", "4", "--starting-token", first["NextToken"])
    rest = run.json()
    assert "NextToken" not in rest
    assert first["Items"] + rest["Items"] == everything["Items"]

    # A filter: ScannedCount is everything read, Count what matched.
    run = aws("scan", "--table-name", ORDERS, "--filter-expression", "UserID = :u",
              "--expression-attribute-values", '{":u": {"S": "bob"}}', "--page-size", "7")
    got = run.json()
    assert (got["Count"], got["ScannedCount"]) == (4, 25)
    assert sorted(i["OrderDate"]["S"] for i in got["Items"]) == ["2024-02-01", "2024-02-02", "2024-02-03",
                                                                "2024-02-04"]

    # One page by hand, without the CLI's paginator: LastEvaluatedKey comes back.
    run = aws("scan", "--table-name", ORDERS, "--limit", "3", "--no-paginate")
    page = run.json()
    assert page["Count"] == page["ScannedCount"] == 3
    assert page["LastEvaluatedKey"] == {"UserID": page["Items"][-1]["UserID"],
                                        "OrderDate": page["Items"][-1]["OrderDate"]}


def test_responses_pass_the_cli_checksum_without_retries():
    # The CLI's standard retry mode checks DynamoDB's x-amz-crc32 header against the body
    # and retries a response that fails it; --debug shows each attempt and the verdict.
    run = aws("scan", "--table-name", ORDERS, "--limit", "2", "--no-paginate", "--debug")
    assert run.json()["Count"] == 2
    assert len(re.findall(r"Sending http request", run.err)) == 1, run.err[-4000:]
    assert re.search(r"Response headers: \{[^\n]*'x-amz-crc32': '\d+'", run.err), run.err[-4000:]
    assert "crc32 checksum does not match" not in run.err
    assert "Not retrying request." in run.err


def test_list_and_describe_tables():
    run = aws("list-tables")
    assert run.json() == {"TableNames": [ORDERS, SEED_TABLE]}

    run = aws("list-tables", "--page-size", "1")
    assert run.json() == {"TableNames": [ORDERS, SEED_TABLE]}

    run = aws("describe-table", "--table-name", SEED_TABLE)
    table = run.json()["Table"]
    assert table["TableStatus"] == "ACTIVE"
    assert table["TableName"] == SEED_TABLE
    assert table["KeySchema"] == [{"AttributeName": "twtech-UserID", "KeyType": "HASH"}]
    assert table["ItemCount"] == 2  # u-cond and alice
    assert table["TableSizeBytes"] > 0
    assert table["ProvisionedThroughput"] == {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 5,
                                              "WriteCapacityUnits": 5}
    assert_recent_timestamp(table["CreationDateTime"])


def test_delete_tables_and_wait_not_exists():
    for name in (SEED_TABLE, ORDERS):
        run = aws("delete-table", "--table-name", name)
        desc = run.json()["TableDescription"]
        assert desc["TableName"] == name
        assert desc["TableStatus"] == "DELETING"
        run = aws("wait", "table-not-exists", "--table-name", name, timeout=60)
        assert run.out == "" and run.err == ""
    assert aws("list-tables").json() == {"TableNames": []}

    run = aws("delete-table", "--table-name", SEED_TABLE, expect=EXIT_SERVICE_ERROR)
    assert run.err.strip() == ("An error occurred (ResourceNotFoundException) when calling the DeleteTable "
                               "operation: Requested resource not found: Table: twtech-Users not found")
