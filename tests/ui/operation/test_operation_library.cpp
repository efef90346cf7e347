// OperationLibrary on a real file: saved operations and history persist across
// reopening, names replace/rename/remove, history is newest first, searchable
// and capped, and a corrupt file is set aside and reported.
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "operation/operation_library.h"

using namespace dynadesk;
using namespace dynadesk::ui;

namespace {

OperationSpec querySpec(const std::string& table, const std::string& artist) {
  OperationSpec spec;
  spec.kind = OperationKind::Query;
  spec.table = table;
  spec.partitionValue = AttributeValue::string(artist);
  spec.filters.push_back({"info.rating", FilterTest::GreaterOrEqual, {AttributeValue::number(Number::parse("8").value())}});
  spec.projection = {"title", "info.actors[0].name"};
  return spec;
}

HistoryEntry entry(const OperationSpec& spec, const QString& summary, bool ok = true) {
  HistoryEntry e;
  e.spec = spec;
  e.ranAt = QDateTime::currentDateTimeUtc();
  e.connection = "Local engine";
  e.summary = summary;
  e.ok = ok;
  return e;
}

}  // namespace

class TestOperationLibrary : public QObject {
  Q_OBJECT
 private slots:
  void missingFileIsEmpty() {
    QTemporaryDir dir;
    OperationLibrary lib(dir.filePath("sub/folder/operations.json"));
    QVERIFY(lib.loadStatus().isOk());
    QVERIFY(lib.saved().empty());
    QVERIFY(lib.history().empty());
    // The first change creates the folders.
    QVERIFY(lib.save("first", querySpec("Music", "Acme")).isOk());
    QVERIFY(QFile::exists(dir.filePath("sub/folder/operations.json")));
  }

  void savedOperationsPersistReplaceRenameRemove() {
    QTemporaryDir dir;
    const QString path = dir.filePath("operations.json");
    {
      OperationLibrary lib(path);
      QSignalSpy changed(&lib, &OperationLibrary::changed);
      QVERIFY(lib.save("Rock by rating", querySpec("Music", "Acme")).isOk());
      QVERIFY(lib.save("  all movies ", OperationSpec{}).isOk());  // trimmed
      QVERIFY(lib.save("Beta", querySpec("Music", "Beta")).isOk());
      QCOMPARE(changed.count(), 3);
      QCOMPARE(lib.save("   ", OperationSpec{}).type(), ErrorType::ValidationException);
      QCOMPARE(changed.count(), 3);
      // Same name replaces.
      QVERIFY(lib.save("Beta", querySpec("Other", "Gamma")).isOk());
      QCOMPARE(lib.saved().size(), std::size_t(3));
      QCOMPARE(lib.find("Beta")->spec.table, std::string("Other"));
    }
    {
      OperationLibrary lib(path);
      QVERIFY(lib.loadStatus().isOk());
      QCOMPARE(lib.saved().size(), std::size_t(3));
      // Sorted by name, case-insensitively.
      QCOMPARE(lib.saved()[0].name, QString("all movies"));
      QCOMPARE(lib.saved()[1].name, QString("Beta"));
      QCOMPARE(lib.saved()[2].name, QString("Rock by rating"));
      QVERIFY(lib.find("Rock by rating")->spec == querySpec("Music", "Acme"));
      QVERIFY(lib.find("Rock by rating")->savedAt.isValid());

      QVERIFY(lib.rename("Rock by rating", "Acme rock").isOk());
      QCOMPARE(lib.rename("nope", "x").type(), ErrorType::ResourceNotFoundException);
      QCOMPARE(lib.rename("Beta", "all movies").type(), ErrorType::ValidationException);
      QCOMPARE(lib.rename("Beta", "").type(), ErrorType::ValidationException);
      QVERIFY(lib.remove("Beta").isOk());
      QCOMPARE(lib.remove("Beta").type(), ErrorType::ResourceNotFoundException);
    }
    OperationLibrary lib(path);
    QCOMPARE(lib.saved().size(), std::size_t(2));
    QCOMPARE(lib.saved()[0].name, QString("Acme rock"));
    QVERIFY(lib.saved()[0].spec == querySpec("Music", "Acme"));
    QCOMPARE(lib.saved()[1].name, QString("all movies"));
  }

