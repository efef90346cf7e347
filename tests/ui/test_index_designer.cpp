// The index designer against a real engine: the Indexes panel lists a table's
// indexes (the local one marked fixed); the add-index dialog scans the table
// and previews a new global index — items in and left out (sparse and
// wrong-typed), size and write amplification; creating it shows the engine's
// backfill progress and the index going ACTIVE in the panel; the index then
// holds exactly the previewed items (checked with Query and Scan on the index
// through Engine::call) and DescribeTable's ItemCount and IndexSizeBytes agree
// with the preview. Deleting asks first: declined, nothing happens; accepted,
// the index goes. Without engine events (as with a remote endpoint) the panel
// polls DescribeTable while an index is CREATING, and only then.
#include <set>

#include <QMessageBox>
#include <QSignalSpy>
#include <QtTest>

#include "bridge/engine_bridge.h"
#include "client/local_client.h"
#include "client/request_runner.h"
#include "dynadesk/attribute_json.h"
#include "temp_engine.h"
#include "widgets/add_index_dialog.h"
#include "widgets/index_designer_panel.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

constexpr int kSongs = 700;
const char* const kGenres[] = {"Rock", "Jazz", "Pop", "Folk"};

// Song i: every third has no Genre; of the rest, every tenth-with-remainder-1
// has a numeric Genre (the wrong type for an S key); every fifth has no Year.
bool hasGenre(int i) { return i % 3 != 0; }
bool numericGenre(int i) { return hasGenre(i) && i % 10 == 1; }
bool hasYear(int i) { return i % 5 != 0; }
bool inGenreYear(int i) { return hasGenre(i) && !numericGenre(i) && hasYear(i); }

Json song(int i) {
  Json item{{"Artist", S("Artist " + std::to_string(i % 9))},
            {"SongTitle", S("Song " + std::to_string(1000 + i))},
            {"Plays", N(std::to_string(i * 7))},
            {"Album", S("Album " + std::to_string(i % 5))},
            {"Lyrics", S(std::string(static_cast<std::size_t>(20 + i % 50), 'l'))}};
  if (hasGenre(i)) item["Genre"] = numericGenre(i) ? N(std::to_string(i)) : S(kGenres[i % 4]);
  if (hasYear(i)) item["Year"] = N(std::to_string(1960 + i % 60));
  return item;
}

void createMusic(Engine& engine, int songs) {
  auto call = [&](const std::string& op, const Json& request) {
    auto r = engine.call(op, request);
    if (!r) qFatal("%s failed: %s", op.c_str(), r.status().message().c_str());
  };
  call("CreateTable",
       {{"TableName", "Music"},
        {"KeySchema", Json::array({{{"AttributeName", "Artist"}, {"KeyType", "HASH"}},
                                   {{"AttributeName", "SongTitle"}, {"KeyType", "RANGE"}}})},
        {"AttributeDefinitions", Json::array({{{"AttributeName", "Artist"}, {"AttributeType", "S"}},
                                             {{"AttributeName", "SongTitle"}, {"AttributeType", "S"}},
                                             {{"AttributeName", "Plays"}, {"AttributeType", "N"}}})},
        {"LocalSecondaryIndexes",
         Json::array({{{"IndexName", "ByPlays"},
                       {"KeySchema", Json::array({{{"AttributeName", "Artist"}, {"KeyType", "HASH"}},
                                                  {{"AttributeName", "Plays"}, {"KeyType", "RANGE"}}})},
                       {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}})},
        {"BillingMode", "PAY_PER_REQUEST"}});
  for (int start = 0; start < songs; start += 25) {
    Json writes = Json::array();
    for (int i = start; i < std::min(songs, start + 25); ++i) writes.push_back({{"PutRequest", {{"Item", song(i)}}}});
    call("BatchWriteItem", {{"RequestItems", {{"Music", writes}}}});
  }
}

// Every item of a Query or Scan, following LastEvaluatedKey.
std::vector<Json> readAll(Engine& engine, const std::string& op, Json request) {
  std::vector<Json> items;
  for (;;) {
    auto r = engine.call(op, request);
    if (!r) qFatal("%s failed: %s", op.c_str(), r.status().message().c_str());
    for (const auto& i : (*r)["Items"]) items.push_back(i);
    if (!r->contains("LastEvaluatedKey")) return items;
    request["ExclusiveStartKey"] = (*r)["LastEvaluatedKey"];
  }
}

// A Client without events, as a remote endpoint is: the same engine, no subscription.
class NoEventsClient final : public Client {
 public:
  explicit NoEventsClient(Engine& engine) : local_(engine) {}
  Result<nlohmann::json> call(std::string_view operation, const nlohmann::json& request) override {
    return local_.call(operation, request);
  }
  std::string displayName() const override { return "No events"; }
  std::string location() const override { return local_.location(); }
  EventSubscription subscribe(EngineEventCallback) override { return {}; }

 private:
  LocalClient local_;
};

}  // namespace

