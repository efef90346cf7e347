#include "widgets/endpoint_status.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QIcon>
#include <QMenu>

#include "format/endpoint_snippets.h"

namespace dynadesk::ui {

EndpointStatus::EndpointStatus(EngineBridge* bridge, QWidget* parent) : QWidget(parent) {
  label_ = new QLabel(this);
  label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  copy_ = new QToolButton(this);
  copy_->setText(tr("Copy snippet"));
  copy_->setIcon(QIcon(":/icons/copy-snippet"));
  copy_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  copy_->setToolTip(tr("Copy code that points your program at this endpoint"));
  copy_->setAutoRaise(true);
  copy_->setPopupMode(QToolButton::MenuButtonPopup);
  auto* menu = new QMenu(copy_);
  auto addSnippet = [this, menu](const QString& name, QString (*make)(const QString&)) {
    QAction* a = menu->addAction(name);
    connect(a, &QAction::triggered, this, [this, name, make] {
      QApplication::clipboard()->setText(make(url_));
      emit copied(name);
    });
    return a;
  };
  QAction* boto3 = addSnippet(tr("Python (boto3)"), boto3Snippet);
  addSnippet(tr("AWS CLI"), awsCliSnippet);
  addSnippet(tr("JavaScript (AWS SDK v3)"), javascriptSnippet);
  copy_->setMenu(menu);
  connect(copy_, &QToolButton::clicked, boto3, &QAction::trigger);
  rateLabel_ = new QLabel(this);
  rateLabel_->setMinimumWidth(rateLabel_->fontMetrics().horizontalAdvance("0000.0 req/s") + 8);
  rateLabel_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  rateLabel_->setToolTip(tr("Requests per second arriving at the endpoint"));

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 4, 0);
  layout->setSpacing(6);
  layout->addWidget(label_);
  layout->addWidget(copy_);
  layout->addWidget(rateLabel_);

  clock_.start();
  tick_.setInterval(500);
  connect(&tick_, &QTimer::timeout, this, &EndpointStatus::updateRate);
  tick_.start();
  if (bridge) connect(bridge, &EngineBridge::callsFinished, this, &EndpointStatus::onCalls);
  setEndpointError(tr("Endpoint starting…"));
  updateRate();
}

void EndpointStatus::setEndpoint(const QString& url) {
  url_ = url;
  label_->setText(tr("Endpoint: %1").arg(url));
  label_->setToolTip(tr("DynamoDB API for your own programs, on this computer only"));
  copy_->setVisible(true);
  emit endpointChanged(url_);
}

void EndpointStatus::setEndpointError(const QString& message) {
  url_.clear();
  label_->setText(message);
  copy_->setVisible(false);
  emit endpointChanged(url_);
}

void EndpointStatus::onCalls(const std::vector<CallEvent>& calls) {
  const qint64 now = clock_.elapsed();
  for (const auto& c : calls) {
    if (c.origin != CallOrigin::Http) continue;
    recent_.push_back(now);
    ++httpCalls_;
  }
  updateRate();
}

void EndpointStatus::updateRate() {
  const qint64 now = clock_.elapsed();
  while (!recent_.empty() && now - recent_.front() > 1000) recent_.pop_front();
  rate_ = static_cast<double>(recent_.size());
  rateLabel_->setText(tr("%1 req/s").arg(rate_, 0, 'f', 0));
}

}  // namespace dynadesk::ui
