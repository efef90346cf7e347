// The AWS SDK for JavaScript v3 (@aws-sdk/client-dynamodb and @aws-sdk/lib-dynamodb,
// pinned in package.json) against dynadesk-server.
//
// Run by ctest through ../with_server.py (see run.mjs), which starts a fresh server
// and sets DYNADESK_ENDPOINT, fake credentials and AWS_REGION. The tests share the
// server and run in order.
//
// Every HTTP response the SDK receives passes through a middleware placed just
// inside the SDK's deserializer: it checks the x-amz-crc32 header against the raw
// body (the v3 SDK does not check it itself, unlike botocore and the v2 SDK) and
// records the response. Every command's $metadata must say one attempt.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";

import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand as LowQueryCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  ScanCommand as LowScanCommand,
  UpdateItemCommand,
  paginateQuery as lowPaginateQuery,
  paginateScan as lowPaginateScan,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  NumberValue,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  paginateQuery,
  paginateScan,
} from "@aws-sdk/lib-dynamodb";

const endpoint = process.env.DYNADESK_ENDPOINT;
if (!endpoint) {
  throw new Error("DYNADESK_ENDPOINT is not set: run this suite through ctest (tests/conformance/with_server.py)");
}

// --- CRC32 (IEEE 802.3, as in zlib and java.util.zip.CRC32), for x-amz-crc32 ---
const crcTable = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  crcTable[n] = c >>> 0;
}
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// --- the clients ---
const responses = []; // {status, requestId, crcHeader, crcBody} for every HTTP response

function checksumMiddleware(next) {
  return async (args) => {
    const result = await next(args);
    const res = result.response;
    const chunks = [];
    for await (const chunk of res.body) chunks.push(Buffer.from(chunk));
    const body = Buffer.concat(chunks);
    const header = res.headers["x-amz-crc32"];
    responses.push({
      status: res.statusCode,
      requestId: res.headers["x-amzn-requestid"],
      crcHeader: header,
      crcBody: String(crc32(body)),
    });
    assert.equal(header, String(crc32(body)), `x-amz-crc32 does not match the body: ${body.toString()}`);
    res.body = Readable.from([body]);
    return result;
  };
}

const client = new DynamoDBClient({ endpoint, region: process.env.AWS_REGION ?? "us-east-1" });
client.middlewareStack.addRelativeTo(checksumMiddleware, {
  name: "dynadeskChecksumCheck",
  relation: "after",
  toMiddleware: "deserializerMiddleware",
});
const doc = DynamoDBDocumentClient.from(client);
// A document client keeps its translate options in the config it shares with the
// client it wraps, so the exact-number one wraps a client of its own.
const exactClient = new DynamoDBClient({ endpoint, region: process.env.AWS_REGION ?? "us-east-1" });
exactClient.middlewareStack.addRelativeTo(checksumMiddleware, {
  name: "dynadeskChecksumCheck",
  relation: "after",
  toMiddleware: "deserializerMiddleware",
});
const exactDoc = DynamoDBDocumentClient.from(exactClient, { unmarshallOptions: { wrapNumbers: true } });

// Sends a command and checks what every successful answer shares.
async function send(c, command) {
  const before = responses.length;
  const out = await c.send(command);
  assert.equal(out.$metadata.httpStatusCode, 200);
  assert.equal(out.$metadata.attempts, 1, "the SDK retried");
  assert.equal(out.$metadata.totalRetryDelay, 0);
  assert.equal(responses.length, before + 1, "one command, one HTTP response");
  const last = responses[responses.length - 1];
  assert.equal(out.$metadata.requestId, last.requestId);
  assert.match(out.$metadata.requestId, /^[A-Z0-9]{52}$/);
  return out;
}

