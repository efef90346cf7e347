#include "command_line.h"

#include <cstdlib>

#include "dynadesk/http_server.h"

namespace dynadesk::app {

namespace {
bool parsePort(const std::string& s, int& port) {
  if (s.empty() || s.size() > 5) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v > 65535) return false;  // 0 asks the system for a free port
  port = v;
  return true;
}
}  // namespace

ParseOutcome parseCommandLine(const std::vector<std::string>& args) {
  ParseOutcome out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::string value;
    bool hasInlineValue = false;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      hasInlineValue = true;
    }
    auto takeValue = [&](const char* name) -> bool {
      if (hasInlineValue) return true;
      if (i + 1 >= args.size()) {
        out.error = std::string("Option ") + name + " needs a value.";
        return false;
      }
      value = args[++i];
      return true;
    };
    if (arg == "--help" || arg == "-h") {
      out.options.showHelp = true;
    } else if (arg == "--version") {
      out.options.showVersion = true;
    } else if (arg == "--host") {
      if (!takeValue("--host")) return out;
      if (value.empty()) {
        out.error = "Option --host needs a non-empty address.";
        return out;
      }
      out.options.host = value;
    } else if (arg == "--port") {
      if (!takeValue("--port")) return out;
      if (!parsePort(value, out.options.port)) {
        out.error = "Option --port needs a port number from 0 to 65535 (0 picks a free one), not '" + value + "'.";
        return out;
      }
    } else if (arg == "--data-dir") {
      if (!takeValue("--data-dir")) return out;
      if (value.empty()) {
        out.error = "Option --data-dir needs a folder.";
        return out;
      }
      out.options.dataDir = value;
    } else if (arg == "--verify-signatures") {
      if (!takeValue("--verify-signatures")) return out;
      if (value.empty()) {
        out.error = "Option --verify-signatures needs a credentials file (such as ~/.aws/credentials).";
        return out;
      }
      out.options.credentialsFile = value;
    } else if (arg == "--cors-origin") {
      if (!takeValue("--cors-origin")) return out;
      if (Status origin = server::checkCorsOrigin(value); !origin) {
        out.error = "Option --cors-origin: " + origin.message();
        return out;
      }
      out.options.corsOrigins.push_back(value);
    } else if (arg == "--clock-offset-file") {
      if (!takeValue("--clock-offset-file")) return out;
      if (value.empty()) {
        out.error = "Option --clock-offset-file needs a file.";
        return out;
      }
      out.options.clockOffsetFile = value;
    } else if (arg == "--alarm-command") {
      if (!takeValue("--alarm-command")) return out;
      if (value.empty()) {
        out.error = "Option --alarm-command needs a shell command.";
        return out;
      }
      out.options.alarmCommand = value;
    } else if (arg == "--alarm-log") {
      if (!takeValue("--alarm-log")) return out;
      if (value.empty()) {
        out.error = "Option --alarm-log needs a file.";
        return out;
      }
      out.options.alarmLog = value;
    } else if (arg == "--no-throttling") {
      out.options.throttling = false;
    } else if (arg == "--no-sync") {
      out.options.sync = false;
    } else if (arg == "--item-collection-limit") {
      if (!takeValue("--item-collection-limit")) return out;
      std::uint64_t bytes = 0;
      bool ok = !value.empty() && value.size() <= 15;
      for (char c : value) ok = ok && c >= '0' && c <= '9';
      if (ok) bytes = std::stoull(value);
      if (!ok || bytes == 0) {
        out.error = "Option --item-collection-limit needs a size in bytes greater than 0, not '" + value + "'.";
        return out;
      }
      out.options.itemCollectionLimit = bytes;
    } else {
      out.error = "Unknown option '" + args[i] + "'. Try --help.";
      return out;
    }
  }
  return out;
}

std::string defaultDataDir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/dynadesk";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/dynadesk";
  return "./dynadesk-data";
}

std::string usageText(const std::string& program) {
  return "Usage: " + program + " [options]\n"
         "\n"
         "Options:\n"
         "  --host ADDRESS    address to serve on (default 127.0.0.1)\n"
         "  --port PORT       port to serve on (default 8000; 0 picks a free one)\n"
         "  --data-dir DIR    data folder (default $XDG_DATA_HOME/dynadesk,\n"
         "                    or ~/.local/share/dynadesk)\n"
         "  --verify-signatures FILE\n"
         "                    check request signatures against the access keys in\n"
         "                    FILE, an AWS credentials file such as ~/.aws/credentials\n"
         "                    (default: any well-formed signature is accepted)\n"
         "  --cors-origin ORIGIN\n"
         "                    let web pages from ORIGIN (e.g. http://localhost:3000,\n"
         "                    or * for any) call the server; repeatable\n"
         "                    (default: no CORS headers)\n"
         "  --item-collection-limit BYTES\n"
         "                    largest item collection (the items of one partition\n"
         "                    key of a table with local secondary indexes, and their\n"
         "                    index entries) a write may grow (default 10 GB, as\n"
         "                    DynamoDB's)\n"
         "  --alarm-command CMD\n"
         "                    run CMD (with /bin/sh) for each action of an alarm\n"
         "                    state change; it gets ALARM_NAME, ALARM_OLD_STATE,\n"
         "                    ALARM_NEW_STATE, ALARM_REASON and ALARM_ACTION\n"
         "  --alarm-log FILE  append alarm actions to FILE as JSON lines\n"
         "                    (default DIR/alarm-actions.log)\n"
         "  --no-throttling   never throttle provisioned tables (for bulk loads);\n"
         "                    capacity is still counted and reported\n"
         "  --no-sync         do not wait for the disk on each write (for test\n"
         "                    suites and throwaway data): faster, and a crash of\n"
         "                    the server loses nothing, but a crash of the\n"
         "                    machine or a power cut may lose the last writes or\n"
         "                    damage the data folder\n"
         "  --clock-offset-file FILE\n"
         "                    for tests: run the engine's clock the number of\n"
         "                    seconds in FILE ahead of the system clock (re-read\n"
         "                    when it changes), to exercise TTL and retention\n"
         "  --version         print the version and exit\n"
         "  --help            print this help and exit\n";
}

}  // namespace dynadesk::app