class TestIndexDesigner : public QObject {
  Q_OBJECT
 private slots:
  void previewCreateCheckAndDelete() {
    TempEngine t;
    createMusic(t.engine(), kSongs);
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    QVERIFY(bridge.live());
    IndexDesignerPanel panel(runner, &bridge);
    panel.resize(1100, 800);
    panel.show();
    panel.openTable("Music");

    // The local index is listed, fixed: it can be neither deleted nor added to.
    QTRY_VERIFY(panel.rowOf("ByPlays") >= 0);
    const int lsiRow = panel.rowOf("ByPlays");
    QVERIFY(panel.indexList()->item(lsiRow, IndexDesignerPanel::KindColumn)->text().contains("fixed"));
    QCOMPARE(panel.indexList()->item(lsiRow, IndexDesignerPanel::PartitionKeyColumn)->text(), QString("Artist (S)"));
    QCOMPARE(panel.indexList()->item(lsiRow, IndexDesignerPanel::SortKeyColumn)->text(), QString("Plays (N)"));
    QCOMPARE(panel.statusOf("ByPlays"), QString("ACTIVE"));
    QCOMPARE(panel.indexList()->item(lsiRow, IndexDesignerPanel::ItemsColumn)->text(), QLocale().toString(kSongs));
    panel.indexList()->selectRow(lsiRow);
    QVERIFY(!panel.deleteButton()->isEnabled());
    QVERIFY(panel.addButton()->isEnabled());
    // The diagram groups a sample of the items by the table's key and by the LSI's.
    QTRY_VERIFY(panel.diagram()->sampleSize() > 0);
    QVERIFY(panel.diagram()->sampleSize() <= KeyLayoutDiagram::kMaxItems);
    QVERIFY(panel.diagram()->tableGroups().size() >= 2);  // the sample spans partitions
    for (const auto& g : panel.diagram()->tableGroups()) {
      QVERIFY(g.label.startsWith("Artist = "));
      QVERIFY(g.items.size() <= KeyLayoutDiagram::kMaxItemsPerPartition);
    }
    QVERIFY(!panel.diagram()->indexGroups().empty());
    QVERIFY(panel.diagram()->leftOut().empty());  // every item has the LSI's Plays

    // Design a GSI in the dialog: the preview reads the whole table.
    AddIndexDialog* dialog = panel.showAddIndex();
    QVERIFY(dialog);
    QTRY_VERIFY(!dialog->scanning());
    QCOMPARE(dialog->scannedItems().size(), std::size_t(kSongs));
    QVERIFY(!dialog->capped());
    QVERIFY(dialog->scanLabel()->text().contains("whole table"));
    QVERIFY(!dialog->createButton()->isEnabled());  // no name, no key yet

    // Picking attributes: a new one takes the type most items have; one the
    // table already defines keeps that type.
    dialog->partitionKeyCombo()->setCurrentText("Genre");
    QCOMPARE(dialog->partitionTypeCombo()->currentText(), QString("S"));
    QVERIFY(dialog->partitionTypeCombo()->isEnabled());
    dialog->sortKeyCheck()->setChecked(true);
    dialog->sortKeyCombo()->setCurrentText("Plays");
    QCOMPARE(dialog->sortTypeCombo()->currentText(), QString("N"));
    QVERIFY(!dialog->sortTypeCombo()->isEnabled());

    IndexDesign design;
    design.name = "GenreYear";
    design.partitionKey = {"Genre", "S"};
    design.sortKey = KeyDesign{"Year", "N"};
    design.projection = "INCLUDE";
    design.nonKeyAttributes = {"Album"};
    dialog->setDesign(design);
    QVERIFY2(dialog->problems().isEmpty(), qPrintable(dialog->problems().join("; ")));
    QVERIFY(dialog->createButton()->isEnabled());
    dialog->updatePreview();
    const IndexPreview preview = dialog->preview();
    QCOMPARE(dialog->previewedDesign().name, std::string("GenreYear"));

    std::size_t expectIn = 0, expectMissing = 0, expectWrong = 0;
    for (int i = 0; i < kSongs; ++i) {
      if (inGenreYear(i)) ++expectIn;
      else if (!hasGenre(i) || !hasYear(i)) ++expectMissing;
      else ++expectWrong;
    }
    QVERIFY(expectIn > 0 && expectMissing > 0 && expectWrong > 0);
    QCOMPARE(preview.itemsExamined, std::size_t(kSongs));
    QCOMPARE(preview.itemsIn, expectIn);
    QCOMPARE(preview.missingKey, expectMissing);
    QCOMPARE(preview.wrongType, expectWrong);
    QCOMPARE(preview.invalidValue, std::size_t(0));
    QVERIFY(dialog->countsLabel()->text().contains(QLocale().toString(qulonglong(expectIn))));
    QVERIFY(dialog->sizeLabel()->text().contains(QLocale().toString(qulonglong(preview.sizeBytes))));
    QCOMPARE(dialog->sampleView()->model()->rowCount(), std::min<int>(AddIndexDialog::kSampleRows, int(expectIn)));
    QCOMPARE(dialog->sampleView()->model()->headerData(0, Qt::Horizontal).toString(), QString("Genre"));
    QCOMPARE(dialog->sampleView()->model()->headerData(1, Qt::Horizontal).toString(), QString("Year"));
    QVERIFY(dialog->amplificationTable()->rowCount() >= 5);
    // INCLUDE keeps the keys and Album only: Lyrics is not in the entries.
    for (int c = 0; c < dialog->sampleView()->model()->columnCount(); ++c) {
      QVERIFY(dialog->sampleView()->model()->headerData(c, Qt::Horizontal).toString() != "Lyrics");
    }

    // A plain-language refusal before sending: the name is taken.
    design.name = "ByPlays";
    dialog->setDesign(design);
    QVERIFY(!dialog->createButton()->isEnabled());
    QVERIFY(dialog->problemsLabel()->text().contains("already has an index named"));
    design.name = "GenreYear";
    dialog->setDesign(design);
    QVERIFY(dialog->createButton()->isEnabled());

    // The dialog closes (and goes) once the index is created: keep what it previewed.
    const std::vector<Item> scannedItems = dialog->scannedItems();
    const IndexDesign previewed = dialog->previewedDesign();

    // Create: progress arrives from the engine's backfill; the index goes ACTIVE.
    QSignalSpy progress(&bridge, &EngineBridge::indexProgress);
    QSignalSpy shown(&panel, &IndexDesignerPanel::backfillProgress);
    QSignalSpy created(dialog, &AddIndexDialog::indexCreated);
    std::vector<bool> pollingSeen;
    connect(&panel, &IndexDesignerPanel::described, this, [&] { pollingSeen.push_back(panel.polling()); });
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    QTRY_COMPARE(created.count(), 1);
    QTRY_VERIFY(!panel.addIndexDialog());  // accepted and closed
    QTRY_VERIFY(panel.rowOf("GenreYear") >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(panel.statusOf("GenreYear"), QString("ACTIVE"), 30000);
    // The progress reaches the GUI at the bridge's pace, which may be after
    // the panel has already read the index as ACTIVE.
    QTRY_VERIFY(!progress.isEmpty() && progress.last().at(2).toULongLong() == quint64(kSongs));
    QTRY_VERIFY(!shown.isEmpty() && shown.last().at(1).toULongLong() == quint64(kSongs));
    const QList<QVariant> last = progress.last();
    QCOMPARE(last.at(0).toString(), QString("Music"));
    QCOMPARE(last.at(1).toString(), QString("GenreYear"));
    QCOMPARE(last.at(2).toULongLong(), quint64(kSongs));  // read every item
    QCOMPARE(last.at(3).toULongLong(), quint64(kSongs));
    QCOMPARE(shown.last().at(0).toString(), QString("GenreYear"));
    QVERIFY(!panel.progressBar("GenreYear"));  // no bar once ACTIVE
    // Events are live: the panel never polled.
    QVERIFY(!pollingSeen.empty());
    for (bool p : pollingSeen) QVERIFY(!p);

    // The index holds exactly the previewed items, as the preview projected them.
    std::multiset<std::string> expected;
    for (std::size_t i : preview.included) {
      expected.insert(
          toJson(projectForIndex(scannedItems[i], TableKeys{{"Artist", "S"}, KeyDesign{"SongTitle", "S"}}, previewed)).dump());
    }
    QCOMPARE(expected.size(), expectIn);
    std::multiset<std::string> scanned;
    for (const Json& i : readAll(t.engine(), "Scan", {{"TableName", "Music"}, {"IndexName", "GenreYear"}})) {
      scanned.insert(i.dump());
    }
    QVERIFY(scanned == expected);
    std::multiset<std::string> queried;
    for (const char* genre : kGenres) {
      for (const Json& i : readAll(t.engine(), "Query",
                                   {{"TableName", "Music"},
                                    {"IndexName", "GenreYear"},
                                    {"KeyConditionExpression", "Genre = :g"},
                                    {"ExpressionAttributeValues", {{":g", S(genre)}}}})) {
        queried.insert(i.dump());
      }
    }
    QVERIFY(queried == expected);

    // DescribeTable agrees with the preview, and so does the panel.
    const Json described = t.call("DescribeTable", {{"TableName", "Music"}});
    Json gsi;
    for (const auto& i : described["Table"]["GlobalSecondaryIndexes"]) {
      if (i["IndexName"] == "GenreYear") gsi = i;
    }
    QCOMPARE(gsi["IndexStatus"].get<std::string>(), std::string("ACTIVE"));
    QCOMPARE(gsi["ItemCount"].get<std::uint64_t>(), std::uint64_t(preview.itemsIn));
    QCOMPARE(gsi["IndexSizeBytes"].get<std::uint64_t>(), preview.sizeBytes);
    const int row = panel.rowOf("GenreYear");
    QTRY_COMPARE(panel.indexList()->item(panel.rowOf("GenreYear"), IndexDesignerPanel::ItemsColumn)->text(),
                 QLocale().toString(qulonglong(preview.itemsIn)));
    QCOMPARE(panel.indexList()->item(row, IndexDesignerPanel::KindColumn)->text(), QString("Global"));
    QCOMPARE(panel.indexList()->item(row, IndexDesignerPanel::ProjectionColumn)->text(), QString("INCLUDE: Album"));

    // Delete, declined: nothing is sent and the index stays.
    QSignalSpy deleteSent(&panel, &IndexDesignerPanel::indexDeleteSent);
    panel.indexList()->selectRow(panel.rowOf("GenreYear"));
    QVERIFY(panel.deleteButton()->isEnabled());
    QTest::mouseClick(panel.deleteButton(), Qt::LeftButton);
    QMessageBox* confirm = panel.deleteConfirmation();
    QVERIFY(confirm);
    QVERIFY(confirm->text().contains("GenreYear"));
    confirm->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!panel.deleteConfirmation());
    runner.waitForIdle();  // a wrongly sent UpdateTable would have run by now
    QCOMPARE(deleteSent.count(), 0);
    QCOMPARE(t.call("DescribeTable", {{"TableName", "Music"}})["Table"]["GlobalSecondaryIndexes"].size(), std::size_t(1));

    // Delete, accepted: the index goes from the engine and the panel.
    panel.requestDelete("GenreYear");
    confirm = panel.deleteConfirmation();
    QVERIFY(confirm);
    QAbstractButton* yes = nullptr;
    for (QAbstractButton* b : confirm->buttons()) {
      if (confirm->buttonRole(b) == QMessageBox::DestructiveRole) yes = b;
    }
    QVERIFY(yes);
    yes->click();
    QTRY_COMPARE(deleteSent.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(panel.rowOf("GenreYear"), -1, 30000);
    QVERIFY(!t.call("DescribeTable", {{"TableName", "Music"}})["Table"].contains("GlobalSecondaryIndexes"));
    QVERIFY(panel.rowOf("ByPlays") >= 0);
  }

  void theBridgeCoalescesBackfillProgress() {
    // A backfill of many chunks reports far more progress than the bridge
    // delivers: the latest numbers per index per flush, in order, alongside
    // the matching tableChanged(IndexProgress).
    QTemporaryDir dir;
    EngineOptions options;
    options.dataDir = dir.filePath("data").toStdString();
    options.durable = false;
    auto opened = Engine::open(options);
    QVERIFY(opened);
    std::unique_ptr<Engine> engine = std::move(opened).value();
    const int songs = 20000;  // about 80 chunks of backfill
    createMusic(*engine, songs);
    LocalClient client(*engine);
    EngineBridge bridge(client);
    QSignalSpy progress(&bridge, &EngineBridge::indexProgress);
    QSignalSpy changed(&bridge, &EngineBridge::tableChanged);
    auto r = engine->call("UpdateTable",
                          {{"TableName", "Music"},
                           {"AttributeDefinitions", Json::array({{{"AttributeName", "Album"}, {"AttributeType", "S"}}})},
                           {"GlobalSecondaryIndexUpdates",
                            Json::array({{{"Create",
                                           {{"IndexName", "ByAlbum"},
                                            {"KeySchema", Json::array({{{"AttributeName", "Album"}, {"KeyType", "HASH"}}})},
                                            {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}}})}});
    QVERIFY(r);
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(2).toULongLong() == quint64(songs), 30000);
    QVERIFY(progress.count() < songs / 256);  // coalesced, not one signal per chunk
    quint64 previous = 0;
    for (const auto& args : progress) {
      QCOMPARE(args.at(0).toString(), QString("Music"));
      QCOMPARE(args.at(1).toString(), QString("ByAlbum"));
      QVERIFY(args.at(2).toULongLong() > previous);  // in order, never stale
      previous = args.at(2).toULongLong();
      QCOMPARE(args.at(3).toULongLong(), quint64(songs));
    }
    int progressChanges = 0;
    for (const auto& args : changed) {
      if (args.at(1).value<TableEventKind>() == TableEventKind::IndexProgress) ++progressChanges;
    }
    QCOMPARE(progressChanges, progress.count());
  }

  void withoutEventsThePanelPollsWhileCreating() {
    // A bigger table, so the build takes long enough to be seen.
    QTemporaryDir dir;
    EngineOptions options;
    options.dataDir = dir.filePath("data").toStdString();
    options.durable = false;
    auto opened = Engine::open(options);
    QVERIFY(opened);
    std::unique_ptr<Engine> engine = std::move(opened).value();
    createMusic(*engine, 20000);
    NoEventsClient client(*engine);
    RequestRunner runner(client);
    EngineBridge bridge(client);
    QVERIFY(!bridge.live());
    IndexDesignerPanel panel(runner, &bridge);
    panel.openTable("Music");
    QTRY_VERIFY(panel.rowOf("ByPlays") >= 0);
    QVERIFY(!panel.polling());  // nothing is being built: no polling

    struct Seen {
      QString status;
      bool polling;
    };
    std::vector<Seen> seen;
    connect(&panel, &IndexDesignerPanel::described, this,
            [&] { seen.push_back({panel.statusOf("GenreIndex"), panel.polling()}); });
    auto r = engine->call("UpdateTable",
                          {{"TableName", "Music"},
                           {"AttributeDefinitions", Json::array({{{"AttributeName", "Genre"}, {"AttributeType", "S"}}})},
                           {"GlobalSecondaryIndexUpdates",
                            Json::array({{{"Create",
                                           {{"IndexName", "GenreIndex"},
                                            {"KeySchema", Json::array({{{"AttributeName", "Genre"}, {"KeyType", "HASH"}}})},
                                            {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}}})}});
    QVERIFY(r);
    panel.refresh();
    // No event will say the build finished: only polling brings the panel to ACTIVE.
    QTRY_COMPARE_WITH_TIMEOUT(panel.statusOf("GenreIndex"), QString("ACTIVE"), 30000);
    QVERIFY(!panel.polling());
    bool sawCreating = false;
    for (const Seen& s : seen) {
      if (s.status == "CREATING") {
        sawCreating = true;
        QVERIFY(s.polling);
        QVERIFY(panel.indexList()->rowCount() > 0);
      } else {
        QVERIFY(!s.polling);
      }
    }
    QVERIFY2(sawCreating, "the panel never saw the index CREATING");
    QCOMPARE(seen.back().status, QString("ACTIVE"));
  }
};

QTEST_MAIN(TestIndexDesigner)
#include "test_index_designer.moc"
