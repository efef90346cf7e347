// The item editor against a real engine: a new item is created through the
// form; an edited item is saved conditionally; when someone else changed it
// meanwhile the user is shown both versions and chooses; the JSON views
// switch without losing a type.
#include <QSignalSpy>
#include <QtTest>

#include "client/local_client.h"
#include "client/request_runner.h"
#include "dynadesk/attribute_json.h"
#include "temp_engine.h"
#include "widgets/item_editor_dialog.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

void createTable(TempEngine& t) {
  t.call("CreateTable", {{"TableName", "Notes"},
                         {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
                         {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})},
                         {"BillingMode", "PAY_PER_REQUEST"}});
}

Item parse(const Json& j) { return *itemFromJson(j); }

// The value cell of a top-level attribute, found by name (rows follow name order).
QModelIndex valueOf(AttributeTreeModel& form, const QString& name) {
  for (int r = 0; r < form.rowCount(); ++r) {
    if (form.index(r, 0).data().toString() == name) return form.index(r, AttributeTreeModel::ValueColumn);
  }
  return {};
}

}  // namespace

class TestItemEditorDialog : public QObject {
  Q_OBJECT
 private slots:
  void createsANewItemThroughTheForm() {
    TempEngine t;
    createTable(t);
    LocalClient client(t.engine());
    RequestRunner runner(client);
    ItemEditorDialog editor(runner, "Notes", Item{}, true);
    // The key attribute appears, typed, once the schema is read.
    QTRY_COMPARE(editor.form().rowCount(), 1);
    QCOMPARE(editor.form().index(0, 0).data().toString(), QString("id"));
    QVERIFY(editor.form().index(0, 0).data(Qt::FontRole).value<QFont>().bold());  // the key stands out
    QCOMPARE(editor.form().index(0, 0).data(Qt::ToolTipRole).toString(), QString("Partition key"));
    QVERIFY(!editor.saveButton()->isEnabled());  // empty key string
    QVERIFY(editor.problemLabel()->text().contains("empty string"));
    QVERIFY(editor.form().setData(editor.form().index(0, AttributeTreeModel::ValueColumn), "note-1"));
    const QModelIndex body = editor.form().addChild({});
    editor.form().setData(body, "body");
    editor.form().setData(body.siblingAtColumn(AttributeTreeModel::ValueColumn), "hello");
    QVERIFY(editor.saveButton()->isEnabled());
    QSignalSpy saved(&editor, &ItemEditorDialog::saved);
    QTest::mouseClick(editor.saveButton(), Qt::LeftButton);
    QTRY_COMPARE(saved.count(), 1);
    Json got = t.call("GetItem", {{"TableName", "Notes"}, {"Key", {{"id", S("note-1")}}}});
    QCOMPARE(got["Item"]["body"]["S"].get<std::string>(), std::string("hello"));

    // Creating it again: the key is taken, so the user is asked.
    ItemEditorDialog again(runner, "Notes", parse({{"id", S("note-1")}, {"body", S("other")}}), true);
    QSignalSpy conflict(&again, &ItemEditorDialog::conflict);
    QTRY_VERIFY(again.saveButton()->isEnabled());
    QTest::mouseClick(again.saveButton(), Qt::LeftButton);
    QTRY_COMPARE(conflict.count(), 1);
  }

  void aConcurrentChangeIsShownAndResolved() {
    TempEngine t;
    createTable(t);
    t.call("PutItem", {{"TableName", "Notes"}, {"Item", {{"id", S("n")}, {"v", N("1")}}}});
    LocalClient client(t.engine());
    RequestRunner runner(client);
    const Item loaded = parse({{"id", S("n")}, {"v", N("1")}});
    ItemEditorDialog editor(runner, "Notes", loaded, false);
    QTRY_VERIFY(editor.saveButton()->isEnabled());
    QVERIFY(editor.form().setData(valueOf(editor.form(), "v"), "2"));

    // Someone else changes the item meanwhile.
    t.call("PutItem", {{"TableName", "Notes"}, {"Item", {{"id", S("n")}, {"v", N("7")}, {"by", S("them")}}}});
    QSignalSpy conflict(&editor, &ItemEditorDialog::conflict);
    QTest::mouseClick(editor.saveButton(), Qt::LeftButton);
    QTRY_COMPARE(conflict.count(), 1);
    const auto theirs = conflict.at(0).at(1).value<std::optional<Item>>();
    QVERIFY(theirs.has_value());
    QCOMPARE(theirs->find("by")->second.asString(), std::string("them"));
    // Nothing was overwritten.
    QCOMPARE(t.call("GetItem", {{"TableName", "Notes"}, {"Key", {{"id", S("n")}}}})["Item"]["v"]["N"], "7");

    // Taking theirs shows their version; saving mine after that overwrites knowingly.
    editor.resolveConflict(ItemEditorDialog::Resolution::TakeTheirs);
    QCOMPARE(editor.form().item()->find("by")->second.asString(), std::string("them"));
    QVERIFY(editor.form().setData(valueOf(editor.form(), "v"), "8"));
    QSignalSpy saved(&editor, &ItemEditorDialog::saved);
    QTest::mouseClick(editor.saveButton(), Qt::LeftButton);
    QTRY_COMPARE(saved.count(), 1);
    Json now = t.call("GetItem", {{"TableName", "Notes"}, {"Key", {{"id", S("n")}}}});
    QCOMPARE(now["Item"]["v"]["N"], "8");
    QCOMPARE(now["Item"]["by"]["S"], "them");
  }

  void jsonViewsKeepTypes() {
    TempEngine t;
    createTable(t);
    LocalClient client(t.engine());
    RequestRunner runner(client);
    const Item item = parse({{"id", S("x")},
                             {"set", {{"SS", {"a", "b"}}}},
                             {"bin", {{"B", "AAE="}}},
                             {"n", N("3.14159265358979323846264338327950288")}});
    ItemEditorDialog editor(runner, "Notes", item, false);
    QTRY_VERIFY(editor.saveButton()->isEnabled());
    editor.tabs()->setCurrentIndex(1);
    QVERIFY(editor.jsonEdit()->toPlainText().contains("\"SS\""));
    editor.setJsonView(true);
    QVERIFY(!editor.jsonEdit()->toPlainText().contains("\"SS\""));
    QVERIFY(editor.jsonEdit()->toPlainText().contains("3.14159265358979323846264338327950288"));
    // Edit in plain JSON, go back to the form: types survived.
    QString text = editor.jsonEdit()->toPlainText();
    text.replace("\"a\"", "\"c\"");
    editor.jsonEdit()->setPlainText(text);
    editor.tabs()->setCurrentIndex(0);
    auto back = editor.form().item();
    QVERIFY(back.isOk());
    QCOMPARE(back->find("set")->second.type(), AttrType::SS);
    QCOMPARE(back->find("bin")->second.type(), AttrType::B);
    QCOMPARE(back->find("set")->second.asStringSet(), (std::vector<std::string>{"b", "c"}));
    // Broken JSON keeps the user on the JSON tab with the reason.
    editor.tabs()->setCurrentIndex(1);
    editor.jsonEdit()->setPlainText("{ oops");
    editor.tabs()->setCurrentIndex(0);
    QCOMPARE(editor.tabs()->currentIndex(), 1);
    QVERIFY(editor.problemLabel()->text().contains("not valid JSON"));
    QVERIFY(!editor.saveButton()->isEnabled());
  }
};

QTEST_MAIN(TestItemEditorDialog)
#include "test_item_editor_dialog.moc"
