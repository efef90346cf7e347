// ConnectionTreeModel under QAbstractItemModelTester: tables sorted, updated
// in place, removed, indexes as children, selection survives neighbours.
#include <QAbstractItemModelTester>
#include <QtTest>

#include "models/connection_tree_model.h"

using namespace dynadesk::ui;

class TestConnectionTreeModel : public QObject {
  Q_OBJECT
 private slots:
  void tablesAndIndexes() {
    ConnectionTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int conn = model.addConnection("Local engine", "/tmp/data");
    model.setTables(conn, {{"Music", "ACTIVE", 3, 120, {{"GenreIndex", "GSI", "ACTIVE"}}}, {"Alpha", "ACTIVE", 0, 0, {}}});
    const QModelIndex c = model.connectionIndex(conn);
    QCOMPARE(model.rowCount(c), 2);
    QCOMPARE(model.index(0, 0, c).data().toString(), QString("Alpha"));
    const QModelIndex music = model.tableIndex(conn, "Music");
    QCOMPARE(music.row(), 1);
    QCOMPARE(music.data(ConnectionTreeModel::ItemCountRole).toULongLong(), 3ull);
    QCOMPARE(model.rowCount(music), 1);
    QCOMPARE(model.index(0, 0, music).data().toString(), QString("GenreIndex"));
    QCOMPARE(model.index(0, 0, music).data(ConnectionTreeModel::TableNameRole).toString(), QString("Music"));

    QPersistentModelIndex selected(music);
    model.updateTable(conn, {"Beta", "ACTIVE", 0, 0, {}});
    QCOMPARE(selected.row(), 2);
    QCOMPARE(selected.data().toString(), QString("Music"));
    model.updateTable(conn, {"Music", "ACTIVE", 4, 160, {}});
    QCOMPARE(selected.data(ConnectionTreeModel::ItemCountRole).toULongLong(), 4ull);
    QCOMPARE(model.rowCount(selected), 0);
    model.removeTable(conn, "Alpha");
    QCOMPARE(selected.row(), 1);
    model.setTables(conn, {{"Music", "ACTIVE", 4, 160, {}}});
    QCOMPARE(model.rowCount(c), 1);
    QVERIFY(selected.isValid());
    model.setConnectionError(conn, "Connection refused");
    QCOMPARE(c.data(ConnectionTreeModel::StatusRole).toString(), QString("Connection refused"));
  }
};

QTEST_MAIN(TestConnectionTreeModel)
#include "test_connection_tree_model.moc"
