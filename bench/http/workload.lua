-- wrk script for bench/http/run.sh: one DynamoDB workload per run, chosen by
-- the environment (wrk passes no script arguments to setup()):
--
--   BENCH_OP      get | put | query | batch | update
--   BENCH_ITEMS   keys item-0000000 .. of the preloaded items table (get)
--   BENCH_PARTS   partitions part-000000 .. of the query table (query)
--   BENCH_CTRS    counters ctr-00000 .. of the counters table (update)
--   BENCH_TAG     makes written keys unique across runs (put, batch)
--
-- Every request is POST / with the DynamoDB JSON 1.0 headers and a fixed,
-- well-formed SigV4 Authorization header (the signature is not checked by
-- either server; the date is the run's, as servers reject stale ones).
--
-- Each thread counts, in its own Lua state: requests built ("sent"), answers
-- with status 200 ("ok"), other answers ("non200"), and 200 answers whose body
-- is not what the workload expects ("bad": GetItem without Item, Query whose
-- Count is not 10, BatchWriteItem with nonempty UnprocessedItems). done()
-- prints one machine-readable RESULT line that run.sh parses.

local op = os.getenv("BENCH_OP") or "get"
local nItems = tonumber(os.getenv("BENCH_ITEMS") or "100000")
local nParts = tonumber(os.getenv("BENCH_PARTS") or "1000")
local nCtrs = tonumber(os.getenv("BENCH_CTRS") or "1000")
local tag = os.getenv("BENCH_TAG") or "r"

local targets = {
  get = "GetItem", put = "PutItem", query = "Query", batch = "BatchWriteItem", update = "UpdateItem",
}
if not targets[op] then error("BENCH_OP must be one of get, put, query, batch, update; got " .. op) end

-- ---------------------------------------------------------------- main state
local threads = {}
local nextId = 0

function setup(thread)
  nextId = nextId + 1
  thread:set("id", nextId)
  table.insert(threads, thread)
end

-- ---------------------------------------------------------------- thread state
local headers
local counter = 0
sent, ok, non200, bad = 0, 0, 0, 0

-- ~130 characters, so a PutItem/BatchWriteItem item is ~200 bytes in
-- DynamoDB's size accounting (attribute names plus values).
local payload = string.rep("abcdefghijklmnopqrstuvwxyz0123456789", 4):sub(1, 130)

local function item(key)
  return '{"pk":{"S":"' .. key .. '"},"name":{"S":"Benchmark User ' .. (counter % 1000) ..
    '"},"email":{"S":"user' .. counter .. '@example.com"},"age":{"N":"' .. (18 + counter % 60) ..
    '"},"payload":{"S":"' .. payload .. '"}}'
end

local function newKey()
  counter = counter + 1
  return tag .. "-" .. id .. "-" .. counter
end

function init(args)
  math.randomseed(os.time() * 1000 + id * 7919)
  local amzDate = os.date("!%Y%m%dT%H%M%SZ")
  headers = {
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "DynamoDB_20120810." .. targets[op],
    ["X-Amz-Date"] = amzDate,
    ["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" .. amzDate:sub(1, 8) ..
      "/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, " ..
      "Signature=" .. string.rep("0123456789abcdef", 4),
  }
end

local builders = {
  get = function()
    return '{"TableName":"bench_items","Key":{"pk":{"S":"' ..
      string.format("item-%07d", math.random(0, nItems - 1)) .. '"}}}'
  end,
  put = function()
    return '{"TableName":"bench_items","Item":' .. item(newKey()) .. '}'
  end,
  query = function()
    return '{"TableName":"bench_query","KeyConditionExpression":"pk = :p",' ..
      '"ExpressionAttributeValues":{":p":{"S":"' .. string.format("part-%06d", math.random(0, nParts - 1)) .. '"}}}'
  end,
  batch = function()
    local puts = {}
    for i = 1, 25 do puts[i] = '{"PutRequest":{"Item":' .. item(newKey()) .. '}}' end
    return '{"RequestItems":{"bench_batch":[' .. table.concat(puts, ",") .. ']}}'
  end,
  update = function()
    return '{"TableName":"bench_counters","Key":{"pk":{"S":"' ..
      string.format("ctr-%05d", math.random(0, nCtrs - 1)) .. '"}},' ..
      '"UpdateExpression":"ADD #n :one","ExpressionAttributeNames":{"#n":"n"},' ..
      '"ExpressionAttributeValues":{":one":{"N":"1"}}}'
  end,
}
local build = builders[op]

function request()
  sent = sent + 1
  return wrk.format("POST", "/", headers, build())
end

local checks = {
  get = function(body) return body:find('"Item"%s*:%s*{') ~= nil end,
  query = function(body) return body:find('"Count"%s*:%s*10[^%d]') ~= nil end,
  batch = function(body) return body:find('"UnprocessedItems"%s*:%s*{%s*}') ~= nil end,
}
local check = checks[op]

function response(status, hdrs, body)
  if status ~= 200 then
    non200 = non200 + 1
    if non200 <= 3 then io.stderr:write("wrk: HTTP " .. status .. ": " .. (body or ""):sub(1, 300) .. "\n") end
    return
  end
  ok = ok + 1
  if check and not check(body) then
    bad = bad + 1
    if bad <= 3 then io.stderr:write("wrk: unexpected answer: " .. body:sub(1, 300) .. "\n") end
  end
end

-- ---------------------------------------------------------------- main state
function done(summary, latency, requests)
  local s, o, n, b = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    s = s + t:get("sent")
    o = o + t:get("ok")
    n = n + t:get("non200")
    b = b + t:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT op=%s requests=%d duration_us=%d sent=%d ok=%d non200=%d bad=%d " ..
    "connect_err=%d read_err=%d write_err=%d status_err=%d timeout_err=%d " ..
    "p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f\n",
    op, summary.requests, summary.duration, s, o, n, b,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
