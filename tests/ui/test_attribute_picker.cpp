// The included-attributes picker on its own: names chosen in order and once
// each, keys never offered nor taken, a typed name added and chosen, typed
// names removable and the dialog's not, the popup's check boxes, and a
// button text that says what is chosen.
#include <QSignalSpy>
#include <QtTest>

#include "widgets/attribute_picker.h"

using namespace dynadesk::ui;

namespace {

QListWidgetItem* row(AttributePickerPopup* popup, const QString& name) {
  const auto found = popup->list()->findItems(name, Qt::MatchExactly);
  return found.isEmpty() ? nullptr : found.first();
}

QStringList listed(AttributePickerPopup* popup) {
  QStringList names;
  for (int i = 0; i < popup->list()->count(); ++i) names << popup->list()->item(i)->text();
  return names;
}

}  // namespace

class TestAttributePicker : public QObject {
  Q_OBJECT
 private slots:
  void choosesEachNameOnceInOrder() {
    AttributePicker picker;
    QSignalSpy changed(&picker, &AttributePicker::chosenChanged);
    QCOMPARE(picker.text(), QString("Choose…"));
    picker.setChosen({" Price ", "Album", "Price", "", "Album"});
    QCOMPARE(picker.chosen(), QStringList({"Price", "Album"}));
    QCOMPARE(changed.count(), 1);
    picker.setChosen({"Price", "Album"});  // no change, no signal
    QCOMPARE(changed.count(), 1);
    picker.show();
    picker.resize(400, 30);
    QCOMPARE(picker.text(), QString("Price, Album"));
    QVERIFY(picker.toolTip().contains("Price, Album"));
    // A narrow cell elides the names rather than growing.
    picker.resize(60, 30);
    QVERIFY(picker.text().endsWith(QChar(0x2026)));
  }

  void keysAreNeitherOfferedNorTaken() {
    AttributePicker picker;
    QSignalSpy changed(&picker, &AttributePicker::chosenChanged);
    picker.setCandidates({"genre", "Artist", "year", "Song"});
    picker.setAlwaysProjected({"Artist", "Song"});
    QCOMPARE(changed.count(), 0);  // the dialog calls these from its refresh
    QCOMPARE(picker.offered(), QStringList({"genre", "year"}));
    QVERIFY(picker.addName("Artist").contains("key"));
    QVERIFY(picker.chosen().isEmpty());
    QVERIFY(!picker.addName("   ").isEmpty());
    QVERIFY(!picker.addName(QString(256, 'a')).isEmpty());
    QVERIFY(picker.addName(QString(255, 'a')).isEmpty());
    QCOMPARE(changed.count(), 1);
  }

  void popupChoosesAddsAndRemoves() {
    AttributePicker picker;
    picker.setCandidates({"genre", "Artist", "year"});
    picker.setAlwaysProjected({"Artist"});
    picker.show();
    AttributePickerPopup* popup = picker.openPopup();
    QVERIFY(popup->isVisible());
    QCOMPARE(picker.openPopup(), popup);  // one popup at a time
    QCOMPARE(listed(popup), QStringList({"genre", "year"}));
    QVERIFY(popup->keysLabel()->text().contains("Artist"));

    // Tick a name: chosen, in the order ticked.
    QSignalSpy changed(&picker, &AttributePicker::chosenChanged);
    row(popup, "year")->setCheckState(Qt::Checked);
    row(popup, "genre")->setCheckState(Qt::Checked);
    QCOMPARE(picker.chosen(), QStringList({"year", "genre"}));
    QCOMPARE(changed.count(), 2);
    row(popup, "year")->setCheckState(Qt::Unchecked);
    QCOMPARE(picker.chosen(), QStringList({"genre"}));

    // Type a new name: listed, checked and chosen.
    QVERIFY(!popup->addButton()->isEnabled());
    QTest::keyClicks(popup->nameEdit(), "Price");
    QVERIFY(popup->addButton()->isEnabled());
    QTest::mouseClick(popup->addButton(), Qt::LeftButton);
    QCOMPARE(picker.chosen(), QStringList({"genre", "Price"}));
    QCOMPARE(listed(popup), QStringList({"genre", "Price", "year"}));
    QCOMPARE(row(popup, "Price")->checkState(), Qt::Checked);
    QVERIFY(popup->nameEdit()->text().isEmpty());
    QVERIFY(popup->hintLabel()->text().isEmpty());
    QVERIFY(!popup->hintLabel()->isVisible());

    // The same name again (Return adds too): still once.
    QTest::keyClicks(popup->nameEdit(), "Price");
    QTest::keyClick(popup->nameEdit(), Qt::Key_Return);
    QCOMPARE(picker.chosen(), QStringList({"genre", "Price"}));
    QCOMPARE(listed(popup).count("Price"), 1);

    // A key is refused in words, and nothing changes.
    QTest::keyClicks(popup->nameEdit(), "Artist");
    QTest::mouseClick(popup->addButton(), Qt::LeftButton);
    QVERIFY(popup->hintLabel()->text().contains("key"));
    QVERIFY(popup->hintLabel()->isVisible());
    QCOMPARE(popup->nameEdit()->text(), QString("Artist"));
    QCOMPARE(picker.chosen(), QStringList({"genre", "Price"}));

    // Typed names can be removed; the dialog's cannot.
    popup->list()->setCurrentItem(row(popup, "genre"));
    QVERIFY(!popup->removeButton()->isEnabled());
    popup->list()->setCurrentItem(row(popup, "Price"));
    QVERIFY(popup->removeButton()->isEnabled());
    QTest::mouseClick(popup->removeButton(), Qt::LeftButton);
    QCOMPARE(picker.chosen(), QStringList({"genre"}));
    QCOMPARE(listed(popup), QStringList({"genre", "year"}));

    // Names the dialog learns about later show up in the open popup.
    picker.setCandidates({"genre", "Artist", "year", "expiresAt"});
    QCOMPARE(listed(popup), QStringList({"expiresAt", "genre", "year"}));
    QCOMPARE(row(popup, "genre")->checkState(), Qt::Checked);
  }

  void namesHandedInStayWhenUnchecked() {
    AttributePicker picker;
    picker.setChosen({"Album"});  // e.g. from a design the dialog was given
    QCOMPARE(picker.offered(), QStringList({"Album"}));
    picker.setNameChosen("Album", false);
    QCOMPARE(picker.offered(), QStringList({"Album"}));
    QVERIFY(picker.canRemove("Album"));
  }

  void disablingClosesThePopup() {
    AttributePicker picker;
    picker.show();
    QPointer<AttributePickerPopup> popup = picker.openPopup();
    picker.setEnabled(false);
    QTRY_VERIFY(popup.isNull());  // closed and deleted
  }
};

QTEST_MAIN(TestAttributePicker)
#include "test_attribute_picker.moc"
