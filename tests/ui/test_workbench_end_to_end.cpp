// The workbench end to end, as a user meets it: the main window over a real
// engine with the endpoint running; a table created through the dialog; then a
// real HTTP client (Debian's boto3, in its own process) writes through the
// endpoint, and the open grid and the sidebar count follow without a refresh.
// An item added through the item editor shows in the grid too.
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include "bridge/engine_bridge.h"
#include "client/local_client.h"
#include "client/request_runner.h"
#include "dynadesk/http_server.h"
#include "settings/workbench_settings.h"
#include "temp_engine.h"
#include "widgets/alarms_panel.h"
#include "widgets/create_table_dialog.h"
#include "widgets/dashboard_panel.h"
#include "widgets/item_editor_dialog.h"
#include "widgets/main_window.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

class TestWorkbenchEndToEnd : public QObject {
  Q_OBJECT
 private slots:
  void createThroughDialogThenFollowExternalWrites() {
    TempEngine t;
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    QTemporaryDir settingsDir;
    WorkbenchSettings settings(settingsDir.filePath("settings.ini"));
    MainWindow window(runner, &bridge, settings);
    auto server = server::HttpServer::start(t.engine());
    QVERIFY(server.isOk());
    window.endpointStatus()->setEndpoint(QString::fromStdString((*server)->url()));
    window.show();

    // Create a table through the dialog.
    window.showCreateTable();
    auto* dialog = window.findChild<CreateTableDialog*>();
    QVERIFY(dialog);
    TableDesign d;
    d.name = "Tasks";
    d.partitionKey = {"id", "S"};
    dialog->setDesign(d);
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    QTRY_COMPARE(window.currentTable(), QString("Tasks"));
    QTRY_VERIFY(window.connections().tableIndex(0, "Tasks").isValid());
    auto& grid = window.itemBrowser()->model();
    QTRY_COMPARE(grid.table(), std::string("Tasks"));
    QTRY_VERIFY(grid.exhausted());
    QCOMPARE(grid.rowCount(), 0);

    // Add an item through the editor; it shows in the grid.
    window.showItemEditor("Tasks", Item{}, true);
    auto* editor = window.findChild<ItemEditorDialog*>();
    QVERIFY(editor);
    QTRY_COMPARE(editor->form().rowCount(), 1);
    QVERIFY(editor->form().setData(editor->form().index(0, AttributeTreeModel::ValueColumn), "by-hand"));
    const QModelIndex title = editor->form().addChild({});
    editor->form().setData(title, "title");
    editor->form().setData(title.siblingAtColumn(AttributeTreeModel::ValueColumn), "Written in the editor");
    QTRY_VERIFY(editor->saveButton()->isEnabled());
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_COMPARE(grid.rowCount(), 1);
    QCOMPARE(grid.itemAt(0).find("title")->second.asString(), std::string("Written in the editor"));

    // A user's script writes through the endpoint with boto3.
    QProcess script;
    script.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("AWS_ACCESS_KEY_ID", "anything");
    env.insert("AWS_SECRET_ACCESS_KEY", "anything");
    env.insert("AWS_DEFAULT_REGION", "us-east-1");
    script.setProcessEnvironment(env);
    const QString code = QStringLiteral(
        "import boto3, sys\n"
        "t = boto3.resource('dynamodb', endpoint_url=sys.argv[1]).Table('Tasks')\n"
        "for i in range(30):\n"
        "    t.put_item(Item={'id': 'task-%02d' % i, 'done': False, 'estimate': i})\n"
        "t.update_item(Key={'id': 'task-03'}, UpdateExpression='SET done = :d', ExpressionAttributeValues={':d': True})\n"
        "t.delete_item(Key={'id': 'task-04'})\n");
    script.start("/usr/bin/python3", {"-c", code, QString::fromStdString((*server)->url())});
    QVERIFY(script.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(script.state(), QProcess::NotRunning, 60000);
    QVERIFY2(script.exitCode() == 0, script.readAll().constData());

    QTRY_COMPARE(grid.rowCount(), 30);
    Item done;
    done.emplace("id", AttributeValue::string("task-03"));
    const int row = grid.rowOfKey(done);
    QVERIFY(row >= 0);
    QCOMPARE(grid.itemAt(row).find("done")->second.asBool(), true);
    Item gone;
    gone.emplace("id", AttributeValue::string("task-04"));
    QCOMPARE(grid.rowOfKey(gone), -1);
    QTRY_COMPARE(window.connections().tableIndex(0, "Tasks").data(ConnectionTreeModel::ItemCountRole).toULongLong(),
                 30ull);
    // The status bar counted the script's 32 calls, and none of the workbench's own.
    QTRY_COMPARE(window.endpointStatus()->httpCallsSeen(), quint64(32));
    (*server)->stop();
  }

  // The connection's page: View → Dashboard and View → Alarms (and clicking
  // the connection) show it; the dashboard's busiest table opens in the table
  // tabs, which include Metrics and Partitions; focus alone never navigates.
  void connectionPageAndTableTabs() {
    TempEngine t;
    const Json created = t.call("CreateTable", {{"TableName", "Logs"},
                                                {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
                                                {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})},
                                                {"BillingMode", "PAY_PER_REQUEST"}});
    QVERIFY2(TempEngine::errorType(created).empty(), created.dump().c_str());
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    QTemporaryDir settingsDir;
    WorkbenchSettings settings(settingsDir.filePath("settings.ini"));
    MainWindow window(runner, &bridge, settings);
    window.setEngineClock([&t] { return t.clock().nowMillis(); });
    window.show();
    QTRY_VERIFY(window.connections().tableIndex(0, "Logs").isValid());

    QStringList tabs;
    for (int i = 0; i < window.tableTabs()->count(); ++i) tabs << window.tableTabs()->tabText(i);
    QCOMPARE(tabs, QStringList({"Items", "Query", "Overview", "Indexes", "Capacity", "Metrics", "Partitions", "Stream"}));

    window.openTable("Logs");
    window.sidebar()->setFocus();
    QCoreApplication::processEvents();
    QCOMPARE(window.currentTable(), QString("Logs"));  // focus did not navigate away

    window.showAlarms();
    QVERIFY(window.connectionPage()->isVisible());
    QCOMPARE(window.connectionPage()->tabs()->currentWidget(), static_cast<QWidget*>(window.connectionPage()->alarms()));
    QVERIFY(window.currentTable().isEmpty());
    window.showDashboard();
    QCOMPARE(window.connectionPage()->tabs()->currentWidget(), static_cast<QWidget*>(window.connectionPage()->dashboard()));

    // The dashboard asks to open a table: the window does, without reading
    // it again (the tabs followed it live meanwhile).
    QSignalSpy reloads(&window.itemBrowser()->model(), &QAbstractItemModel::modelReset);
    emit window.connectionPage()->dashboard()->openTableRequested("Logs");
    QCOMPARE(window.currentTable(), QString("Logs"));
    QVERIFY(!window.connectionPage()->isVisible());
    QCoreApplication::processEvents();
    QCOMPARE(reloads.count(), 0);

    // Clicking the connection in the sidebar shows its page again.
    const QRect row = window.sidebar()->visualRect(window.connections().connectionIndex(0));
    QTest::mouseClick(window.sidebar()->viewport(), Qt::LeftButton, {}, row.center());
    QTRY_VERIFY(window.connectionPage()->isVisible());
  }
};

QTEST_MAIN(TestWorkbenchEndToEnd)
#include "test_workbench_end_to_end.moc"
