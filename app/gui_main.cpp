// dynadesk: the desktop workbench. It opens the embedded engine on the data
// folder, serves DynamoDB's HTTP API from inside the app (so a user's own
// programs share the engine and the workbench shows their traffic live), and
// shows the main window.
//
// Options are dynadesk-server's: --host, --port, --data-dir, --version, --help.
// If the endpoint cannot start (say the port is taken) the workbench still
// opens, and says so in the status bar. SIGINT and SIGTERM close it as closing
// its window does (quit_on_signals.h).
#include <iostream>

#include <QApplication>
#include <QMessageBox>

#include "bridge/engine_bridge.h"
#include "client/local_client.h"
#include "client/request_runner.h"
#include "command_line.h"
#include "dynadesk/engine.h"
#include "dynadesk/http_server.h"
#include "quit_on_signals.h"
#include "server_options.h"
#include "settings/workbench_settings.h"
#include "widgets/main_window.h"

int main(int argc, char** argv) {
  // --help and --version answer before QApplication exists, as it needs a
  // display. Arguments this cannot parse (Qt's own, such as -platform) are
  // parsed again below, once QApplication has taken its options out.
  {
    auto early = dynadesk::app::parseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
    if (early.error.empty() && early.options.showHelp) {
      std::cout << dynadesk::app::usageText("dynadesk");
      return 0;
    }
    if (early.error.empty() && early.options.showVersion) {
      std::cout << "dynadesk " << dynadesk::version() << "\n";
      return 0;
    }
  }

  QApplication app(argc, argv);
  QApplication::setApplicationName("Dynadesk");
  QApplication::setOrganizationName("Dynadesk");
  QApplication::setApplicationVersion(QString::fromUtf8(dynadesk::version().data(), static_cast<int>(dynadesk::version().size())));
  QApplication::setDesktopFileName("io.dynadesk.Dynadesk");

  std::vector<std::string> args;
  for (const QString& a : QApplication::arguments().mid(1)) args.push_back(a.toStdString());
  auto parsed = dynadesk::app::parseCommandLine(args);
  if (!parsed.error.empty()) {
    std::cerr << "dynadesk: " << parsed.error << "\n";
    return 2;
  }
  auto& options = parsed.options;
  if (options.showHelp) {
    std::cout << dynadesk::app::usageText("dynadesk");
    return 0;
  }
  if (options.showVersion) {
    std::cout << "dynadesk " << dynadesk::version() << "\n";
    return 0;
  }
  if (options.dataDir.empty()) options.dataDir = dynadesk::app::defaultDataDir();
  // --verify-signatures and --cors-origin apply to the built-in endpoint too.
  auto serverOptions = dynadesk::app::serverOptionsFrom(options);
  if (!serverOptions) {
    std::cerr << "dynadesk: " << serverOptions.status().message() << "\n";
    return 2;
  }

  const dynadesk::EngineOptions engineOptions = dynadesk::app::engineOptionsFrom(options);
  auto engine = dynadesk::Engine::open(engineOptions);
  if (!engine) {
    QMessageBox::critical(nullptr, QObject::tr("Dynadesk"),
                          QObject::tr("Dynadesk cannot open its data folder %1.\n\n%2")
                              .arg(QString::fromStdString(options.dataDir),
                                   QString::fromStdString(engine.status().message())));
    return 1;
  }

  dynadesk::ui::LocalClient client(**engine);
  dynadesk::ui::RequestRunner runner(client);
  dynadesk::ui::EngineBridge bridge(client);
  dynadesk::ui::WorkbenchSettings settings;
  dynadesk::ui::MainWindow window(runner, &bridge, settings);
  // "The last hour" of metrics and alarms is the engine's hour, which
  // --clock-offset-file may move away from the wall clock.
  std::shared_ptr<const dynadesk::Clock> engineClock = engineOptions.clock;
  if (!engineClock) engineClock = std::make_shared<dynadesk::SystemClock>();
  window.setEngineClock([engineClock] { return engineClock->nowMillis(); });

  auto server = dynadesk::server::HttpServer::start(**engine, *serverOptions);
  if (server) {
    window.endpointStatus()->setEndpoint(QString::fromStdString((*server)->url()));
  } else {
    window.endpointStatus()->setEndpointError(
        QObject::tr("Endpoint off: %1").arg(QString::fromStdString(server.status().message())));
  }
  window.show();
  dynadesk::app::quitOnSignals();
  const int code = QApplication::exec();
  if (server) (*server)->stop();  // before the engine it serves goes away
  runner.waitForIdle();
  return code;
}
