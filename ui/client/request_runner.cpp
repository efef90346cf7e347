#include "client/request_runner.h"

#include <QMetaObject>

namespace dynadesk::ui {

RequestRunner::RequestRunner(Client& client, QObject* parent) : QObject(parent), client_(client) {
  // A few calls may overlap (a page loading while an item saves); more would
  // only queue behind the engine's own serialisation of writes.
  pool_.setMaxThreadCount(4);
  pool_.setObjectName("dynadesk-requests");
}

RequestRunner::~RequestRunner() { pool_.waitForDone(); }

void RequestRunner::run(std::string operation, nlohmann::json request, QObject* receiver, Done done) {
  QPointer<QObject> guard(receiver);
  pool_.start([this, operation = std::move(operation), request = std::move(request), guard,
               done = std::move(done)]() mutable {
    auto result = std::make_shared<Result<nlohmann::json>>(client_.call(operation, request));
    deliver(guard, [done = std::move(done), result]() mutable { done(std::move(*result)); });
  });
}

void RequestRunner::waitForIdle() { pool_.waitForDone(); }

void RequestRunner::deliver(const QPointer<QObject>& receiver, std::function<void()> fn) {
  QObject* target = receiver.data();
  if (target == nullptr) return;
  // Queued onto the receiver's thread; Qt drops it if the receiver is gone by then.
  QMetaObject::invokeMethod(target, std::move(fn), Qt::QueuedConnection);
}

}  // namespace dynadesk::ui
