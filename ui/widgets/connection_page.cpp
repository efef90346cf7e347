#include "widgets/connection_page.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

#include "widgets/alarms_panel.h"
#include "widgets/dashboard_panel.h"

namespace dynadesk::ui {

ConnectionPage::ConnectionPage(RequestRunner& runner, EngineBridge* bridge, QWidget* parent) : QWidget(parent) {
  title_ = new QLabel;
  QFont tf = title_->font();
  tf.setPointSizeF(tf.pointSizeF() * 1.25);
  tf.setBold(true);
  title_->setFont(tf);
  // The same margins as the table page's title, so switching pages does not jump.
  title_->setContentsMargins(10, 8, 10, 4);

  dashboard_ = new DashboardPanel(runner, bridge);
  alarms_ = new AlarmsPanel(runner, bridge);
  tabs_ = new QTabWidget;
  tabs_->setDocumentMode(true);
  tabs_->addTab(dashboard_, tr("Dashboard"));
  tabs_->addTab(alarms_, tr("Alarms"));

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(title_);
  layout->addWidget(tabs_, 1);

  connect(dashboard_, &DashboardPanel::openTableRequested, this, &ConnectionPage::openTableRequested);
  connect(dashboard_, &DashboardPanel::openAlarmsRequested, this, &ConnectionPage::showAlarms);
  connect(dashboard_, &DashboardPanel::statusMessage, this, &ConnectionPage::statusMessage);
  connect(alarms_, &AlarmsPanel::statusMessage, this, &ConnectionPage::statusMessage);
}

void ConnectionPage::setConnectionName(const QString& name) {
  title_->setText(name);
}

void ConnectionPage::setClock(std::function<std::int64_t()> nowMillis) {
  dashboard_->setClock(nowMillis);
  alarms_->setClock(std::move(nowMillis));
}

void ConnectionPage::showDashboard() { tabs_->setCurrentWidget(dashboard_); }

void ConnectionPage::showAlarms() { tabs_->setCurrentWidget(alarms_); }

}  // namespace dynadesk::ui