  void historyNewestFirstSearchableAndPersistent() {
    QTemporaryDir dir;
    const QString path = dir.filePath("operations.json");
    {
      OperationLibrary lib(path);
      QVERIFY(lib.record(entry(querySpec("Music", "Acme"), "Query on table Music: 3 returned")).isOk());
      OperationSpec scan;
      scan.table = "Orders";
      scan.index = "StatusIndex";
      scan.filters.push_back({"status", FilterTest::In, {AttributeValue::string("SHIPPED"), AttributeValue::string("late")}});
      QVERIFY(lib.record(entry(scan, "Scan of index StatusIndex", true)).isOk());
      QVERIFY(lib.record(entry(querySpec("Music", "Zed Leppelin"), "Partition key: wrong type", false)).isOk());
    }
    OperationLibrary lib(path);
    QCOMPARE(lib.history().size(), std::size_t(3));
    QCOMPARE(lib.history()[0].spec.partitionValue->asString(), std::string("Zed Leppelin"));
    QCOMPARE(lib.history()[0].ok, false);
    QCOMPARE(lib.history()[2].spec.partitionValue->asString(), std::string("Acme"));
    QCOMPARE(lib.history()[0].connection, QString("Local engine"));

    QCOMPARE(lib.searchHistory("").size(), std::size_t(3));
    QCOMPARE(lib.searchHistory("music").size(), std::size_t(2));           // table
    QCOMPARE(lib.searchHistory("statusindex").size(), std::size_t(1));     // index
    QCOMPARE(lib.searchHistory("shipped").size(), std::size_t(1));         // a value, any case
    QCOMPARE(lib.searchHistory("ACTORS").size(), std::size_t(2));          // a projection path
    QCOMPARE(lib.searchHistory("info.rating").size(), std::size_t(2));     // a filter path
    QCOMPARE(lib.searchHistory("wrong type").size(), std::size_t(1));      // summary, every word
    QCOMPARE(lib.searchHistory("music zed").size(), std::size_t(1));
    QCOMPARE(lib.searchHistory("music zed orders").size(), std::size_t(0));
    QCOMPARE(lib.searchHistory("local engine").size(), std::size_t(3));    // connection
    QCOMPARE(lib.searchHistory("music")[0].spec.partitionValue->asString(), std::string("Zed Leppelin"));

    QSignalSpy changed(&lib, &OperationLibrary::changed);
    QVERIFY(lib.clearHistory().isOk());
    QCOMPARE(changed.count(), 1);
    QVERIFY(lib.history().empty());
    OperationLibrary reopened(path);
    QVERIFY(reopened.history().empty());
  }

  void historyIsCapped() {
    QTemporaryDir dir;
    const QString path = dir.filePath("operations.json");
    {
      OperationLibrary lib(path, 5);
      for (int i = 0; i < 8; ++i) {
        QVERIFY(lib.record(entry(querySpec("T" + std::to_string(i), "x"), QString::number(i))).isOk());
      }
      QCOMPARE(lib.history().size(), std::size_t(5));
      QCOMPARE(lib.history().front().summary, QString("7"));
      QCOMPARE(lib.history().back().summary, QString("3"));
    }
    OperationLibrary lib(path, 5);
    QCOMPARE(lib.history().size(), std::size_t(5));
    QCOMPARE(lib.history().front().summary, QString("7"));
    // A smaller cap at load keeps the newest.
    OperationLibrary smaller(path, 2);
    QCOMPARE(smaller.history().size(), std::size_t(2));
    QCOMPARE(smaller.history().back().summary, QString("6"));
    QCOMPARE(OperationLibrary::kDefaultHistoryLimit, 2000);
  }

