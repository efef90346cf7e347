// ReturnConsumedCapacity through the front door: the units each operation
// reports, the shape of TOTAL and INDEXES, index writes (one in place, two for
// a moved key), transactions (twice, split into read and write units), and
// failures that report nothing.
#include <QtTest>

#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

namespace {

Json keyAttr(const std::string& name, const std::string& type) {
  return {{"AttributeName", name}, {"AttributeType", type}};
}

// Music(Artist, SongTitle) with a GSI on Genre and an LSI on Year.
Json musicTable() {
  return Json{{"TableName", "Music"},
              {"KeySchema", Json::array({{{"AttributeName", "Artist"}, {"KeyType", "HASH"}},
                                         {{"AttributeName", "SongTitle"}, {"KeyType", "RANGE"}}})},
              {"AttributeDefinitions", Json::array({keyAttr("Artist", "S"), keyAttr("SongTitle", "S"),
                                                    keyAttr("Genre", "S"), keyAttr("Year", "N")})},
              {"GlobalSecondaryIndexes",
               Json::array({{{"IndexName", "ByGenre"},
                             {"KeySchema", Json::array({{{"AttributeName", "Genre"}, {"KeyType", "HASH"}}})},
                             {"Projection", {{"ProjectionType", "ALL"}}}}})},
              {"LocalSecondaryIndexes",
               Json::array({{{"IndexName", "ByYear"},
                             {"KeySchema", Json::array({{{"AttributeName", "Artist"}, {"KeyType", "HASH"}},
                                                        {{"AttributeName", "Year"}, {"KeyType", "RANGE"}}})},
                             {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}})},
              {"BillingMode", "PAY_PER_REQUEST"}};
}

Json simpleTable(const std::string& name) {
  return Json{{"TableName", name},
              {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
              {"AttributeDefinitions", Json::array({keyAttr("id", "S")})},
              {"BillingMode", "PAY_PER_REQUEST"}};
}

Json song(const std::string& artist, const std::string& title, std::size_t padding = 0) {
  Json item{{"Artist", S(artist)}, {"SongTitle", S(title)}};
  if (padding) item["Notes"] = S(std::string(padding, 'x'));
  return item;
}

Json withCapacity(Json request, const std::string& detail) {
  request["ReturnConsumedCapacity"] = detail;
  return request;
}

}  // namespace

class TestConsumedCapacity : public QObject {
  Q_OBJECT
 private slots:
  void singleItemWritesReportTheLargerImage() {
    TempEngine t;
    t.call("CreateTable", simpleTable("Items"));
    Json r = t.call("PutItem", withCapacity({{"TableName", "Items"}, {"Item", {{"id", S("a")}}}}, "TOTAL"));
    QCOMPARE(r["ConsumedCapacity"], Json({{"TableName", "Items"}, {"CapacityUnits", 1.0}}));
    // A 3 KB item, then shrunk to a few bytes: both writes cost 3 (the larger image).
    const Json big{{"id", S("b")}, {"Filler", S(std::string(3000, 'x'))}};
    r = t.call("PutItem", withCapacity({{"TableName", "Items"}, {"Item", big}}, "TOTAL"));
    QCOMPARE(r["ConsumedCapacity"]["CapacityUnits"], Json(3.0));
    r = t.call("UpdateItem", withCapacity({{"TableName", "Items"},
                                           {"Key", {{"id", S("b")}}},
                                           {"UpdateExpression", "REMOVE Filler"}},
                                          "TOTAL"));
    QVERIFY2(r.contains("ConsumedCapacity"), r.dump().c_str());
    QCOMPARE(r["ConsumedCapacity"]["CapacityUnits"], Json(3.0));
    r = t.call("UpdateItem", withCapacity({{"TableName", "Items"},
                                           {"Key", {{"id", S("b")}}},
                                           {"UpdateExpression", "SET n = :n"},
                                           {"ExpressionAttributeValues", {{":n", N("1")}}}},
                                          "TOTAL"));
    QCOMPARE(r["ConsumedCapacity"]["CapacityUnits"], Json(1.0));
    // Deleting an item that is not there still writes once.
    r = t.call("DeleteItem", withCapacity({{"TableName", "Items"}, {"Key", {{"id", S("zz")}}}}, "TOTAL"));
    QCOMPARE(r["ConsumedCapacity"]["CapacityUnits"], Json(1.0));
    // NONE and absent: no ConsumedCapacity.
    r = t.call("PutItem", withCapacity({{"TableName", "Items"}, {"Item", {{"id", S("c")}}}}, "NONE"));
    QVERIFY(!r.contains("ConsumedCapacity"));
    r = t.call("PutItem", {{"TableName", "Items"}, {"Item", {{"id", S("c")}}}});
    QVERIFY(!r.contains("ConsumedCapacity"));
  }

  void aRefusedConditionReportsNoCapacity() {
    TempEngine t;
    t.call("CreateTable", simpleTable("Items"));
    t.call("PutItem", {{"TableName", "Items"}, {"Item", {{"id", S("a")}}}});
    Json r = t.call("PutItem", withCapacity({{"TableName", "Items"},
                                             {"Item", {{"id", S("a")}}},
                                             {"ConditionExpression", "attribute_not_exists(id)"}},
                                            "TOTAL"));
    QCOMPARE(TempEngine::errorType(r), std::string("ConditionalCheckFailedException"));
    QVERIFY(!r.contains("ConsumedCapacity"));
  }

  void readsHalveWhenEventuallyConsistent() {
    TempEngine t;
    t.call("CreateTable", simpleTable("Items"));
    t.call("PutItem", {{"TableName", "Items"}, {"Item", {{"id", S("a")}, {"Filler", S(std::string(5000, 'x'))}}}});
    Json r = t.call("GetItem", withCapacity({{"TableName", "Items"}, {"Key", {{"id", S("a")}}}}, "TOTAL"));
    QCOMPARE(r["ConsumedCapacity"], Json({{"TableName", "Items"}, {"CapacityUnits", 1.0}}));
    r = t.call("GetItem", withCapacity({{"TableName", "Items"}, {"Key", {{"id", S("a")}}}, {"ConsistentRead", true}},
                                       "INDEXES"));
    QCOMPARE(r["ConsumedCapacity"],
             Json({{"TableName", "Items"}, {"CapacityUnits", 2.0}, {"Table", {{"CapacityUnits", 2.0}}}}));
    r = t.call("GetItem", withCapacity({{"TableName", "Items"}, {"Key", {{"id", S("none")}}}}, "TOTAL"));
    QCOMPARE(r["ConsumedCapacity"]["CapacityUnits"], Json(0.5));
    // The text answer path carries the same.
    auto text = t.engine().call("GetItem",
                                std::string_view(R"({"TableName":"Items","Key":{"id":{"S":"none"}},"ReturnConsumedCapacity":"TOTAL"})"));
    QVERIFY(text.isOk());
    QCOMPARE(Json::parse(*text), Json({{"ConsumedCapacity", {{"TableName", "Items"}, {"CapacityUnits", 0.5}}}}));
  }

  void queryAndScanRoundThePageOnce() {
    TempEngine t;
    t.call("CreateTable", musicTable());
    for (int i = 0; i < 10; ++i) {
      t.call("PutItem", {{"TableName", "Music"}, {"Item", song("Acme", "Song " + std::to_string(i))}});
    }
    const Json query{{"TableName", "Music"},
                     {"KeyConditionExpression", "Artist = :a"},
                     {"ExpressionAttributeValues", {{":a", S("Acme")}}},
                     {"ReturnConsumedCapacity", "TOTAL"}};
    Json r = t.call("Query", query);
    QCOMPARE(r["Count"], Json(10));
    QCOMPARE(r["ConsumedCapacity"], Json({{"TableName", "Music"}, {"CapacityUnits", 0.5}}));
    Json strong = query;
    strong["ConsistentRead"] = true;
    QCOMPARE(t.call("Query", strong)["ConsumedCapacity"]["CapacityUnits"], Json(1.0));
    // Filtered-out items were still read.
    Json filtered = query;
    filtered["FilterExpression"] = "attribute_exists(Nothing)";
    r = t.call("Query", filtered);
    QCOMPARE(r["Count"], Json(0));
    QCOMPARE(r["ConsumedCapacity"]["CapacityUnits"], Json(0.5));
    // Scan over 10 items of ~1.5 KB: 15 KB, 4 units strongly consistent.
    for (int i = 0; i < 10; ++i) {
      t.call("PutItem", {{"TableName", "Music"}, {"Item", song("Big", "Song " + std::to_string(i), 1500)}});
    }
    auto text = t.engine().call(
        "Scan", std::string_view(R"({"TableName":"Music","ConsistentRead":true,"ReturnConsumedCapacity":"TOTAL",)"
                            R"("FilterExpression":"Artist = :a","ExpressionAttributeValues":{":a":{"S":"Big"}}})"));
    QVERIFY(text.isOk());
    const Json scanned = Json::parse(*text);
    QCOMPARE(scanned["ScannedCount"], Json(20));
    // Names and values: Artist, SongTitle ("Song n") and, for the big ones, Notes.
    const int bytes = 10 * (6 + 3 + 9 + 6 + 5 + 1500) + 10 * (6 + 4 + 9 + 6);
    QCOMPARE(bytes, 15540);
    QCOMPARE(scanned["ConsumedCapacity"]["CapacityUnits"], Json(4.0));
  }

  void indexReadsAreChargedToTheIndex() {
    TempEngine t;
    t.call("CreateTable", musicTable());
    Json item = song("Acme", "One");
    item["Genre"] = S("Rock");
    item["Year"] = N("1999");
    t.call("PutItem", {{"TableName", "Music"}, {"Item", item}});
    Json r = t.call("Query", {{"TableName", "Music"},
                              {"IndexName", "ByGenre"},
                              {"KeyConditionExpression", "Genre = :g"},
                              {"ExpressionAttributeValues", {{":g", S("Rock")}}},
                              {"ReturnConsumedCapacity", "INDEXES"}});
    QCOMPARE(r["ConsumedCapacity"], Json({{"TableName", "Music"},
                                          {"CapacityUnits", 0.5},
                                          {"Table", {{"CapacityUnits", 0.0}}},
                                          {"GlobalSecondaryIndexes", {{"ByGenre", {{"CapacityUnits", 0.5}}}}}}));
    // A local index fetching an unprojected attribute also reads the table.
    r = t.call("Query", {{"TableName", "Music"},
                         {"IndexName", "ByYear"},
                         {"KeyConditionExpression", "Artist = :a"},
                         {"ExpressionAttributeValues", {{":a", S("Acme")}}},
                         {"ProjectionExpression", "Genre"},
                         {"ReturnConsumedCapacity", "INDEXES"}});
    QCOMPARE(r["ConsumedCapacity"], Json({{"TableName", "Music"},
                                          {"CapacityUnits", 1.0},
                                          {"Table", {{"CapacityUnits", 0.5}}},
                                          {"LocalSecondaryIndexes", {{"ByYear", {{"CapacityUnits", 0.5}}}}}}));
  }

  void indexWritesAreOneInPlaceAndTwoWhenTheKeyMoves() {
    TempEngine t;
    t.call("CreateTable", musicTable());
    Json item = song("Acme", "One");
    item["Genre"] = S("Rock");
    Json r = t.call("PutItem", withCapacity({{"TableName", "Music"}, {"Item", item}}, "INDEXES"));
    QCOMPARE(r["ConsumedCapacity"], Json({{"TableName", "Music"},
                                          {"CapacityUnits", 2.0},
                                          {"Table", {{"CapacityUnits", 1.0}}},
                                          {"GlobalSecondaryIndexes", {{"ByGenre", {{"CapacityUnits", 1.0}}}}}}));
    // TOTAL folds the index writes in.
    item["Plays"] = N("1");
    r = t.call("PutItem", withCapacity({{"TableName", "Music"}, {"Item", item}}, "TOTAL"));
    QCOMPARE(r["ConsumedCapacity"], Json({{"TableName", "Music"}, {"CapacityUnits", 2.0}}));
    // Moving the index key: a delete and a put in the index.
    r = t.call("UpdateItem", withCapacity({{"TableName", "Music"},
                                           {"Key", {{"Artist", S("Acme")}, {"SongTitle", S("One")}}},
                                           {"UpdateExpression", "SET Genre = :g, #y = :y"},
                                           {"ExpressionAttributeNames", {{"#y", "Year"}}},
                                           {"ExpressionAttributeValues", {{":g", S("Jazz")}, {":y", N("2001")}}}},
                                          "INDEXES"));
    QCOMPARE(r["ConsumedCapacity"], Json({{"TableName", "Music"},
                                          {"CapacityUnits", 4.0},
                                          {"Table", {{"CapacityUnits", 1.0}}},
                                          {"GlobalSecondaryIndexes", {{"ByGenre", {{"CapacityUnits", 2.0}}}}},
                                          {"LocalSecondaryIndexes", {{"ByYear", {{"CapacityUnits", 1.0}}}}}}));
    // An item outside every index (sparse) writes only the table.
    r = t.call("PutItem", withCapacity({{"TableName", "Music"}, {"Item", song("Acme", "Two")}}, "INDEXES"));
    QCOMPARE(r["ConsumedCapacity"],
             Json({{"TableName", "Music"}, {"CapacityUnits", 1.0}, {"Table", {{"CapacityUnits", 1.0}}}}));
  }

  void batchesReportOneEntryPerTable() {
    TempEngine t;
    t.call("CreateTable", simpleTable("Aaa"));
    t.call("CreateTable", simpleTable("Bbb"));
    Json r = t.call("BatchWriteItem",
                    {{"RequestItems",
                      {{"Aaa", Json::array({{{"PutRequest", {{"Item", {{"id", S("1")}}}}}},
                                          {{"PutRequest", {{"Item", {{"id", S("2")}, {"Filler", S(std::string(2000, 'x'))}}}}}}})},
                       {"Bbb", Json::array({{{"DeleteRequest", {{"Key", {{"id", S("1")}}}}}}})}}},
                     {"ReturnConsumedCapacity", "TOTAL"}});
    QVERIFY2(r.contains("ConsumedCapacity"), r.dump().c_str());
    QCOMPARE(r["ConsumedCapacity"], Json::array({{{"TableName", "Aaa"}, {"CapacityUnits", 3.0}},
                                                 {{"TableName", "Bbb"}, {"CapacityUnits", 1.0}}}));
    r = t.call("BatchGetItem", {{"RequestItems",
                                 {{"Aaa", {{"Keys", Json::array({{{"id", S("1")}}, {{"id", S("2")}}, {{"id", S("3")}}})}}}}},
                                {"ReturnConsumedCapacity", "TOTAL"}});
    // Each key alone, eventually consistent: 0.5 + 0.5 + 0.5 (missing).
    QCOMPARE(r["ConsumedCapacity"], Json::array({{{"TableName", "Aaa"}, {"CapacityUnits", 1.5}}}));
  }

  void transactionsCostTwiceAndSplitReadsFromWrites() {
    TempEngine t;
    t.call("CreateTable", simpleTable("Aaa"));
    t.call("PutItem", {{"TableName", "Aaa"}, {"Item", {{"id", S("checked")}}}});
    const Json items = Json::array(
        {{{"Put", {{"TableName", "Aaa"}, {"Item", {{"id", S("1")}}}}}},
         {{"Put", {{"TableName", "Aaa"}, {"Item", {{"id", S("2")}, {"Filler", S(std::string(1500, 'x'))}}}}}},
         {{"ConditionCheck",
           {{"TableName", "Aaa"}, {"Key", {{"id", S("checked")}}}, {"ConditionExpression", "attribute_exists(id)"}}}}});
    Json request{{"TransactItems", items}, {"ReturnConsumedCapacity", "INDEXES"}, {"ClientRequestToken", "tok-1"}};
    Json r = t.call("TransactWriteItems", request);
    QVERIFY2(r.contains("ConsumedCapacity"), r.dump().c_str());
    QCOMPARE(r["ConsumedCapacity"],
             Json::array({{{"TableName", "Aaa"},
                           {"CapacityUnits", 8.0},
                           {"WriteCapacityUnits", 8.0},
                           {"Table", {{"CapacityUnits", 8.0}, {"WriteCapacityUnits", 8.0}}}}}));
    // The same token again: nothing written, each item read transactionally.
    r = t.call("TransactWriteItems", request);
    QCOMPARE(r["ConsumedCapacity"],
             Json::array({{{"TableName", "Aaa"},
                           {"CapacityUnits", 6.0},
                           {"ReadCapacityUnits", 6.0},
                           {"Table", {{"CapacityUnits", 6.0}, {"ReadCapacityUnits", 6.0}}}}}));
    r = t.call("TransactGetItems",
               {{"TransactItems", Json::array({{{"Get", {{"TableName", "Aaa"}, {"Key", {{"id", S("1")}}}}}},
                                               {{"Get", {{"TableName", "Aaa"}, {"Key", {{"id", S("missing")}}}}}}})},
                {"ReturnConsumedCapacity", "TOTAL"}});
    QCOMPARE(r["ConsumedCapacity"],
             Json::array({{{"TableName", "Aaa"}, {"CapacityUnits", 4.0}, {"ReadCapacityUnits", 4.0}}}));
  }
};

QTEST_APPLESS_MAIN(TestConsumedCapacity)
#include "test_consumed_capacity.moc"
