// Test support for the MetricStore tests: a real LMDB folder, a ManualClock at
// a whole minute, a store that can be reopened, and readable datapoints.
//
// Thread-safety: a Fixture belongs to one test.
#pragma once

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "metrics/metric_keys.h"
#include "metrics/metric_store.h"
#include "storage/key_codec.h"
#include "storage/lmdb_env.h"

namespace dynadesk::metrics::testing {

constexpr std::int64_t kT0 = 1'700'000'040'000;  // a whole minute (2023-11-14T22:14:00Z)
constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

const Statistic kSum{StatisticKind::Sum, 0};
const Statistic kAverage{StatisticKind::Average, 0};
const Statistic kMinimum{StatisticKind::Minimum, 0};
const Statistic kMaximum{StatisticKind::Maximum, 0};
const Statistic kSampleCount{StatisticKind::SampleCount, 0};
const Statistic kP99{StatisticKind::Percentile, 99};
const std::vector<Statistic> kAll{kSum, kAverage, kMinimum, kMaximum, kSampleCount, kP99};

inline MetricId readUnits(const std::string& table) {
  return makeMetricId("ConsumedReadCapacityUnits", {{"TableName", table}});
}

// One data folder, one clock, and a store that can be closed and reopened.
class Fixture {
 public:
  explicit Fixture(MetricStoreOptions options = {}) : options_(std::move(options)) {
    if (!dir_.isValid()) qFatal("no temporary folder");
    openEnv();
    reopen();
  }

  MetricStore& store() { return *store_; }
  storage::Env& env() { return *env_; }
  ManualClock& clock() { return *clock_; }
  std::shared_ptr<ManualClock> clockPtr() { return clock_; }

  void reopen() {
    store_.reset();
    auto store = MetricStore::open(*env_, clock_, options_);
    if (!store) qFatal("open failed: %s", store.status().message().c_str());
    store_ = std::move(store).value();
  }
  // Closes the store and the environment, then opens both again.
  void reopenAll() {
    store_.reset();
    env_.reset();
    openEnv();
    reopen();
  }

  // Stored datapoints of one resolution (all metrics), read straight from LMDB.
  int storedDatapoints(Resolution resolution) {
    auto txn = env_->read();
    if (!txn) qFatal("read failed");
    storage::Cursor cursor = txn->cursor();
    const std::string prefix(1, static_cast<char>(storage::KeySpace::MetricData));
    int n = 0;
    for (Status st = cursor.seek(prefix); st.isOk() && cursor.valid() && cursor.key().starts_with(prefix);
         st = cursor.next()) {
      if (static_cast<std::uint8_t>(cursor.key()[5]) == static_cast<std::uint8_t>(resolution)) ++n;
    }
    return n;
  }

 private:
  void openEnv() {
    storage::EnvOptions options;
    options.path = dir_.path().toStdString();
    options.durable = false;  // throwaway data; reopen within the process loses nothing
    options.initialMapSize = 16u << 20;
    auto env = storage::Env::open(options);
    if (!env) qFatal("env open failed: %s", env.status().message().c_str());
    env_ = std::move(env).value();
  }

  QTemporaryDir dir_;
  MetricStoreOptions options_;
  std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>(kT0);
  std::unique_ptr<storage::Env> env_;
  std::unique_ptr<MetricStore> store_;
};

inline std::vector<Datapoint> mustRead(const MetricStore& store, const MetricId& id, const std::vector<Statistic>& stats,
                                std::int64_t start, std::int64_t end, int period) {
  auto result = store.statistics(id, stats, start, end, period);
  if (!result) qFatal("statistics failed: %s %s", result.error().code.c_str(), result.error().message.c_str());
  return std::move(result).value();
}

// Datapoints as comparable text: "t+<seconds> v1 v2 ... <unit>".
inline std::vector<std::string> show(const std::vector<Datapoint>& points) {
  std::vector<std::string> out;
  for (const Datapoint& p : points) {
    std::string line = "t+" + std::to_string((p.timestampMillis - kT0) / 1000);
    for (double v : p.values) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, " %g", v);
      line += buffer;
    }
    line += " " + std::string(unitName(p.unit));
    out.push_back(line);
  }
  return out;
}

}  // namespace dynadesk::metrics::testing
