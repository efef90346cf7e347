// Client: how the workbench talks to a DynamoDB — the embedded engine today,
// remote endpoints later (DESIGN.md decision 1). One call: the operation name
// and the request JSON in, the response JSON or a Status with DynamoDB's error
// type and message out.
//
// Thread-safety: call() may be used from any thread at once, and is never
// called on the GUI thread (RequestRunner runs it on a worker). It may block
// (disk, network).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dynadesk/engine_events.h"
#include "dynadesk/status.h"

namespace dynadesk::ui {

class Client {
 public:
  virtual ~Client() = default;

  virtual Result<nlohmann::json> call(std::string_view operation, const nlohmann::json& request) = 0;

  // A short name for the sidebar, e.g. "Local engine".
  virtual std::string displayName() const = 0;
  // Where it lives: a data folder for the embedded engine, a URL for a remote.
  virtual std::string location() const = 0;

  // Live change events, when the client can offer them (the embedded engine
  // can; a remote DynamoDB cannot). Returns an inactive subscription if not.
  virtual EventSubscription subscribe(EngineEventCallback callback) = 0;
};

}  // namespace dynadesk::ui
