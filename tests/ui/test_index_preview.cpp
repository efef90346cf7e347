// The index preview's pure logic: which items a proposed global index holds
// (sparse items, wrong-typed, empty and over-long key values left out), the
// projected entries and DynamoDB's IndexSizeBytes formula (keys + projected
// attributes + 100 bytes), write units and write amplification per kind of
// write, and the UpdateTable request and plain-language problems of adding an
// index to a described table.
#include <QtTest>

#include "dynadesk/attribute_json.h"
#include "dynadesk/item_size.h"
#include "format/index_preview.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using Json = nlohmann::json;

namespace {

Item item(const Json& j) {
  auto r = itemFromJson(j);
  if (!r) qFatal("bad test item: %s", r.status().message().c_str());
  return *r;
}

TableKeys idKey() { return TableKeys{{"id", "S"}, std::nullopt}; }

IndexDesign genreIndex(const std::string& projection) {
  IndexDesign ix;
  ix.name = "GenreIndex";
  ix.partitionKey = {"genre", "S"};
  ix.projection = projection;
  return ix;
}

const WriteKindCost* row(const IndexPreview& p, const QString& startsWith) {
  for (const auto& w : p.amplification) {
    if (w.write.startsWith(startsWith)) return &w;
  }
  return nullptr;
}

Json describedMusic(bool provisioned) {
  Json t{{"TableName", "Music"},
         {"KeySchema", Json::array({{{"AttributeName", "Artist"}, {"KeyType", "HASH"}},
                                    {{"AttributeName", "SongTitle"}, {"KeyType", "RANGE"}}})},
         {"AttributeDefinitions", Json::array({{{"AttributeName", "Artist"}, {"AttributeType", "S"}},
                                              {{"AttributeName", "SongTitle"}, {"AttributeType", "S"}},
                                              {{"AttributeName", "Year"}, {"AttributeType", "N"}}})},
         {"LocalSecondaryIndexes",
          Json::array({{{"IndexName", "ByYear"},
                        {"KeySchema", Json::array({{{"AttributeName", "Artist"}, {"KeyType", "HASH"}},
                                                   {{"AttributeName", "Year"}, {"KeyType", "RANGE"}}})},
                        {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}})},
         {"ItemCount", 3}};
  if (provisioned) {
    t["ProvisionedThroughput"] = {{"ReadCapacityUnits", 7}, {"WriteCapacityUnits", 3}};
  } else {
    t["BillingModeSummary"] = {{"BillingMode", "PAY_PER_REQUEST"}};
  }
  return t;
}

}  // namespace

class TestIndexPreview : public QObject {
  Q_OBJECT
 private slots:
  void sparseAndMistypedItemsAreLeftOut() {
    const std::vector<Item> items = {
        item({{"id", {{"S", "a1"}}}, {"genre", {{"S", "rock"}}}, {"title", {{"S", "Song"}}}}),
        item({{"id", {{"S", "b2"}}}, {"title", {{"S", "No genre"}}}}),
        item({{"id", {{"S", "c3"}}}, {"genre", {{"N", "5"}}}}),
        item({{"id", {{"S", "d4"}}}, {"genre", {{"S", ""}}}}),
        item({{"id", {{"S", "e5"}}}, {"genre", {{"S", std::string(2049, 'x')}}}}),
        item({{"id", {{"S", "f6"}}}, {"genre", {{"S", std::string(2048, 'y')}}}}),
        item({{"id", {{"S", "g7"}}}, {"genre", {{"SS", {"rock", "pop"}}}}}),
    };
    const IndexDesign ix = genreIndex("KEYS_ONLY");
    QCOMPARE(indexExclusion(items[0], ix), IndexExclusion::None);
    QCOMPARE(indexExclusion(items[1], ix), IndexExclusion::MissingKey);
    QCOMPARE(indexExclusion(items[2], ix), IndexExclusion::WrongType);
    QCOMPARE(indexExclusion(items[3], ix), IndexExclusion::InvalidValue);
    QCOMPARE(indexExclusion(items[4], ix), IndexExclusion::InvalidValue);
    QCOMPARE(indexExclusion(items[5], ix), IndexExclusion::None);  // exactly at the 2048-byte limit
    QCOMPARE(indexExclusion(items[6], ix), IndexExclusion::WrongType);  // a set is never a key

    const IndexPreview p = previewIndex(items, idKey(), ix);
    QCOMPARE(p.itemsExamined, std::size_t(7));
    QCOMPARE(p.itemsIn, std::size_t(2));
    QCOMPARE(p.missingKey, std::size_t(1));
    QCOMPARE(p.wrongType, std::size_t(2));
    QCOMPARE(p.invalidValue, std::size_t(2));
    QCOMPARE(p.itemsLeftOut(), std::size_t(5));
    QCOMPARE(p.included, (std::vector<std::size_t>{0, 5}));
  }

