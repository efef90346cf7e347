#include "server_options.h"

#include "offset_file_clock.h"

#include "credentials_file.h"

namespace dynadesk::app {

Result<server::HttpServerOptions> serverOptionsFrom(const CommandLine& commandLine) {
  server::HttpServerOptions options;
  options.host = commandLine.host;
  options.port = commandLine.port;
  options.corsOrigins = commandLine.corsOrigins;
  if (!commandLine.credentialsFile.empty()) {
    DYNADESK_ASSIGN_OR_RETURN(options.accessKeys, loadAccessKeys(commandLine.credentialsFile));
    options.verifySignatures = true;
  }
  return options;
}

EngineOptions engineOptionsFrom(const CommandLine& commandLine) {
  EngineOptions options;
  options.dataDir = commandLine.dataDir;
  options.itemCollectionLimitBytes = commandLine.itemCollectionLimit;
  options.throttling = commandLine.throttling;
  options.durable = commandLine.sync;
  options.alarmCommand = commandLine.alarmCommand;
  options.alarmLogFile = commandLine.alarmLog;
  if (!commandLine.clockOffsetFile.empty()) options.clock = std::make_shared<OffsetFileClock>(commandLine.clockOffsetFile);
  return options;
}

}  // namespace dynadesk::app
