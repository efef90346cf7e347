// Command-line options shared by dynadesk-server and (later) the dynadesk GUI:
// --host, --port, --data-dir, --verify-signatures, --cors-origin, --version,
// --help.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace dynadesk::app {

struct CommandLine {
  std::string host = "127.0.0.1";
  int port = 8000;
  std::string dataDir;      // empty until resolved by defaultDataDir()
  std::string credentialsFile;           // --verify-signatures FILE; empty: signatures not checked
  std::vector<std::string> corsOrigins;  // --cors-origin, repeatable; checked by checkCorsOrigin()
  std::uint64_t itemCollectionLimit = 10ull << 30;  // --item-collection-limit BYTES (tables with LSIs)
  std::string clockOffsetFile;                      // --clock-offset-file FILE (tests); empty: the system clock
  bool throttling = true;                           // --no-throttling turns provisioned throttling off
  bool sync = true;                                 // --no-sync: commits do not wait for the disk
  std::string alarmCommand;                         // --alarm-command CMD; empty: no command
  std::string alarmLog;                             // --alarm-log FILE; empty: <data dir>/alarm-actions.log
  bool showVersion = false;
  bool showHelp = false;
};

struct ParseOutcome {
  CommandLine options;
  std::string error;        // plain-language message; empty when the arguments are fine
};

ParseOutcome parseCommandLine(const std::vector<std::string>& args);

// $XDG_DATA_HOME/dynadesk, or ~/.local/share/dynadesk when XDG_DATA_HOME is unset.
std::string defaultDataDir();

std::string usageText(const std::string& program);

}  // namespace dynadesk::app