  void sortKeyRulesAndTheOrderOfReasons() {
    IndexDesign ix = genreIndex("ALL");
    ix.sortKey = KeyDesign{"year", "N"};
    QCOMPARE(indexExclusion(item({{"id", {{"S", "1"}}}, {"genre", {{"S", "pop"}}}, {"year", {{"N", "1999"}}}}), ix),
             IndexExclusion::None);
    QCOMPARE(indexExclusion(item({{"id", {{"S", "1"}}}, {"genre", {{"S", "pop"}}}}), ix), IndexExclusion::MissingKey);
    QCOMPARE(indexExclusion(item({{"id", {{"S", "1"}}}, {"genre", {{"S", "pop"}}}, {"year", {{"S", "1999"}}}}), ix),
             IndexExclusion::WrongType);
    // Lacking one key and mistyping the other: the missing key is the reason given.
    QCOMPARE(indexExclusion(item({{"id", {{"S", "1"}}}, {"year", {{"S", "1999"}}}}), ix), IndexExclusion::MissingKey);
    // A sort key over 1024 bytes.
    ix.sortKey = KeyDesign{"title", "S"};
    QCOMPARE(indexExclusion(item({{"id", {{"S", "1"}}}, {"genre", {{"S", "pop"}}}, {"title", {{"S", std::string(1025, 't')}}}}), ix),
             IndexExclusion::InvalidValue);
    QCOMPARE(indexExclusion(item({{"id", {{"S", "1"}}}, {"genre", {{"S", "pop"}}}, {"title", {{"S", std::string(1024, 't')}}}}), ix),
             IndexExclusion::None);
    // An empty key name holds nothing.
    IndexDesign unnamed;
    QCOMPARE(indexExclusion(item({{"id", {{"S", "1"}}}}), unnamed), IndexExclusion::MissingKey);
  }

  void projectionsAndTheSizeFormula() {
    // id: 2+2, genre: 5+4, title: 5+4, plays: 5 + a number, tags: a list.
    const Item song = item({{"id", {{"S", "a1"}}},
                            {"genre", {{"S", "rock"}}},
                            {"title", {{"S", "Song"}}},
                            {"plays", {{"N", "12345"}}},
                            {"tags", {{"L", Json::array({{{"S", "x"}}})}}}});
    const TableKeys keys = idKey();

    const Item keysOnly = projectForIndex(song, keys, genreIndex("KEYS_ONLY"));
    QCOMPARE(keysOnly.size(), std::size_t(2));
    QVERIFY(keysOnly.contains("id") && keysOnly.contains("genre"));
    QCOMPARE(indexEntrySize(song, keys, genreIndex("KEYS_ONLY")), std::uint64_t(4 + 9 + 100));

    IndexDesign include = genreIndex("INCLUDE");
    include.nonKeyAttributes = {"title", "absent"};
    const Item included = projectForIndex(song, keys, include);
    QCOMPARE(included.size(), std::size_t(3));
    QVERIFY(included.contains("title") && !included.contains("absent") && !included.contains("plays"));
    QCOMPARE(indexEntrySize(song, keys, include), std::uint64_t(4 + 9 + 9 + 100));

    const Item all = projectForIndex(song, keys, genreIndex("ALL"));
    QVERIFY(all == song);
    QCOMPARE(indexEntrySize(song, keys, genreIndex("ALL")), std::uint64_t(itemSize(song) + 100));

    // The table's sort key is in every entry too.
    const TableKeys withSort{{"id", "S"}, KeyDesign{"title", "S"}};
    QCOMPARE(indexEntrySize(song, withSort, genreIndex("KEYS_ONLY")), std::uint64_t(4 + 9 + 9 + 100));

    // The preview sums entries of included items only.
    const std::vector<Item> items = {song, item({{"id", {{"S", "zz"}}}}), song};
    const IndexPreview p = previewIndex(items, keys, genreIndex("KEYS_ONLY"));
    QCOMPARE(p.sizeBytes, std::uint64_t(2 * 113));
    QCOMPARE(p.averageEntryBytes, 113.0);
  }

  void writeUnits() {
    QCOMPARE(writeUnitsFor(0), std::uint64_t(1));
    QCOMPARE(writeUnitsFor(1), std::uint64_t(1));
    QCOMPARE(writeUnitsFor(1024), std::uint64_t(1));
    QCOMPARE(writeUnitsFor(1025), std::uint64_t(2));
    QCOMPARE(writeUnitsFor(4096), std::uint64_t(4));
  }

