// LocalClient: the Client for the embedded engine, in process. Calls go
// through Engine::call, the same front door the HTTP endpoint uses.
//
// Ownership: borrows the Engine, which must outlive it.
// Thread-safety: as Client.
#pragma once

#include "client/client.h"
#include "dynadesk/engine.h"

namespace dynadesk::ui {

class LocalClient final : public Client {
 public:
  explicit LocalClient(Engine& engine) : engine_(engine) {}

  Result<nlohmann::json> call(std::string_view operation, const nlohmann::json& request) override {
    return engine_.call(operation, request, CallOrigin::InProcess);
  }
  std::string displayName() const override { return "Local engine"; }
  std::string location() const override { return engine_.dataDir(); }
  EventSubscription subscribe(EngineEventCallback callback) override { return engine_.subscribe(std::move(callback)); }

 private:
  Engine& engine_;
};

}  // namespace dynadesk::ui
