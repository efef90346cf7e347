// gui_scroll_bench: how the item browser feels on a big table.
//
// It fills a table with N items (default 1,000,000; kept between runs with
// --dir), opens the real MainWindow on it, and measures
//   1. time to first rows: from asking for the table to the first rows being in
//      the grid's model (the first Scan page, decoded off the GUI thread);
//   2. the longest GUI-thread stall while scrolling through 20 pages: an
//      event-loop latency probe (a 2 ms timer) records how late it fires; any
//      time the GUI thread spends blocked shows up as lateness.
// Goals (issue 5): first rows under 300 ms, no stall over 50 ms.
//
//   build/bench/gui_scroll_bench [--items N] [--dir DIR] [--pages 20]
// Runs under any Qt platform; QT_QPA_PLATFORM=offscreen needs no display.
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

#include "bridge/engine_bridge.h"
#include "client/local_client.h"
#include "client/request_runner.h"
#include "dynadesk/engine.h"
#include "settings/workbench_settings.h"
#include "stall_probe.h"
#include "widgets/main_window.h"

namespace {

bool fill(dynadesk::Engine& engine, long items) {
  nlohmann::json probe = {{"TableName", "Big"}};
  if (engine.call("DescribeTable", probe)) {
    auto d = engine.call("DescribeTable", probe);
    if ((*d)["Table"]["ItemCount"].get<long>() >= items) return true;
  } else {
    engine.call("CreateTable",
                nlohmann::json{{"TableName", "Big"},
                               {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
                               {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}, {{"AttributeName", "sk"}, {"AttributeType", "N"}}}},
                               {"BillingMode", "PAY_PER_REQUEST"}});
  }
  std::fprintf(stderr, "filling %ld items...\n", items);
  for (long start = 0; start < items; start += 25) {
    nlohmann::json writes = nlohmann::json::array();
    for (long i = start; i < std::min(items, start + 25); ++i) {
      writes.push_back({{"PutRequest",
                         {{"Item",
                           {{"pk", {{"S", "customer-" + std::to_string(i / 10)}}},
                            {"sk", {{"N", std::to_string(i % 10)}}},
                            {"name", {{"S", "Item number " + std::to_string(i)}}},
                            {"amount", {{"N", std::to_string(i * 7 % 1000) + ".25"}}},
                            {"tags", {{"SS", {"a", "b"}}}},
                            {"createdAt", {{"N", std::to_string(1700000000 + i)}}}}}}}});
    }
    auto r = engine.call("BatchWriteItem", nlohmann::json{{"RequestItems", {{"Big", writes}}}});
    if (!r) {
      std::fprintf(stderr, "fill failed: %s\n", r.status().message().c_str());
      return false;
    }
    if (start % 100000 == 0 && start > 0) std::fprintf(stderr, "  %ld\n", start);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QCommandLineParser parser;
  parser.addOption({"items", "Items in the table.", "N", "1000000"});
  parser.addOption({"dir", "Data folder (kept, so later runs skip filling).", "DIR"});
  parser.addOption({"pages", "Pages to scroll through.", "N", "20"});
  parser.addHelpOption();
  parser.process(app);
  QTemporaryDir temp;
  const QString dir = parser.isSet("dir") ? parser.value("dir") : temp.path();

  dynadesk::EngineOptions options;
  options.dataDir = dir.toStdString();
  options.durable = false;  // filling speed; reads are what is measured
  auto engine = dynadesk::Engine::open(options);
  if (!engine) {
    std::fprintf(stderr, "cannot open %s: %s\n", options.dataDir.c_str(), engine.status().message().c_str());
    return 1;
  }
  if (!fill(**engine, parser.value("items").toLong())) return 1;

  dynadesk::ui::LocalClient client(**engine);
  dynadesk::ui::RequestRunner runner(client);
  dynadesk::ui::EngineBridge bridge(client);
  QTemporaryDir settingsDir;
  dynadesk::ui::WorkbenchSettings settings(settingsDir.filePath("s.ini"));
  dynadesk::ui::MainWindow window(runner, &bridge, settings);
  window.resize(1280, 800);
  window.show();

  auto& model = window.itemBrowser()->model();
  auto* view = window.itemBrowser()->view();
  StallProbe probe(2);
  QElapsedTimer openClock;
  double firstRowsMs = -1;
  const int pages = parser.value("pages").toInt();
  int pagesSeen = 0;

  QObject::connect(&model, &QAbstractItemModel::rowsInserted, &app, [&] {
    if (firstRowsMs < 0) firstRowsMs = static_cast<double>(openClock.nsecsElapsed()) / 1e6;
  });
  // Scroll: each time a page has landed, jump to the bottom, which makes the
  // view ask for the next one (fetchMore), as a user dragging the scroll bar does.
  QObject::connect(&model, &dynadesk::ui::ItemTableModel::loadingChanged, &app, [&](bool loading) {
    if (loading) return;
    if (++pagesSeen >= pages + 1) {
      QTimer::singleShot(50, &app, &QApplication::quit);
      return;
    }
    // After the view has laid out the new rows (its geometry update is queued).
    QTimer::singleShot(20, view, [view, &model] {
      QScrollBar* bar = view->verticalScrollBar();
      if (bar->value() != bar->maximum()) {
        bar->setValue(bar->maximum());
      } else if (model.canFetchMore({})) {
        model.fetchMore({});  // already at the bottom: the view fetches on the next move, so ask directly
      }
    });
  });

  QTimer::singleShot(200, &app, [&] {
    probe.start();
    openClock.start();
    window.openTable("Big");
  });
  QTimer::singleShot(120000, &app, &QApplication::quit);  // a safety net
  app.exec();

  std::printf("gui_scroll_bench: %ld items, platform %s\n", parser.value("items").toLong(),
              qPrintable(QGuiApplication::platformName()));
  std::printf("  time to first rows:            %8.1f ms   (goal < 300 ms)\n", firstRowsMs);
  std::printf("  rows loaded after scrolling:   %8d      (%d pages of %d)\n", model.rowCount(), pagesSeen - 1,
              dynadesk::ui::ItemBrowserController::kPageSize);
  std::printf("  longest GUI-thread stall:      %8.1f ms   (goal < 50 ms)\n", probe.worstMs());
  runner.waitForIdle();
  return 0;
}