  void writeAmplificationPerKindOfWrite() {
    // Two items: one of 1.5 KB (2 units in ALL, 1 in KEYS_ONLY), one small.
    const std::vector<Item> items = {
        item({{"id", {{"S", "a"}}}, {"genre", {{"S", "rock"}}}, {"blob", {{"S", std::string(1500, 'b')}}}}),
        item({{"id", {{"S", "b"}}}, {"genre", {{"S", "pop"}}}}),
        item({{"id", {{"S", "c"}}}}),
    };
    const IndexPreview all = previewIndex(items, idKey(), genreIndex("ALL"));
    QCOMPARE(all.backfillUnits, std::uint64_t(3));
    QCOMPARE(all.averageEntryUnits, 1.5);
    QCOMPARE(all.averageTableUnits, 1.5);
    const WriteKindCost* put = row(all, "Put a new item that has genre");
    QVERIFY(put);
    QCOMPARE(put->indexWrites, 1);
    QCOMPARE(put->units, 1.5);
    const WriteKindCost* change = row(all, "Change the value of genre");
    QVERIFY(change);
    QCOMPARE(change->indexWrites, 2);
    QCOMPARE(change->units, 3.0);
    const WriteKindCost* update = row(all, "Update an indexed item, keeping its genre");
    QVERIFY(update);
    QCOMPARE(update->indexWrites, 1);  // ALL holds every attribute
    const WriteKindCost* sparse = row(all, "Any write of an item without genre");
    QVERIFY(sparse);
    QCOMPARE(sparse->indexWrites, 0);
    QCOMPARE(sparse->units, 0.0);
    QVERIFY(row(all, "Delete an indexed item"));
    QCOMPARE(row(all, "Delete an indexed item")->indexWrites, 1);
    QCOMPARE(row(all, "Add genre")->indexWrites, 1);
    QCOMPARE(row(all, "Remove genre")->indexWrites, 1);

    const IndexPreview keysOnly = previewIndex(items, idKey(), genreIndex("KEYS_ONLY"));
    QCOMPARE(keysOnly.backfillUnits, std::uint64_t(2));
    QCOMPARE(keysOnly.averageEntryUnits, 1.0);
    // An update that keeps the index key changes nothing a KEYS_ONLY index holds.
    QCOMPARE(row(keysOnly, "Update an indexed item, keeping its genre")->indexWrites, 0);

    IndexDesign include = genreIndex("INCLUDE");
    include.nonKeyAttributes = {"blob"};
    const IndexPreview inc = previewIndex(items, idKey(), include);
    QCOMPARE(row(inc, "Update blob of an indexed item")->indexWrites, 1);
    QCOMPARE(row(inc, "Update other attributes of an indexed item")->indexWrites, 0);

    // Nothing in the index: a write still costs at least one unit.
    const IndexPreview none = previewIndex({items[2]}, idKey(), genreIndex("ALL"));
    QCOMPARE(none.itemsIn, std::size_t(0));
    QCOMPARE(none.sizeBytes, std::uint64_t(0));
    QCOMPARE(row(none, "Put a new item that has genre")->units, 1.0);
  }

