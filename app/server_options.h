// Turning the parsed command line into HttpServerOptions, for every program
// that serves the endpoint (dynadesk-server, and the dynadesk GUI's built-in
// endpoint), so they honour --verify-signatures and --cors-origin alike.
//
// Thread-safety: a pure function apart from reading the credentials file.
#pragma once

#include "command_line.h"
#include "dynadesk/http_server.h"
#include "dynadesk/status.h"

namespace dynadesk::app {

// host, port, CORS origins, and — with --verify-signatures — the access keys
// read from the credentials file (credentials_file.h). Errors: the file's
// (ValidationException with a plain-language message); callers exit with 2.
Result<server::HttpServerOptions> serverOptionsFrom(const CommandLine& commandLine);

}  // namespace dynadesk::app
