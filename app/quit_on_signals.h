// quitOnSignals: SIGINT and SIGTERM close the workbench the way closing its
// window does (window layout saved, endpoint stopped, engine closed) instead
// of killing it where it stands. Desktops send SIGTERM when a session ends;
// terminals send SIGINT on Ctrl+C.
//
// The signal handler only writes a byte to a socket pair; the GUI thread reads
// it through a QSocketNotifier and closes the windows there (the self-pipe
// pattern: nothing but write(2) runs inside the handler).
//
// Thread-safety: call once, on the GUI thread, after the QApplication exists.
#pragma once

namespace dynadesk::app {

void quitOnSignals();

}  // namespace dynadesk::app
