// Hand-run engine benchmark (never run by ctest). Prints, in one run on one
// machine, side by side:
//   1. GetItem and PutItem cost per call next to a raw LMDB get and put of the
//      same bytes (LMDB used directly, the floor any engine on it pays);
//   2. durable PutItem throughput with 1, 8 and 32 concurrent writers (group
//      commit turns many writers' fsyncs into one);
//   3. PutItem into tables with 0, 1 and 3 global secondary indexes;
//   4. what recording metrics adds to each request.
// Usage: engine_bench [--dir DIR] [--seconds N]
// DIR must be on the disk you care about (fsync cost differs between disks).
#include <lmdb.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "dynadesk/attribute_json.h"
#include "dynadesk/engine.h"
#include "dynadesk/item_size.h"
#include "expr/evaluate.h"
#include "expr/parser.h"
#include "expr/resolve.h"
#include "api/engine_metrics.h"
#include "metrics/metric_store.h"
#include "ops/database.h"
#include "ops/item_ops.h"
#include "ops/item_key.h"
#include "ops/table_ops.h"
#include "storage/lmdb_env.h"

using namespace dynadesk;
using Timer = std::chrono::steady_clock;

namespace {

constexpr int kKeys = 10000;

std::string keyOf(int i) { return "user#" + std::to_string(i); }

Item makeItem(int i) {
  Item item;
  item.emplace("pk", AttributeValue::string(keyOf(i)));
  item.emplace("name", AttributeValue::string("Customer number " + std::to_string(i)));
  item.emplace("email", AttributeValue::string("customer" + std::to_string(i) + "@example.com"));
  item.emplace("visits", AttributeValue::number(Number::fromInt64(i * 7)));
  item.emplace("active", AttributeValue::boolean(i % 2 == 0));
  item.emplace("tags", AttributeValue::stringSet({"new", "web"}));
  return item;
}

double nsPerOp(Timer::duration d, long ops) {
  return std::chrono::duration<double, std::nano>(d).count() / static_cast<double>(ops);
}

void check(int rc, const char* what) {
  if (rc != 0) {
    std::fprintf(stderr, "%s: %s\n", what, mdb_strerror(rc));
    std::exit(1);
  }
}

// Raw LMDB: the same values under the same-sized keys, one txn per get, as the engine does.
std::pair<double, double> rawLmdb(const std::string& dir, const std::vector<std::string>& values, int rounds) {
  std::filesystem::create_directories(dir);
  MDB_env* env;
  check(mdb_env_create(&env), "env_create");
  check(mdb_env_set_mapsize(env, 1ull << 30), "mapsize");
  check(mdb_env_open(env, dir.c_str(), MDB_NOTLS | MDB_NORDAHEAD | MDB_NOSYNC, 0644), "env_open");
  MDB_dbi dbi;
  MDB_txn* txn;
  check(mdb_txn_begin(env, nullptr, 0, &txn), "begin");
  check(mdb_dbi_open(txn, nullptr, 0, &dbi), "dbi");
  check(mdb_txn_commit(txn), "commit");

  // Put: one transaction per put (no fsync here; the engine's put is measured the same way below).
  auto start = Timer::now();
  for (int i = 0; i < kKeys; ++i) {
    std::string k = keyOf(i);
    MDB_val key{k.size(), k.data()}, val{values[i].size(), const_cast<char*>(values[i].data())};
    check(mdb_txn_begin(env, nullptr, 0, &txn), "begin");
    check(mdb_put(txn, dbi, &key, &val, 0), "put");
    check(mdb_txn_commit(txn), "commit");
  }
  const double putNs = nsPerOp(Timer::now() - start, kKeys);

  std::string sink;
  start = Timer::now();
  for (int r = 0; r < rounds; ++r) {
    for (int i = 0; i < kKeys; ++i) {
      std::string k = keyOf((i * 7919) % kKeys);
      MDB_val key{k.size(), k.data()}, val;
      check(mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn), "begin");
      check(mdb_get(txn, dbi, &key, &val), "get");
      sink.assign(static_cast<char*>(val.mv_data), val.mv_size);  // copy out, as any reader must
      mdb_txn_abort(txn);
    }
  }
  const double getNs = nsPerOp(Timer::now() - start, static_cast<long>(rounds) * kKeys);
  mdb_env_close(env);
  return {getNs, putNs};
}

