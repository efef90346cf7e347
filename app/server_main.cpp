// dynadesk-server: Dynadesk's engine without the GUI.
//
// It opens the engine on the data folder and keeps it open until SIGINT or
// SIGTERM, then closes it cleanly. The DynamoDB HTTP endpoint on --host and
// --port is added by the HTTP endpoint work; until then the options are
// accepted and checked so scripts and service units need no change later.
#include <csignal>
#include <cstdio>
#include <iostream>

#include "command_line.h"
#include "dynadesk/engine.h"

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

  dynadesk::EngineOptions engineOptions;
  engineOptions.dataDir = options.dataDir;
  auto engine = dynadesk::Engine::open(engineOptions);
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

  std::cout << "Dynadesk " << dynadesk::version() << ": engine open on " << options.dataDir << "\n"
            << "The DynamoDB HTTP endpoint (" << options.host << ":" << options.port
            << ") is not part of this build yet. Press Ctrl+C to stop.\n"
            << std::flush;
  while (!gStop) sigsuspend(&waitMask);
  std::cout << "Stopping; the data is safe on disk.\n";
  return 0;
}
