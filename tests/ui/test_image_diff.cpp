// ImageDiff: the difference of two images down to nested map keys, list
// elements and set members, with exact number comparison and type changes;
// and the one-line summary the stream tail shows.
#include <QtTest>

#include "dynadesk/attribute_json.h"
#include "format/image_diff.h"

using namespace dynadesk;
using namespace dynadesk::ui;

namespace {

Item item(const char* json) {
  auto r = itemFromJson(nlohmann::json::parse(json));
  if (!r) qFatal("bad test item: %s", r.status().message().c_str());
  return *r;
}

const ImageDiffLine* find(const std::vector<ImageDiffLine>& lines, const std::string& path, bool member = false,
                          const std::string& label = {}) {
  for (const auto& l : lines) {
    if (l.path == path && l.setMember == member && (label.empty() || l.label == label)) return &l;
  }
  return nullptr;
}

}  // namespace

class TestImageDiff : public QObject {
  Q_OBJECT
 private slots:
  void identicalImagesAreUnchanged() {
    const Item a = item(R"({"id":{"S":"1"},"n":{"N":"1.50"},"m":{"M":{"x":{"BOOL":true}}}})");
    const Item b = item(R"({"id":{"S":"1"},"n":{"N":"1.5"},"m":{"M":{"x":{"BOOL":true}}}})");
    const auto lines = diffImages(a, b);
    QCOMPARE(lines.size(), std::size_t(3));
    for (const auto& l : lines) QCOMPARE(l.kind, DiffKind::Unchanged);
    QVERIFY(summarizeDiff(lines).empty());
    QCOMPARE(diffSummaryText(summarizeDiff(lines)), QString("no change"));
  }

  void topLevelAddedRemovedChanged() {
    const auto lines = diffImages(item(R"({"id":{"S":"1"},"gone":{"S":"x"},"title":{"S":"Old"}})"),
                                  item(R"({"id":{"S":"1"},"fresh":{"N":"2"},"title":{"S":"New"}})"));
    QCOMPARE(lines.size(), std::size_t(4));
    QCOMPARE(find(lines, "gone")->kind, DiffKind::Removed);
    QVERIFY(!find(lines, "gone")->newValue);
    QCOMPARE(find(lines, "fresh")->kind, DiffKind::Added);
    QVERIFY(!find(lines, "fresh")->oldValue);
    const auto* title = find(lines, "title");
    QCOMPARE(title->kind, DiffKind::Changed);
    QCOMPARE(title->oldValue->asString(), std::string("Old"));
    QCOMPARE(title->newValue->asString(), std::string("New"));
    QCOMPARE(find(lines, "id")->kind, DiffKind::Unchanged);
    // Tree order: names sorted.
    QCOMPARE(lines[0].path, std::string("fresh"));
    QCOMPARE(lines[1].path, std::string("gone"));
    const auto s = summarizeDiff(lines);
    QCOMPARE(s.added, std::vector<std::string>{"fresh"});
    QCOMPARE(s.removed, std::vector<std::string>{"gone"});
    QCOMPARE(s.changed, std::vector<std::string>{"title"});
    QCOMPARE(diffSummaryText(s), QString("changed title · added fresh · removed gone"));
  }

  void nestedMapsDownToTheChangedKey() {
    const auto lines = diffImages(
        item(R"({"info":{"M":{"rating":{"N":"7"},"cast":{"M":{"lead":{"S":"Ann"},"extra":{"S":"Bo"}}}}}})"),
        item(R"({"info":{"M":{"rating":{"N":"8"},"cast":{"M":{"lead":{"S":"Ann"},"cameo":{"S":"Cy"}}}}}})"));
    const auto* info = find(lines, "info");
    QVERIFY(info);
    QCOMPARE(info->kind, DiffKind::Changed);
    QVERIFY(info->container);
    QCOMPARE(info->depth, 0);
    const auto* rating = find(lines, "info.rating");
    QVERIFY(rating);
    QCOMPARE(rating->kind, DiffKind::Changed);
    QCOMPARE(rating->depth, 1);
    QCOMPARE(rating->label, std::string("rating"));
    QCOMPARE(rating->oldValue->asNumber().toString(), std::string("7"));
    QCOMPARE(rating->newValue->asNumber().toString(), std::string("8"));
    QCOMPARE(find(lines, "info.cast.lead")->kind, DiffKind::Unchanged);
    QCOMPARE(find(lines, "info.cast.lead")->depth, 2);
    QCOMPARE(find(lines, "info.cast.extra")->kind, DiffKind::Removed);
    QCOMPARE(find(lines, "info.cast.cameo")->kind, DiffKind::Added);
    const auto s = summarizeDiff(lines);
    QCOMPARE(s.changed, std::vector<std::string>{"info.rating"});
    QCOMPARE(s.added, std::vector<std::string>{"info.cast.cameo"});
    QCOMPARE(s.removed, std::vector<std::string>{"info.cast.extra"});
  }