// Puts new items from `writers` threads for `seconds`; returns puts per second.
// frontDoor: through Engine::call with JSON (what the HTTP endpoint pays), else
// through the typed engine operation.
double durablePutRate(const std::string& dir, int writers, double seconds, bool frontDoor) {
  std::filesystem::remove_all(dir);
  EngineOptions options;
  options.dataDir = dir;
  std::unique_ptr<Engine> engine;
  std::unique_ptr<ops::Database> db;
  const nlohmann::json create = nlohmann::json::parse(R"({"TableName":"Bench","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})");
  if (frontDoor) {
    auto opened = Engine::open(options);
    if (!opened) std::exit(1);
    engine = std::move(opened).value();
    engine->call("CreateTable", create);
  } else {
    auto env = storage::Env::open({dir, 256u << 20, 0, true, 1024});
    if (!env) std::exit(1);
    auto opened = ops::Database::open(std::move(env).value(), std::make_shared<SystemClock>(), "us-east-1", "0");
    db = std::move(opened).value();
    ops::CreateTableRequest c;
    c.tableName = "Bench";
    c.keySchema = {{"pk", "HASH"}};
    c.attributeDefinitions = {{"pk", AttrType::S}};
    c.billingMode = BillingMode::PayPerRequest;
    if (!ops::createTable(*db, c)) std::exit(1);
  }
  std::atomic<long> done{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  const auto start = Timer::now();
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      long n = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        Item item = makeItem(w * 1000000 + static_cast<int>(n));
        Status st;
        if (frontDoor) {
          st = engine->call("PutItem", nlohmann::json{{"TableName", "Bench"}, {"Item", toJson(item)}}).status();
        } else {
          st = ops::putItem(*db, {"Bench", std::move(item), ops::ReturnValues::None}).status();
        }
        if (!st.isOk()) {
          std::fprintf(stderr, "put: %s\n", st.message().c_str());
          std::exit(1);
        }
        ++n;
      }
      done += n;
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Timer::now() - start).count();
  return static_cast<double>(done.load()) / elapsed;
}

// CreateTable with `gsis` global indexes (0, 1 or 3) on the bench item's
// attributes: name, email, visits; each projects ALL.
nlohmann::json createWithIndexes(int gsis) {
  nlohmann::json create = nlohmann::json::parse(R"({"TableName":"Indexed","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})");
  const std::pair<const char*, const char*> keys[] = {{"name", "S"}, {"email", "S"}, {"visits", "N"}};
  for (int i = 0; i < gsis; ++i) {
    create["AttributeDefinitions"].push_back({{"AttributeName", keys[i].first}, {"AttributeType", keys[i].second}});
    create["GlobalSecondaryIndexes"].push_back(
        {{"IndexName", std::string("By_") + keys[i].first},
         {"KeySchema", nlohmann::json::array({{{"AttributeName", keys[i].first}, {"KeyType", "HASH"}}})},
         {"Projection", {{"ProjectionType", "ALL"}}}});
  }
  return create;
}

