// Turning the parsed command line into HttpServerOptions and EngineOptions, for
// every program that serves the endpoint (dynadesk-server, and the dynadesk
// GUI's built-in endpoint), so they honour every option alike.
//
// Thread-safety: a pure function apart from reading the credentials file.
#pragma once

#include "command_line.h"
#include "dynadesk/engine.h"
#include "dynadesk/http_server.h"
#include "dynadesk/status.h"

namespace dynadesk::app {

// host, port, CORS origins, and — with --verify-signatures — the access keys
// read from the credentials file (credentials_file.h). Errors: the file's
// (ValidationException with a plain-language message); callers exit with 2.
Result<server::HttpServerOptions> serverOptionsFrom(const CommandLine& commandLine);

// The data folder (already resolved), the item collection limit and, with
// --clock-offset-file, the offset clock (offset_file_clock.h).
EngineOptions engineOptionsFrom(const CommandLine& commandLine);

}  // namespace dynadesk::app
