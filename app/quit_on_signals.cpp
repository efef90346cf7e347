#include "quit_on_signals.h"

#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>

#include <QApplication>
#include <QSocketNotifier>

namespace dynadesk::app {

namespace {
int gSignalPair[2] = {-1, -1};  // [0] written by the handler, [1] read by the GUI thread

void onSignal(int) {
  const char byte = 1;
  [[maybe_unused]] ssize_t written = ::write(gSignalPair[0], &byte, 1);  // async-signal-safe
}
}  // namespace

void quitOnSignals() {
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, gSignalPair) != 0) {
    std::perror("dynadesk: cannot watch for SIGINT and SIGTERM");
    return;  // the default actions still stop the program
  }
  auto* notifier = new QSocketNotifier(gSignalPair[1], QSocketNotifier::Read, qApp);
  QObject::connect(notifier, &QSocketNotifier::activated, qApp, [] {
    char byte;
    [[maybe_unused]] ssize_t read = ::read(gSignalPair[1], &byte, 1);
    QApplication::closeAllWindows();  // the main window saves its layout as it closes
    QApplication::quit();             // even if a dialog refused to close
  });
  struct sigaction sa {};
  sa.sa_handler = onSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

}  // namespace dynadesk::app