  void listsByPosition() {
    const auto lines = diffImages(
        item(R"({"tags":{"L":[{"S":"a"},{"S":"b"},{"M":{"k":{"N":"1"}}},{"S":"d"}]}})"),
        item(R"({"tags":{"L":[{"S":"a"},{"S":"B"},{"M":{"k":{"N":"2"}}}]}})"));
    QCOMPARE(find(lines, "tags")->kind, DiffKind::Changed);
    QCOMPARE(find(lines, "tags[0]")->kind, DiffKind::Unchanged);
    QCOMPARE(find(lines, "tags[1]")->kind, DiffKind::Changed);
    QCOMPARE(find(lines, "tags[1]")->label, std::string("[1]"));
    QCOMPARE(find(lines, "tags[2]")->kind, DiffKind::Changed);
    QVERIFY(find(lines, "tags[2]")->container);
    QCOMPARE(find(lines, "tags[2].k")->kind, DiffKind::Changed);
    QCOMPARE(find(lines, "tags[2].k")->depth, 2);
    QCOMPARE(find(lines, "tags[3]")->kind, DiffKind::Removed);
    QCOMPARE(summarizeDiff(lines).changed, (std::vector<std::string>{"tags[1]", "tags[2].k"}));
    // A list that grows.
    const auto grown = diffImages(item(R"({"l":{"L":[]}})"), item(R"({"l":{"L":[{"NULL":true}]}})"));
    QCOMPARE(find(grown, "l[0]")->kind, DiffKind::Added);
  }

  void setsByMember() {
    const auto lines = diffImages(item(R"({"ss":{"SS":["a","b","c"]},"ns":{"NS":["1","2.0"]},"bs":{"BS":["AQ=="]}})"),
                                  item(R"({"ss":{"SS":["c","b","z"]},"ns":{"NS":["2","1.00"]},"bs":{"BS":["Ag=="]}})"));
    // Number sets compare by value: {1, 2.0} == {2, 1.00}.
    QCOMPARE(find(lines, "ns")->kind, DiffKind::Unchanged);
    const auto* ss = find(lines, "ss");
    QCOMPARE(ss->kind, DiffKind::Changed);
    QVERIFY(ss->container);
    const auto* a = find(lines, "ss", true, "a");
    QVERIFY(a);
    QCOMPARE(a->kind, DiffKind::Removed);
    QCOMPARE(a->oldValue->asString(), std::string("a"));
    QCOMPARE(a->depth, 1);
    QCOMPARE(find(lines, "ss", true, "z")->kind, DiffKind::Added);
    QVERIFY(!find(lines, "ss", true, "b"));  // kept members are not listed
    QCOMPARE(find(lines, "bs", true, "AQ==")->kind, DiffKind::Removed);
    QCOMPARE(find(lines, "bs", true, "Ag==")->kind, DiffKind::Added);
    QCOMPARE(find(lines, "bs", true, "Ag==")->newValue->asBinary(), std::string("\x02"));
    QCOMPARE(summarizeDiff(lines).changed, (std::vector<std::string>{"bs", "ss"}));
  }

  void numbersWithThirtyEightDigits() {
    const auto lines = diffImages(
        item(R"({"big":{"N":"12345678901234567890123456789012345678"},"same":{"N":"9.9999999999999999999999999999999999999E+125"},"small":{"N":"0.1000"}})"),
        item(R"({"big":{"N":"12345678901234567890123456789012345679"},"same":{"N":"99999999999999999999999999999999999999E+88"},"small":{"N":"1E-1"}})"));
    const auto* big = find(lines, "big");
    QCOMPARE(big->kind, DiffKind::Changed);  // differs only in the 38th digit; a double would not see it
    QCOMPARE(big->oldValue->asNumber().toString(), std::string("12345678901234567890123456789012345678"));
    QCOMPARE(big->newValue->asNumber().toString(), std::string("12345678901234567890123456789012345679"));
    QCOMPARE(find(lines, "same")->kind, DiffKind::Unchanged);
    QCOMPARE(find(lines, "small")->kind, DiffKind::Unchanged);
  }

  void typeChangesAreChangedNotDescended() {
    const auto lines = diffImages(item(R"({"v":{"S":"5"},"m":{"M":{"a":{"S":"x"}}},"l":{"L":[{"S":"x"}]}})"),
                                  item(R"({"v":{"N":"5"},"m":{"L":[{"S":"x"}]},"l":{"SS":["x"]}})"));
    QCOMPARE(lines.size(), std::size_t(3));
    for (const auto& l : lines) {
      QCOMPARE(l.kind, DiffKind::Changed);
      QVERIFY(!l.container);
    }
    QCOMPARE(find(lines, "v")->oldValue->type(), AttrType::S);
    QCOMPARE(find(lines, "v")->newValue->type(), AttrType::N);
    QCOMPARE(find(lines, "m")->newValue->type(), AttrType::L);
  }

  void oddNamesAreQuotedInPaths() {
    const auto lines = diffImages(item(R"({"a.b":{"M":{"x[1]":{"N":"1"}}}})"), item(R"({"a.b":{"M":{"x[1]":{"N":"2"}}}})"));
    QVERIFY(find(lines, "`a.b`.`x[1]`"));
    QCOMPARE(find(lines, "`a.b`.`x[1]`")->label, std::string("x[1]"));
    QCOMPARE(pathStep("plain"), std::string("plain"));
  }

  void summaryIsShortened() {
    Item a, b;
    for (int i = 0; i < 60; ++i) b.emplace("attribute_" + std::to_string(100 + i), AttributeValue::boolean(true));
    const QString text = diffSummaryText(summarizeDiff(diffImages(a, b)), 80);
    QCOMPARE(text.size(), 80);
    QVERIFY(text.startsWith("added attribute_100, attribute_101"));
    QVERIFY(text.endsWith(QChar(0x2026)));
  }

  void emptyImages() {
    QVERIFY(diffImages({}, {}).empty());
    const auto inserted = diffImages({}, item(R"({"id":{"S":"1"}})"));
    QCOMPARE(inserted.size(), std::size_t(1));
    QCOMPARE(inserted[0].kind, DiffKind::Added);
  }
};

QTEST_GUILESS_MAIN(TestImageDiff)
#include "test_image_diff.moc"
