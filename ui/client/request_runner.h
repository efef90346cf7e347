// RequestRunner: runs Client calls off the GUI thread (DESIGN.md decision 7)
// and hands each result back on the thread of a receiving QObject.
//
//   runner.run("Scan", request, this, [this, gen](Result<nlohmann::json> r) { ... });
//
// The callback runs on `receiver`'s thread through a queued call, and never
// after `receiver` has been destroyed. Stale answers are the receiver's
// business: capture a generation token and compare it when the answer
// arrives (see ItemTableModel). An optional `prepare` function runs on the
// worker too, so heavy decoding (JSON to typed items) stays off the GUI thread.
//
// Thread-safety: run() is called from the GUI thread. The Client must outlive
// the runner; the destructor waits for calls in flight.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <nlohmann/json.hpp>

#include "client/client.h"

namespace dynadesk::ui {

class RequestRunner : public QObject {
  Q_OBJECT
 public:
  explicit RequestRunner(Client& client, QObject* parent = nullptr);
  ~RequestRunner() override;

  Client& client() { return client_; }

  using Done = std::function<void(Result<nlohmann::json>)>;
  void run(std::string operation, nlohmann::json request, QObject* receiver, Done done);

  // As run(), with `prepare` turning the response into T on the worker thread.
  template <typename T>
  void runPrepared(std::string operation, nlohmann::json request, QObject* receiver,
                   std::function<Result<T>(const nlohmann::json&)> prepare, std::function<void(Result<T>)> done) {
    QPointer<QObject> guard(receiver);
    pool_.start([this, operation = std::move(operation), request = std::move(request), guard,
                 prepare = std::move(prepare), done = std::move(done)]() mutable {
      Result<nlohmann::json> response = client_.call(operation, request);
      auto result = std::make_shared<Result<T>>(response.isOk() ? prepare(*response) : Result<T>(response.status()));
      deliver(guard, [done = std::move(done), result]() mutable { done(std::move(*result)); });
    });
  }

  // Waits for every call in flight (tests, shutdown).
  void waitForIdle();

 private:
  static void deliver(const QPointer<QObject>& receiver, std::function<void()> fn);

  Client& client_;
  QThreadPool pool_;
};

}  // namespace dynadesk::ui