// PutItem of new items through the front door into a table with `gsis` global
// indexes: ns per call with fsync off (one thread), and durable puts per second
// with 32 writers.
std::pair<double, double> indexedPutCost(const std::string& dir, int gsis, double seconds) {
  std::filesystem::remove_all(dir);
  EngineOptions options;
  options.dataDir = dir + "/nosync";
  options.durable = false;
  double ns = 0;
  {
    auto engine = Engine::open(options);
    if (!engine || !(*engine)->call("CreateTable", createWithIndexes(gsis))) std::exit(1);
    std::vector<std::string> bodies;
    for (int i = 0; i < kKeys; ++i) {
      bodies.push_back(nlohmann::json{{"TableName", "Indexed"}, {"Item", toJson(makeItem(i))}}.dump());
    }
    const auto start = Timer::now();
    for (const auto& b : bodies) {
      if (!(*engine)->call("PutItem", std::string_view(b))) std::exit(1);
    }
    ns = nsPerOp(Timer::now() - start, kKeys);
  }
  options.dataDir = dir + "/durable";
  options.durable = true;
  auto engine = Engine::open(options);
  if (!engine || !(*engine)->call("CreateTable", createWithIndexes(gsis))) std::exit(1);
  std::atomic<long> done{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  const auto start = Timer::now();
  for (int w = 0; w < 32; ++w) {
    threads.emplace_back([&, w] {
      long n = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        auto body = nlohmann::json{{"TableName", "Indexed"}, {"Item", toJson(makeItem(w * 1000000 + int(n)))}};
        if (!(*engine)->call("PutItem", body)) std::exit(1);
        ++n;
      }
      done += n;
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  const double rate = static_cast<double>(done.load()) / std::chrono::duration<double>(Timer::now() - start).count();
  return {ns, rate};
}

}  // namespace

// What recording metrics adds to a request: ns per recordAt() alone, and per
// GetItem's share of recording (its consumed capacity, then the finished call:
// two samples and their handle lookups), on a real store flushing each second.
std::pair<double, double> metricsCost(const std::string& dir) {
  auto env = storage::Env::open({dir, 1ull << 28, 0, false, 1024});
  if (!env) return {0, 0};
  auto clock = std::make_shared<SystemClock>();
  auto db = ops::Database::open(std::move(env).value(), clock, "us-east-1", "000000000000");
  if (!db) return {0, 0};
  ops::CreateTableRequest create;
  create.tableName = "Bench";
  create.keySchema = {{"pk", "HASH"}};
  create.attributeDefinitions = {{"pk", AttrType::S}};
  create.billingMode = BillingMode::PayPerRequest;
  if (!ops::createTable(**db, create)) return {0, 0};
  auto store = metrics::MetricStore::open((*db)->env(), clock);
  if (!store) return {0, 0};
  (*store)->start();
  const auto table = (*db)->findTable("Bench");
  constexpr int kRounds = 2'000'000;
  auto handle = (*store)->handle(metrics::makeMetricId("ConsumedReadCapacityUnits", {{"TableName", "Bench"}}),
                                 metrics::Unit::Count);
  auto start = Timer::now();
  for (int i = 0; i < kRounds; ++i) (*store)->recordAt(handle, 0.5, clock->nowMillis());
  const double oneSample = nsPerOp(Timer::now() - start, kRounds);
  api::EngineMetrics recorder(**db, **store);
  capacity::Consumption consumed;
  consumed.table.read = 0.5;
  const std::vector<std::string> tables{"Bench"};
  start = Timer::now();
  for (int i = 0; i < kRounds; ++i) {
    recorder.consumed(*table, consumed);
    recorder.callFinished("GetItem", tables, Status::ok(), 0.2, std::nullopt);
  }
  const double perRequest = nsPerOp(Timer::now() - start, kRounds);
  return {oneSample, perRequest};
}

int main(int argc, char** argv) {
  std::string base = std::filesystem::temp_directory_path() / "dynadesk-bench";
  double seconds = 3.0;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--dir") base = argv[i + 1];
    if (a == "--seconds") seconds = std::stod(argv[i + 1]);
  }
  std::filesystem::remove_all(base);

  // --- per-call cost -------------------------------------------------------
  // The engine is opened without fsync here so both sides pay the same I/O
  // and the comparison shows the engine's own overhead.
  EngineOptions options;
  options.dataDir = base + "/engine";
  options.durable = false;
  auto env = storage::Env::open({options.dataDir, 1ull << 30, 0, false, 1024});
  if (!env) {
    std::fprintf(stderr, "open: %s\n", env.status().message().c_str());
    return 1;
  }
  auto dbResult = ops::Database::open(std::move(env).value(), std::make_shared<SystemClock>(), "us-east-1", "000000000000");
  auto& db = **dbResult;
  ops::CreateTableRequest create;
  create.tableName = "Bench";
  create.keySchema = {{"pk", "HASH"}};
  create.attributeDefinitions = {{"pk", AttrType::S}};
  create.billingMode = BillingMode::PayPerRequest;
  if (!ops::createTable(db, create)) return 1;
  auto table = db.findTable("Bench");

  std::vector<std::string> storedValues;
  std::vector<Item> items;
  for (int i = 0; i < kKeys; ++i) {
    items.push_back(makeItem(i));
    storedValues.push_back(ops::encodeStoredItem(items.back(), static_cast<std::uint32_t>(itemSize(items.back()))));
  }
  auto [rawGet, rawPut] = rawLmdb(base + "/raw", storedValues, 20);

  auto start = Timer::now();
  for (int i = 0; i < kKeys; ++i) {
    if (!ops::putItem(db, {"Bench", items[i], ops::ReturnValues::None})) return 1;
  }
  const double enginePut = nsPerOp(Timer::now() - start, kKeys);

  std::vector<Item> keys;
  std::vector<ops::GetItemRequest> gets;
  for (int i = 0; i < kKeys; ++i) {
    keys.push_back(ops::keyAttributesOf(*table, items[(i * 7919) % kKeys]));
    gets.push_back({"Bench", keys.back(), false});
  }
  start = Timer::now();
  long found = 0;
  for (int r = 0; r < 20; ++r) {
    for (int i = 0; i < kKeys; ++i) found += ops::getItem(db, gets[i])->item.has_value();
  }
  const double engineGet = nsPerOp(Timer::now() - start, 20L * kKeys);
  if (found != 20L * kKeys) return 1;

  // The whole front door: request JSON text in, response JSON text out.
  dbResult->reset();
  auto engine = Engine::open(options);
  std::vector<std::string> getBodies;
  for (int i = 0; i < kKeys; ++i) {
    getBodies.push_back(nlohmann::json{{"TableName", "Bench"}, {"Key", toJson(keys[i])}}.dump());
  }
  start = Timer::now();
  for (int r = 0; r < 5; ++r) {
    for (int i = 0; i < kKeys; ++i) {
      if (!(*engine)->call("GetItem", std::string_view(getBodies[i]))) return 1;
    }
  }
  const double apiGet = nsPerOp(Timer::now() - start, 5L * kKeys);
  engine->reset();

  std::printf("Per-call cost (%d items of ~%zu bytes, fsync off on both sides)\n", kKeys, storedValues[0].size());
  std::printf("  %-44s %10.0f ns\n", "raw LMDB get (txn + get + copy)", rawGet);
  std::printf("  %-44s %10.0f ns  (%.2fx raw)\n", "GetItem, engine (typed request)", engineGet, engineGet / rawGet);
  std::printf("  %-44s %10.0f ns  (%.2fx raw)\n", "GetItem, front door (JSON text in and out)", apiGet, apiGet / rawGet);
  std::printf("  %-44s %10.0f ns\n", "raw LMDB put (txn + put + commit)", rawPut);
  std::printf("  %-44s %10.0f ns  (%.2fx raw)\n", "PutItem, engine (typed request)", enginePut, enginePut / rawPut);

  // --- expressions -------------------------------------------------------------
  // A typical condition, as boto3 sends a filter built from Attr(): parse,
  // resolve placeholders and evaluate against an item, every call.
  {
    const expr::AttributeNames names = {{"#n0", "visits"}, {"#n1", "active"}, {"#n2", "email"}};
    const expr::AttributeValues values = {{":v0", AttributeValue::number(Number::fromInt64(20))},
                                          {":v1", AttributeValue::boolean(true)},
                                          {":v2", AttributeValue::string("customer")}};
    const std::string text = "(#n0 > :v0 AND #n1 = :v1) AND begins_with(#n2, :v2)";
    const int rounds = 200000;
    long holds = 0;
    start = Timer::now();
    for (int i = 0; i < rounds; ++i) {
      auto condition = expr::parseCondition(text, expr::ExpressionKind::Filter);
      expr::Placeholders placeholders(&names, &values);
      if (!condition || !expr::resolveCondition(*condition, expr::ExpressionKind::Filter, placeholders).isOk()) return 1;
      holds += *expr::evaluate(*condition, items[i % kKeys]);
    }
    const double parseEval = nsPerOp(Timer::now() - start, rounds);
    std::printf("\nExpressions\n  %-44s %10.0f ns  (%ld of %d held)\n",
                "parse + resolve + evaluate a 3-term filter", parseEval, holds, rounds);
  }

  // --- durable throughput ----------------------------------------------------
  for (bool frontDoor : {false, true}) {
    std::printf("\nDurable PutItem throughput, %s (fsync on every commit, group commit, %.0f s each)\n",
                frontDoor ? "front door (JSON in and out)" : "engine (typed request)", seconds);
    double single = 0;
    for (int writers : {1, 8, 32}) {
      const double rate = durablePutRate(base + "/durable" + std::to_string(writers), writers, seconds, frontDoor);
      if (writers == 1) single = rate;
      std::printf("  %2d writer%s %10.0f puts/s  (%.1fx one writer)\n", writers, writers == 1 ? " " : "s", rate,
                  rate / single);
    }
  }

  // --- secondary indexes -------------------------------------------------------
  std::printf("\nPutItem into a table with global secondary indexes (front door, new items, ALL projection)\n");
  double base0 = 0, rate0 = 0;
  for (int gsis : {0, 1, 3}) {
    auto [ns, rate] = indexedPutCost(base + "/indexed" + std::to_string(gsis), gsis, seconds);
    if (gsis == 0) {
      base0 = ns;
      rate0 = rate;
    }
    std::printf("  %d GSI%s  %8.0f ns per put, fsync off (%.2fx)   %8.0f durable puts/s, 32 writers (%.2fx)\n", gsis,
                gsis == 1 ? " " : "s", ns, ns / base0, rate, rate / rate0);
  }

  // --- metrics -----------------------------------------------------------------
  auto [oneSample, perRequest] = metricsCost(base + "/metrics");
  std::printf("\nRecording metrics (one thread; the front-door GetItem above already includes it)\n");
  std::printf("  %-44s %10.0f ns\n", "one sample (MetricStore::recordAt)", oneSample);
  std::printf("  %-44s %10.0f ns  (%.1f%% of a front-door GetItem)\n", "a GetItem's recording (capacity + call)",
              perRequest, 100.0 * perRequest / apiGet);
  std::filesystem::remove_all(base);
  return 0;
}
