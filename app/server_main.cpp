// dynadesk-server: Dynadesk's engine without the GUI.
//
// It opens the engine on the data folder, serves DynamoDB's HTTP API on
// --host:--port until SIGINT or SIGTERM, then stops the endpoint (letting
// requests in flight finish) and closes the engine cleanly.
#include <csignal>
#include <cstdio>
#include <iostream>

#include "command_line.h"
#include "dynadesk/engine.h"
#include "dynadesk/http_server.h"
#include "server_options.h"

namespace {
volatile std::sig_atomic_t gStop = 0;
void onSignal(int) { gStop = 1; }
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = dynadesk::app::parseCommandLine(args);
  if (!parsed.error.empty()) {
    std::cerr << "dynadesk-server: " << parsed.error << "\n";
    return 2;
  }
  auto& options = parsed.options;
  if (options.showHelp) {
    std::cout << dynadesk::app::usageText("dynadesk-server");
    return 0;
  }
  if (options.showVersion) {
    std::cout << "dynadesk-server " << dynadesk::version() << "\n";
    return 0;
  }
  if (options.dataDir.empty()) options.dataDir = dynadesk::app::defaultDataDir();
  // Read before the data folder is opened: a wrong file is a usage error.
  auto serverOptions = dynadesk::app::serverOptionsFrom(options);
  if (!serverOptions) {
    std::cerr << "dynadesk-server: " << serverOptions.status().message() << "\n";
    return 2;
  }

  auto engine = dynadesk::Engine::open(dynadesk::app::engineOptionsFrom(options));
  if (!engine) {
    std::cerr << "dynadesk-server: cannot open the data folder: " << engine.status().message() << "\n";
    return 1;
  }

  // Block the stop signals and wait for them atomically with sigsuspend, so a
  // signal arriving between the check and the wait is never lost.
  struct sigaction sa {};
  sa.sa_handler = onSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  sigset_t stopSignals, waitMask;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  sigprocmask(SIG_BLOCK, &stopSignals, &waitMask);
  sigdelset(&waitMask, SIGINT);
  sigdelset(&waitMask, SIGTERM);

  // Started after the signals are blocked, so the server's threads inherit the
  // mask and SIGINT/SIGTERM always reach the sigsuspend below.
  auto server = dynadesk::server::HttpServer::start(**engine, *serverOptions);
  if (!server) {
    std::cerr << "dynadesk-server: cannot serve on " << options.host << ":" << options.port << ": "
              << server.status().message() << "\n";
    return 1;
  }
  if (serverOptions->verifySignatures) {
    std::cout << "Checking request signatures against " << serverOptions->accessKeys.size() << " access key"
              << (serverOptions->accessKeys.size() == 1 ? "" : "s") << " from " << options.credentialsFile << "\n";
  }
  for (const std::string& origin : serverOptions->corsOrigins) {
    std::cout << "Allowing browser calls from " << (origin == "*" ? "any origin" : origin) << "\n";
  }
  std::cout << "Dynadesk " << dynadesk::version() << " listening on " << (*server)->url()
            << " (data: " << options.dataDir << ")\n"
            << std::flush;
  while (!gStop) sigsuspend(&waitMask);
  (*server)->stop();  // before the engine it serves is destroyed
  std::cout << "Stopping; the data is safe on disk.\n";
  return 0;
}
