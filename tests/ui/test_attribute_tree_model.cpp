// The item editor's form model under QAbstractItemModelTester: every type
// round-trips exactly, attributes are added, renamed (no clashes), retyped and
// removed, sets stay sets, and problems come back in DynamoDB's words.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "dynadesk/attribute_json.h"
#include "models/attribute_tree_model.h"

using namespace dynadesk;
using namespace dynadesk::ui;

namespace {
Item parse(const char* json) { return *itemFromJson(nlohmann::json::parse(json)); }

const char* kEveryType = R"({
  "id": {"S": "a"},
  "big": {"N": "12345678901234567890123456789012345678"},
  "tiny": {"N": "0.0000000000000000000000000000000000001"},
  "bin": {"B": "AAEC/w=="},
  "flag": {"BOOL": true},
  "nothing": {"NULL": true},
  "tags": {"SS": ["x", "y"]},
  "scores": {"NS": ["1", "2.5"]},
  "blobs": {"BS": ["AQ==", "Ag=="]},
  "list": {"L": [{"S": "one"}, {"N": "2"}, {"M": {"deep": {"L": []}}}]},
  "map": {"M": {"k": {"S": "v"}, "empty": {"M": {}}}}
})";
}  // namespace

class TestAttributeTreeModel : public QObject {
  Q_OBJECT
 private slots:
  void everyTypeRoundTripsExactly() {
    AttributeTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Item item = parse(kEveryType);
    model.setItem(item);
    QCOMPARE(model.rowCount(), 11);
    auto back = model.item();
    QVERIFY(back.isOk());
    QVERIFY(*back == item);
    QVERIFY(!model.modified());
  }

  void editsAddRenameRetypeRemove() {
    AttributeTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setItem(parse(R"({"id": {"S": "a"}, "n": {"N": "1"}})"));
    QSignalSpy refused(&model, &AttributeTreeModel::editRefused);

    const QModelIndex added = model.addChild({});
    QCOMPARE(added.data().toString(), QString("newAttribute"));
    QVERIFY(!model.setData(added, "n"));  // clashes with an existing name
    QCOMPARE(refused.count(), 1);
    QVERIFY(model.setData(added, "tags"));
    QVERIFY(model.setData(added.siblingAtColumn(AttributeTreeModel::ValueColumn), "red"));
    // A scalar retyped to a set becomes a one-member set.
    QVERIFY(model.setData(added.siblingAtColumn(AttributeTreeModel::TypeColumn), "SS"));
    QCOMPARE(model.rowCount(added), 1);
    const QModelIndex member = model.addChild(added);
    QVERIFY(model.setData(member.siblingAtColumn(AttributeTreeModel::ValueColumn), "blue"));
    // Set members have no name and cannot be retyped on their own.
    QVERIFY(!(model.flags(member) & Qt::ItemIsEditable));
    QVERIFY(!(model.flags(member.siblingAtColumn(AttributeTreeModel::TypeColumn)) & Qt::ItemIsEditable));

    auto item = model.item();
    QVERIFY(item.isOk());
    QCOMPARE(item->find("tags")->second.asStringSet(), (std::vector<std::string>{"blue", "red"}));

    // A set retyped to a list keeps its members as elements, and back.
    QVERIFY(model.setData(added.siblingAtColumn(AttributeTreeModel::TypeColumn), "L"));
    item = model.item();
    QVERIFY(item.isOk());
    QCOMPARE(item->find("tags")->second.type(), AttrType::L);
    QCOMPARE(item->find("tags")->second.asList().size(), std::size_t(2));

    // Numbers keep every digit typed.
    const QModelIndex n = model.index(1, AttributeTreeModel::ValueColumn);
    QVERIFY(model.setData(n, "98765432109876543210987654321098765432"));
    item = model.item();
    QCOMPARE(item->find("n")->second.asNumber().toString(), std::string("98765432109876543210987654321098765432"));

    QVERIFY(model.removeAt(model.index(1, 0)));
    item = model.item();
    QVERIFY(!item->contains("n"));
    QVERIFY(model.modified());
  }

  void problemsInDynamoDBsWords() {
    AttributeTreeModel model;
    model.setItem(parse(R"({"id": {"S": "a"}, "n": {"N": "1"}, "s": {"SS": ["x"]}})"));
    QVERIFY(model.setData(model.index(0, AttributeTreeModel::ValueColumn).siblingAtRow(1), "12abc"));
    auto item = model.item();
    QVERIFY(!item.isOk());
    QCOMPARE(item.status().type(), ErrorType::ValidationException);
    QVERIFY(QString::fromStdString(item.status().message()).contains("numeric", Qt::CaseInsensitive) ||
            QString::fromStdString(item.status().message()).contains("number", Qt::CaseInsensitive));
    QVERIFY(model.setData(model.index(1, AttributeTreeModel::ValueColumn), "1"));
    // A duplicated set member.
    const QModelIndex set = model.index(2, 0);
    const QModelIndex member = model.addChild(set);
    QVERIFY(model.setData(member.siblingAtColumn(AttributeTreeModel::ValueColumn), "x"));
    item = model.item();
    QVERIFY(!item.isOk());
    QVERIFY(QString::fromStdString(item.status().message()).contains("duplicates"));
  }
};

QTEST_MAIN(TestAttributeTreeModel)
#include "test_attribute_tree_model.moc"
