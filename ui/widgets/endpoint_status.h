// EndpointStatus: the status-bar corner that says where the endpoint listens,
// copies a ready-to-paste boto3 / AWS CLI / JavaScript snippet in one click,
// and shows the endpoint's live requests per second (from the bridge's call
// events, counting only calls that came over HTTP).
//
// Thread-safety: GUI thread only.
#pragma once

#include <deque>

#include <QElapsedTimer>
#include <QLabel>
#include <QTimer>
#include <QToolButton>
#include <QWidget>

#include "bridge/engine_bridge.h"

namespace dynadesk::ui {

class EndpointStatus : public QWidget {
  Q_OBJECT
 public:
  explicit EndpointStatus(EngineBridge* bridge, QWidget* parent = nullptr);

  // The URL served, or an explanation of why there is no endpoint.
  void setEndpoint(const QString& url);
  void setEndpointError(const QString& message);
  QString url() const { return url_; }
  double requestsPerSecond() const { return rate_; }
  // Every call seen arriving over HTTP since the app started.
  quint64 httpCallsSeen() const { return httpCalls_; }

 signals:
  void copied(const QString& what);
  // The endpoint's URL, or "" when it is off.
  void endpointChanged(const QString& url);

 private:
  void onCalls(const std::vector<CallEvent>& calls);
  void updateRate();

  QString url_;
  QLabel* label_;
  QToolButton* copy_;
  QLabel* rateLabel_;
  std::deque<qint64> recent_;  // arrival times (ms) of HTTP calls in the last second
  QElapsedTimer clock_;
  QTimer tick_;
  double rate_ = 0;
  quint64 httpCalls_ = 0;
};

}  // namespace dynadesk::ui