  void fullHistoryLoadsAndRecords() {
    QTemporaryDir dir;
    const QString path = dir.filePath("operations.json");
    const int limit = OperationLibrary::kDefaultHistoryLimit;
    {
      // A history at its cap, written the way the library writes it.
      OperationLibrary lib(path, 1);
      QVERIFY(lib.record(entry(querySpec("Music", "seed"), "seed")).isOk());
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    auto json = nlohmann::json::parse(f.readAll().toStdString());
    f.close();
    const nlohmann::json one = json["history"][0];
    json["history"] = nlohmann::json::array();
    for (int i = 0; i < limit; ++i) {
      nlohmann::json e = one;
      e["summary"] = "Query on table Music: the key condition reads only items with artist = \"Acme\"; run " +
                     std::to_string(i);
      json["history"].push_back(e);
    }
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(json.dump()));
    f.close();

    QElapsedTimer timer;
    timer.start();
    OperationLibrary lib(path);
    const qint64 loadMs = timer.restart();
    QVERIFY(lib.loadStatus().isOk());
    QCOMPARE(lib.history().size(), std::size_t(limit));
    QVERIFY(lib.record(entry(querySpec("Music", "newest"), "newest")).isOk());
    const qint64 recordMs = timer.elapsed();
    QCOMPARE(lib.history().size(), std::size_t(limit));
    QCOMPARE(lib.history().front().summary, QString("newest"));
    QVERIFY(lib.history().back().summary.endsWith(QString("run %1").arg(limit - 2)));
    qInfo("history of %d: load %lld ms, record %lld ms, file %lld bytes", limit, loadMs, recordMs,
          QFileInfo(path).size());
  }

  void corruptFileIsSetAside() {
    QTemporaryDir dir;
    const QString path = dir.filePath("operations.json");
    auto writeFile = [&](const QByteArray& bytes) {
      QFile f(path);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(bytes);
    };
    writeFile("{\"format\": \"dynadesk-operations\", \"saved\": [tru");
    {
      OperationLibrary lib(path);
      QCOMPARE(lib.loadStatus().type(), ErrorType::SerializationException);
      QVERIFY2(QString::fromStdString(lib.loadStatus().message()).contains("operations.json.corrupt"),
               lib.loadStatus().message().c_str());
      QVERIFY(lib.saved().empty());
      QVERIFY(QFile::exists(path + ".corrupt"));
      QVERIFY(!QFile::exists(path));
      QVERIFY(lib.save("fresh", OperationSpec{}).isOk());
    }
    OperationLibrary fresh(path);
    QVERIFY(fresh.loadStatus().isOk());
    QCOMPARE(fresh.saved().size(), std::size_t(1));

    // Valid JSON with a bad entry is corrupt too; the first .corrupt is kept.
    writeFile(R"({"format":"dynadesk-operations","version":1,"saved":[{"name":"x","savedAt":"2024-01-01T00:00:00Z","spec":{"kind":"Delete"}}]})");
    OperationLibrary again(path);
    QCOMPARE(again.loadStatus().type(), ErrorType::SerializationException);
    QVERIFY(QString::fromStdString(again.loadStatus().message()).contains("kind"));
    QVERIFY(QFile::exists(path + ".corrupt"));
    QVERIFY(QFile::exists(path + ".corrupt.1"));

    // Not our file at all.
    writeFile("[1, 2, 3]");
    OperationLibrary notOurs(path);
    QCOMPARE(notOurs.loadStatus().type(), ErrorType::SerializationException);
    QVERIFY(QFile::exists(path + ".corrupt.2"));
  }

  void failedWriteChangesNothing() {
    QTemporaryDir dir;
    // A folder where the file should be: QSaveFile cannot replace it.
    const QString path = dir.filePath("operations.json");
    QVERIFY(QDir().mkpath(path));
    OperationLibrary lib(path);
    QSignalSpy changed(&lib, &OperationLibrary::changed);
    const Status st = lib.save("x", OperationSpec{});
    QCOMPARE(st.type(), ErrorType::InternalServerError);
    QVERIFY(lib.saved().empty());
    QCOMPARE(lib.record(entry(OperationSpec{}, "s")).type(), ErrorType::InternalServerError);
    QVERIFY(lib.history().empty());
    QCOMPARE(changed.count(), 0);
  }
};

QTEST_GUILESS_MAIN(TestOperationLibrary)
#include "test_operation_library.moc"