  void theDescribedTableAndTheRequest() {
    const Json onDemand = describedMusic(false);
    const TableKeys keys = tableKeysOf(onDemand);
    QCOMPARE(keys.partitionKey.name, std::string("Artist"));
    QVERIFY(keys.sortKey && keys.sortKey->name == "SongTitle");
    const auto indexes = indexesOf(onDemand);
    QCOMPARE(indexes.size(), std::size_t(1));
    QVERIFY(!indexes[0].global);
    QCOMPARE(indexes[0].sortKey->type, std::string("N"));
    QCOMPARE(definedType(onDemand, "Year"), std::string("N"));
    QCOMPARE(definedType(onDemand, "Genre"), std::string());

    IndexDesign ix;
    ix.name = "GenreIndex";
    ix.partitionKey = {"Genre", "S"};
    ix.sortKey = KeyDesign{"Year", "N"};
    ix.projection = "INCLUDE";
    ix.nonKeyAttributes = {"AlbumTitle"};
    QVERIFY2(newIndexProblems(onDemand, ix).isEmpty(), qPrintable(newIndexProblems(onDemand, ix).join("; ")));
    const Json request = createIndexRequest(onDemand, ix);
    const Json expected = {
        {"TableName", "Music"},
        {"AttributeDefinitions", Json::array({{{"AttributeName", "Genre"}, {"AttributeType", "S"}},
                                              {{"AttributeName", "Year"}, {"AttributeType", "N"}}})},
        {"GlobalSecondaryIndexUpdates",
         Json::array({{{"Create",
                        {{"IndexName", "GenreIndex"},
                         {"KeySchema", Json::array({{{"AttributeName", "Genre"}, {"KeyType", "HASH"}},
                                                    {{"AttributeName", "Year"}, {"KeyType", "RANGE"}}})},
                         {"Projection", {{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", {"AlbumTitle"}}}}}}}})}};
    QCOMPARE(request, expected);

    // A provisioned table's index carries capacity; an on-demand one's does not.
    const Json provisioned = describedMusic(true);
    ix.readCapacity = 4;
    ix.writeCapacity = 2;
    QCOMPARE(createIndexRequest(provisioned, ix)["GlobalSecondaryIndexUpdates"][0]["Create"]["ProvisionedThroughput"],
             (Json{{"ReadCapacityUnits", 4}, {"WriteCapacityUnits", 2}}));
    QCOMPARE(tableDesignOf(provisioned).readCapacity, std::int64_t(7));
    ix.writeCapacity = 0;
    QVERIFY(newIndexProblems(provisioned, ix).join(" ").contains("provisioned"));

    QCOMPARE(deleteIndexRequest("Music", "GenreIndex"),
             (Json{{"TableName", "Music"},
                   {"GlobalSecondaryIndexUpdates", Json::array({{{"Delete", {{"IndexName", "GenreIndex"}}}}})}}));
  }

  void problemsInPlainWords() {
    const Json table = describedMusic(false);
    auto problemsOf = [&](const IndexDesign& ix) { return newIndexProblems(table, ix).join(" | "); };
    IndexDesign ix;
    ix.name = "GenreIndex";
    ix.partitionKey = {"Genre", "S"};
    QVERIFY(newIndexProblems(table, ix).isEmpty());

    IndexDesign noName = ix;
    noName.name.clear();
    QVERIFY(problemsOf(noName).contains("name"));
    IndexDesign shortName = ix;
    shortName.name = "ab";
    QVERIFY(problemsOf(shortName).contains("3 to 255"));
    IndexDesign badChars = ix;
    badChars.name = "genre index";
    QVERIFY(problemsOf(badChars).contains("3 to 255"));
    IndexDesign taken = ix;
    taken.name = "ByYear";
    QVERIFY(problemsOf(taken).contains("already has an index named"));
    IndexDesign noKey = ix;
    noKey.partitionKey.name.clear();
    QVERIFY(problemsOf(noKey).contains("partition key"));
    IndexDesign same = ix;
    same.sortKey = KeyDesign{"Genre", "S"};
    QVERIFY(problemsOf(same).contains("must be different"));
    IndexDesign retyped = ix;
    retyped.partitionKey = {"Year", "S"};
    QVERIFY(problemsOf(retyped).contains("with type N"));
    IndexDesign emptyInclude = ix;
    emptyInclude.projection = "INCLUDE";
    QVERIFY(problemsOf(emptyInclude).contains("INCLUDE needs at least one"));
    IndexDesign tooMany = ix;
    tooMany.projection = "INCLUDE";
    for (int i = 0; i < 21; ++i) tooMany.nonKeyAttributes.push_back("a" + std::to_string(i));
    QVERIFY(problemsOf(tooMany).contains("at most 20"));

    // Only one index is built or deleted at a time.
    Json busy = table;
    busy["GlobalSecondaryIndexes"] = Json::array({{{"IndexName", "Other"},
                                                   {"KeySchema", Json::array({{{"AttributeName", "Artist"}, {"KeyType", "HASH"}}})},
                                                   {"Projection", {{"ProjectionType", "ALL"}}},
                                                   {"IndexStatus", "CREATING"}}});
    QVERIFY(newIndexProblems(busy, ix).join(" ").contains("one index at a time"));

    // At most 20 global indexes.
    Json full = table;
    full["GlobalSecondaryIndexes"] = Json::array();
    for (int i = 0; i < 20; ++i) {
      full["GlobalSecondaryIndexes"].push_back({{"IndexName", "Index" + std::to_string(i)},
                                                {"KeySchema", Json::array({{{"AttributeName", "Artist"}, {"KeyType", "HASH"}}})},
                                                {"Projection", {{"ProjectionType", "KEYS_ONLY"}}},
                                                {"IndexStatus", "ACTIVE"}});
    }
    QVERIFY(newIndexProblems(full, ix).join(" ").contains("at most 20 global"));
  }
};

QTEST_APPLESS_MAIN(TestIndexPreview)
#include "test_index_preview.moc"