// Sends a command that must fail; returns the error after the shared checks.
async function sendFailing(c, command, ErrorClass) {
  const before = responses.length;
  try {
    await c.send(command);
  } catch (err) {
    assert.ok(err instanceof ErrorClass, `expected ${ErrorClass.name}, got ${err.name}: ${err.message}`);
    assert.equal(err.name, ErrorClass.name);
    assert.equal(err.$fault, "client");
    assert.equal(err.$metadata.httpStatusCode, 400);
    assert.equal(err.$metadata.attempts, 1, "the SDK retried");
    assert.equal(responses.length, before + 1, "one command, one HTTP response");
    assert.equal(responses[responses.length - 1].status, 400);
    return err;
  }
  assert.fail(`expected ${ErrorClass.name}`);
}

function metadataFree(out) {
  const { $metadata, ...rest } = out;
  return rest;
}

const USERS = "js-Users";
const EVENTS = "js-Events";

describe("AWS SDK for JavaScript v3 against dynadesk-server", () => {
  before(async () => {
    const out = await send(client, new ListTablesCommand({}));
    assert.deepEqual(metadataFree(out), { TableNames: [] });
  });

  it("creates tables and waits for them", async () => {
    const created = await send(client, new CreateTableCommand({
      TableName: USERS,
      AttributeDefinitions: [{ AttributeName: "userId", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "userId", KeyType: "HASH" }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    }));
    const t = created.TableDescription;
    assert.equal(t.TableName, USERS);
    assert.equal(t.TableStatus, "CREATING");
    assert.ok(t.CreationDateTime instanceof Date);
    assert.ok(Math.abs(Date.now() - t.CreationDateTime.getTime()) < 600000);
    assert.deepEqual(t.KeySchema, [{ AttributeName: "userId", KeyType: "HASH" }]);
    assert.deepEqual(t.ProvisionedThroughput, { NumberOfDecreasesToday: 0, ReadCapacityUnits: 5, WriteCapacityUnits: 5 });
    assert.equal(t.ItemCount, 0);
    assert.equal(t.TableSizeBytes, 0);
    assert.match(t.TableArn, /^arn:aws:dynamodb:us-east-1:\d{12}:table\/js-Users$/);

    await send(client, new CreateTableCommand({
      TableName: EVENTS,
      AttributeDefinitions: [
        { AttributeName: "device", AttributeType: "S" },
        { AttributeName: "ts", AttributeType: "N" },
      ],
      KeySchema: [
        { AttributeName: "device", KeyType: "HASH" },
        { AttributeName: "ts", KeyType: "RANGE" },
      ],
      BillingMode: "PAY_PER_REQUEST",
    }));

    for (const TableName of [USERS, EVENTS]) {
      const result = await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName });
      assert.equal(result.state, "SUCCESS");
    }

    const err = await sendFailing(client, new CreateTableCommand({
      TableName: USERS,
      AttributeDefinitions: [{ AttributeName: "userId", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "userId", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }), ResourceInUseException);
    assert.equal(err.message, "Table already exists: js-Users");
  });

  it("describes and lists tables", async () => {
    const { Table } = await send(client, new DescribeTableCommand({ TableName: EVENTS }));
    assert.equal(Table.TableStatus, "ACTIVE");
    assert.deepEqual(Table.AttributeDefinitions, [
      { AttributeName: "device", AttributeType: "S" },
      { AttributeName: "ts", AttributeType: "N" },
    ]);
    assert.deepEqual(Table.KeySchema, [
      { AttributeName: "device", KeyType: "HASH" },
      { AttributeName: "ts", KeyType: "RANGE" },
    ]);
    assert.equal(Table.BillingModeSummary.BillingMode, "PAY_PER_REQUEST");
    assert.ok(Table.BillingModeSummary.LastUpdateToPayPerRequestDateTime instanceof Date);
    assert.deepEqual(Table.ProvisionedThroughput, { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
    assert.equal(Table.DeletionProtectionEnabled, false);

    const all = await send(client, new ListTablesCommand({}));
    assert.deepEqual(metadataFree(all), { TableNames: [EVENTS, USERS] });
    const first = await send(client, new ListTablesCommand({ Limit: 1 }));
    assert.deepEqual(metadataFree(first), { TableNames: [EVENTS], LastEvaluatedTableName: EVENTS });
    const rest = await send(client, new ListTablesCommand({ ExclusiveStartTableName: EVENTS }));
    assert.deepEqual(metadataFree(rest), { TableNames: [USERS] });
  });

  it("puts, gets, updates and deletes with DynamoDBClient commands", async () => {
    const item = {
      userId: { S: "u1" },
      name: { S: "Ada" },
      age: { N: "36" },
      balance: { N: "-12.50" },
      avatar: { B: new Uint8Array([0, 1, 2, 255]) },
      tags: { SS: ["math", "engines"] },
      lucky: { NS: ["7", "3.5"] },
      blobs: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
      active: { BOOL: true },
      nothing: { NULL: true },
      address: { M: { city: { S: "London" }, geo: { M: { lat: { N: "51.5" }, lon: { N: "-0.12" } } } } },
      history: { L: [{ S: "a" }, { N: "1" }, { L: [] }, { M: {} }] },
    };
    const put = await send(client, new PutItemCommand({ TableName: USERS, Item: item }));
    assert.deepEqual(metadataFree(put), {});

    const got = await send(client, new GetItemCommand({ TableName: USERS, Key: { userId: { S: "u1" } } }));
    assert.deepEqual(Object.keys(metadataFree(got)), ["Item"]);
    const sortSet = (v) => [...v].sort();
    assert.deepEqual(sortSet(got.Item.tags.SS), ["engines", "math"]);
    assert.deepEqual(sortSet(got.Item.lucky.NS), ["3.5", "7"]);
    assert.deepEqual(got.Item.blobs.BS.map((b) => Buffer.from(b).toString("hex")).sort(), ["01", "0203"]);
    assert.deepEqual(Buffer.from(got.Item.avatar.B).toString("hex"), "000102ff");
    const { tags, lucky, blobs, avatar, ...plain } = got.Item;
    const { tags: _t, lucky: _l, blobs: _b, avatar: _a, ...expected } = item;
    assert.deepEqual(plain, { ...expected, balance: { N: "-12.5" } });

    const missing = await send(client, new GetItemCommand({ TableName: USERS, Key: { userId: { S: "nobody" } } }));
    assert.deepEqual(metadataFree(missing), {});

    const projected = await send(client, new GetItemCommand({
      TableName: USERS,
      Key: { userId: { S: "u1" } },
      ProjectionExpression: "#n, address.geo.lat, history[2]",
      ExpressionAttributeNames: { "#n": "name" },
      ConsistentRead: true,
    }));
    assert.deepEqual(projected.Item, {
      name: { S: "Ada" },
      address: { M: { geo: { M: { lat: { N: "51.5" } } } } },
      history: { L: [{ L: [] }] },
    });

    const added = await send(client, new UpdateItemCommand({
      TableName: USERS,
      Key: { userId: { S: "u1" } },
      UpdateExpression: "ADD visits :one, tags :newTags SET #n = :n, address.city = :c REMOVE nothing",
      ExpressionAttributeNames: { "#n": "name" },
      ExpressionAttributeValues: { ":one": { N: "1" }, ":newTags": { SS: ["poetry"] }, ":n": { S: "Ada L." }, ":c": { S: "Paris" } },
      ReturnValues: "ALL_NEW",
    }));
    assert.equal(added.Attributes.visits.N, "1");
    assert.equal(added.Attributes.name.S, "Ada L.");
    assert.equal(added.Attributes.address.M.city.S, "Paris");
    assert.deepEqual(sortSet(added.Attributes.tags.SS), ["engines", "math", "poetry"]);
    assert.equal(added.Attributes.nothing, undefined);

    const updatedNew = await send(client, new UpdateItemCommand({
      TableName: USERS,
      Key: { userId: { S: "u1" } },
      UpdateExpression: "SET visits = visits + :five",
      ExpressionAttributeValues: { ":five": { N: "5" } },
      ReturnValues: "UPDATED_NEW",
    }));
    assert.deepEqual(metadataFree(updatedNew), { Attributes: { visits: { N: "6" } } });

    const deleted = await send(client, new DeleteItemCommand({
      TableName: USERS,
      Key: { userId: { S: "u1" } },
      ReturnValues: "ALL_OLD",
    }));
    assert.equal(deleted.Attributes.visits.N, "6");
    const gone = await send(client, new GetItemCommand({ TableName: USERS, Key: { userId: { S: "u1" } } }));
    assert.equal(gone.Item, undefined);
  });

  it("marshals numbers, sets, binary and nested maps with DynamoDBDocumentClient", async () => {
    const item = {
      userId: "doc-1",
      count: 3,
      ratio: 0.25,
      negative: -42,
      tags: new Set(["red", "blue"]),
      scores: new Set([1, 2.5, 10]),
      raw: new Uint8Array([104, 105]),
      flags: { on: true, off: false, none: null },
      nested: { level1: { level2: { level3: ["x", 1, { deep: true }] } } },
      list: [1, "two", [3], new Set(["four"])],
    };
    assert.deepEqual(metadataFree(await send(doc, new PutCommand({ TableName: USERS, Item: item }))), {});

    const { Item } = await send(doc, new GetCommand({ TableName: USERS, Key: { userId: "doc-1" } }));
    assert.deepEqual(Item, item);

    // The wire form is what DynamoDBClient sees.
    const low = await send(client, new GetItemCommand({ TableName: USERS, Key: { userId: { S: "doc-1" } } }));
    assert.deepEqual(low.Item.count, { N: "3" });
    assert.deepEqual(low.Item.ratio, { N: "0.25" });
    assert.deepEqual([...low.Item.scores.NS].sort(), ["1", "10", "2.5"]);
    assert.deepEqual(Buffer.from(low.Item.raw.B).toString(), "hi");
    assert.deepEqual(low.Item.flags, { M: { on: { BOOL: true }, off: { BOOL: false }, none: { NULL: true } } });

    const updated = await send(doc, new UpdateCommand({
      TableName: USERS,
      Key: { userId: "doc-1" },
      // COUNT and LIST are reserved words, hence the names.
      UpdateExpression: "ADD #c :inc, tags :moreTags SET nested.level1.added = :m, #l[0] = :first",
      ExpressionAttributeNames: { "#c": "count", "#l": "list" },
      ExpressionAttributeValues: { ":inc": 2, ":moreTags": new Set(["green"]), ":m": { a: 1 }, ":first": "one" },
      ReturnValues: "ALL_NEW",
    }));
    assert.equal(updated.Attributes.count, 5);
    assert.deepEqual(updated.Attributes.tags, new Set(["red", "blue", "green"]));
    assert.deepEqual(updated.Attributes.nested.level1, { level2: { level3: ["x", 1, { deep: true }] }, added: { a: 1 } });
    assert.deepEqual(updated.Attributes.list, ["one", "two", [3], new Set(["four"])]);

    // Numbers beyond a double's precision survive as exact decimals with wrapNumbers.
    const big = "12345678901234567890123456789012345678";
    const pi = "3.1415926535897932384626433832795028841";
    await send(doc, new PutCommand({
      TableName: USERS,
      Item: { userId: "doc-exact", big: NumberValue.from(big), pi: NumberValue.from(pi) },
    }));
    const exact = await send(exactDoc, new GetCommand({ TableName: USERS, Key: { userId: "doc-exact" } }));
    assert.ok(exact.Item.big instanceof NumberValue);
    assert.equal(exact.Item.big.toString(), big);
    assert.equal(exact.Item.pi.toString(), pi);

    const removed = await send(doc, new DeleteCommand({
      TableName: USERS,
      Key: { userId: "doc-exact" },
      ReturnValues: "ALL_OLD",
    }));
    assert.equal(removed.Attributes.userId, "doc-exact");
  });

  it("reports a failed condition as ConditionalCheckFailedException", async () => {
    await send(doc, new PutCommand({ TableName: USERS, Item: { userId: "taken", n: 1 } }));
    const err = await sendFailing(client, new PutItemCommand({
      TableName: USERS,
      Item: { userId: { S: "taken" } },
      ConditionExpression: "attribute_not_exists(userId)",
    }), ConditionalCheckFailedException);
    assert.equal(err.message, "The conditional request failed");
    assert.equal(err.Item, undefined);

    // ReturnValuesOnConditionCheckFailure hands back the item that failed the check.
    const withItem = await sendFailing(doc, new UpdateCommand({
      TableName: USERS,
      Key: { userId: "taken" },
      UpdateExpression: "SET n = :two",
      ConditionExpression: "n = :zero",
      ExpressionAttributeValues: { ":two": 2, ":zero": 0 },
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    }), ConditionalCheckFailedException);
    assert.equal(withItem.message, "The conditional request failed");
    assert.deepEqual(withItem.Item, { userId: { S: "taken" }, n: { N: "1" } });

    const notFound = await sendFailing(client, new GetItemCommand({
      TableName: "no-such-table",
      Key: { id: { S: "x" } },
    }), ResourceNotFoundException);
    assert.equal(notFound.message, "Requested resource not found");
  });

  it("writes 25 items with BatchWriteCommand and reads them with BatchGetCommand", async () => {
    const events = [];
    for (let i = 0; i < 20; i++) events.push({ device: "sensor-a", ts: 1000 + i, celsius: 20 + i / 10, ok: i % 3 !== 0 });
    for (let i = 0; i < 5; i++) events.push({ device: "sensor-b", ts: 2000 + i, celsius: 30 + i, ok: true });
    assert.equal(events.length, 25);
    const written = await send(doc, new BatchWriteCommand({
      RequestItems: { [EVENTS]: events.map((Item) => ({ PutRequest: { Item } })) },
    }));
    assert.deepEqual(metadataFree(written), { UnprocessedItems: {} });

    const read = await send(doc, new BatchGetCommand({
      RequestItems: {
        [EVENTS]: { Keys: events.map(({ device, ts }) => ({ device, ts })) },
        [USERS]: { Keys: [{ userId: "doc-1" }, { userId: "not-there" }], ProjectionExpression: "userId, #c",
                   ExpressionAttributeNames: { "#c": "count" } },
      },
    }));
    assert.deepEqual(Object.keys(metadataFree(read)).sort(), ["Responses", "UnprocessedKeys"]);
    assert.deepEqual(read.UnprocessedKeys, {});
    const byKey = (a, b) => a.device.localeCompare(b.device) || a.ts - b.ts;
    assert.deepEqual([...read.Responses[EVENTS]].sort(byKey), [...events].sort(byKey));
    assert.deepEqual(read.Responses[USERS], [{ userId: "doc-1", count: 5 }]);

    // The same through DynamoDBClient's BatchGetItemCommand: wire-format items.
    const lowRead = await send(client, new BatchGetItemCommand({
      RequestItems: { [EVENTS]: { Keys: [{ device: { S: "sensor-b" }, ts: { N: "2004" } }] } },
    }));
    assert.deepEqual(lowRead.Responses[EVENTS], [
      { device: { S: "sensor-b" }, ts: { N: "2004" }, celsius: { N: "34" }, ok: { BOOL: true } },
    ]);
  });

  it("queries with KeyConditionExpression and paginateQuery", async () => {
    const between = await send(doc, new QueryCommand({
      TableName: EVENTS,
      KeyConditionExpression: "device = :d AND ts BETWEEN :lo AND :hi",
      ExpressionAttributeValues: { ":d": "sensor-a", ":lo": 1003, ":hi": 1005 },
    }));
    assert.deepEqual(metadataFree(between), {
      Items: [
        { device: "sensor-a", ts: 1003, celsius: 20.3, ok: false },
        { device: "sensor-a", ts: 1004, celsius: 20.4, ok: true },
        { device: "sensor-a", ts: 1005, celsius: 20.5, ok: true },
      ],
      Count: 3,
      ScannedCount: 3,
    });

    const backwards = await send(doc, new QueryCommand({
      TableName: EVENTS,
      KeyConditionExpression: "device = :d AND ts > :t",
      FilterExpression: "ok = :yes",
      ProjectionExpression: "ts",
      ExpressionAttributeValues: { ":d": "sensor-a", ":t": 1014, ":yes": true },
      ScanIndexForward: false,
      Limit: 4,
    }));
    // Limit caps what is read (1019, 1018, 1017, 1016); the filter then drops 1018 (ok is false).
    assert.deepEqual(backwards.Items, [{ ts: 1019 }, { ts: 1017 }, { ts: 1016 }]);
    assert.equal(backwards.Count, 3);
    assert.equal(backwards.ScannedCount, 4);
    assert.deepEqual(backwards.LastEvaluatedKey, { device: "sensor-a", ts: 1016 });

    // paginateQuery follows LastEvaluatedKey; 20 items in pages of 6: 6, 6, 6, 2.
    const pages = [];
    for await (const page of paginateQuery({ client: doc, pageSize: 6 }, {
      TableName: EVENTS,
      KeyConditionExpression: "device = :d",
      ExpressionAttributeValues: { ":d": "sensor-a" },
    })) {
      assert.equal(page.$metadata.attempts, 1);
      pages.push(page);
    }
    assert.deepEqual(pages.map((p) => p.Count), [6, 6, 6, 2]);
    assert.deepEqual(pages.flatMap((p) => p.Items.map((i) => i.ts)), Array.from({ length: 20 }, (_, i) => 1000 + i));
    assert.equal(pages[3].LastEvaluatedKey, undefined);

    // When the last page is exactly full, DynamoDB still returns its LastEvaluatedKey,
    // and the next request finds an empty page.
    const lowPages = [];
    for await (const page of lowPaginateQuery({ client, pageSize: 5 }, {
      TableName: EVENTS,
      KeyConditionExpression: "device = :d",
      ExpressionAttributeValues: { ":d": { S: "sensor-b" } },
    })) {
      assert.equal(page.$metadata.attempts, 1);
      lowPages.push(page);
    }
    assert.deepEqual(lowPages.map((p) => p.Count), [5, 0]);
    assert.deepEqual(lowPages[0].LastEvaluatedKey, { device: { S: "sensor-b" }, ts: { N: "2004" } });

    const count = await send(client, new LowQueryCommand({
      TableName: EVENTS,
      KeyConditionExpression: "device = :d",
      ExpressionAttributeValues: { ":d": { S: "sensor-a" } },
      Select: "COUNT",
    }));
    assert.deepEqual(metadataFree(count), { Count: 20, ScannedCount: 20 });
  });

  it("scans with FilterExpression and paginateScan", async () => {
    const filtered = await send(doc, new ScanCommand({
      TableName: EVENTS,
      FilterExpression: "celsius >= :t AND device = :d",
      ExpressionAttributeValues: { ":t": 32, ":d": "sensor-b" },
    }));
    assert.equal(filtered.ScannedCount, 25);
    assert.equal(filtered.Count, 3);
    assert.deepEqual(filtered.Items.map((i) => i.ts).sort(), [2002, 2003, 2004]);

    const pages = [];
    for await (const page of paginateScan({ client: doc, pageSize: 7 }, {
      TableName: EVENTS,
      FilterExpression: "ok = :no",
      ExpressionAttributeValues: { ":no": false },
    })) {
      assert.equal(page.$metadata.attempts, 1);
      pages.push(page);
    }
    // 25 items in pages of 7: 7, 7, 7, 4; the filter keeps the 7 sensor-a events with ts % 3 == 1000 % 3.
    assert.deepEqual(pages.map((p) => p.ScannedCount), [7, 7, 7, 4]);
    const matched = pages.flatMap((p) => p.Items);
    assert.equal(pages.reduce((n, p) => n + p.Count, 0), matched.length);
    assert.deepEqual(matched.map((i) => i.ts).sort(), [1000, 1003, 1006, 1009, 1012, 1015, 1018]);

    // The low-level paginator returns the same items in the same order as one big scan.
    const whole = await send(client, new LowScanCommand({ TableName: EVENTS }));
    const lowItems = [];
    for await (const page of lowPaginateScan({ client, pageSize: 10 }, { TableName: EVENTS })) {
      assert.equal(page.$metadata.attempts, 1);
      lowItems.push(...page.Items);
    }
    assert.deepEqual(lowItems, whole.Items);
    assert.equal(whole.Count, 25);

    // A parallel scan: the segments split the table between them, each item in exactly one.
    const segments = await Promise.all([0, 1, 2].map(async (Segment) => {
      const items = [];
      for await (const page of paginateScan({ client: doc, pageSize: 4 }, { TableName: EVENTS, Segment, TotalSegments: 3 })) {
        assert.equal(page.$metadata.attempts, 1);
        items.push(...page.Items);
      }
      return items;
    }));
    const key = (i) => `${i.device}/${i.ts}`;
    const seen = segments.flat().map(key).sort();
    assert.equal(seen.length, 25);
    assert.deepEqual(seen, [...new Set(seen)]);
  });

  it("pages a scan at 1 MB", async () => {
    const BLOBS = "js-Blobs";
    await send(client, new CreateTableCommand({
      TableName: BLOBS,
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "N" }],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }));
    await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: BLOBS });
    // 30 items of 100 KB: about 3 MB, so the SDK must follow LastEvaluatedKey.
    const payload = "x".repeat(100 * 1024);
    for (const ids of [Array.from({ length: 25 }, (_, i) => i), Array.from({ length: 5 }, (_, i) => 25 + i)]) {
      const out = await send(doc, new BatchWriteCommand({
        RequestItems: { [BLOBS]: ids.map((id) => ({ PutRequest: { Item: { id, payload } } })) },
      }));
      assert.deepEqual(out.UnprocessedItems, {});
    }
    const pages = [];
    for await (const page of paginateScan({ client: doc }, { TableName: BLOBS })) {
      assert.equal(page.$metadata.attempts, 1);
      pages.push(page.Items.length);
    }
    assert.equal(pages.reduce((a, b) => a + b, 0), 30);
    assert.ok(pages.length >= 3, `pages: ${pages}`);
    for (const n of pages.slice(0, -1)) assert.ok(n >= 10 && n <= 11, `a page of ${n} items of 100 KB: ${pages}`);
    await send(client, new DeleteTableCommand({ TableName: BLOBS }));
  });

  it("deletes tables and waits until they are gone", async () => {
    for (const TableName of [USERS, EVENTS]) {
      const { TableDescription } = await send(client, new DeleteTableCommand({ TableName }));
      assert.equal(TableDescription.TableName, TableName);
      assert.equal(TableDescription.TableStatus, "DELETING");
      const result = await waitUntilTableNotExists({ client, maxWaitTime: 60 }, { TableName });
      assert.equal(result.state, "SUCCESS");
    }
    assert.deepEqual(metadataFree(await send(client, new ListTablesCommand({}))), { TableNames: [] });
    const err = await sendFailing(client, new DescribeTableCommand({ TableName: USERS }), ResourceNotFoundException);
    assert.equal(err.message, "Requested resource not found: Table: js-Users not found");
  });

  it("checked the x-amz-crc32 of every response", () => {
    assert.ok(responses.length > 40, `only ${responses.length} responses seen`);
    for (const r of responses) assert.equal(r.crcHeader, r.crcBody);
  });
});
