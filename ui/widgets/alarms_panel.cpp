#include "widgets/alarms_panel.h"

#include <map>
#include <optional>

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "widgets/alarm_history_timeline.h"
#include "widgets/alarm_notifier.h"
#include "widgets/alarm_wizard.h"

namespace dynadesk::ui {

namespace {

using Json = nlohmann::json;

constexpr std::string_view kCloudWatch = "GraniteServiceVersion20100801.";
constexpr qint64 kHourMillis = 3'600'000;

std::string cloudWatchOp(const char* op) { return std::string(kCloudWatch) + op; }
QString qs(const std::string& s) { return QString::fromStdString(s); }

// Calls after which the list is out of date (another client's, or ours).
bool changesAlarms(const std::string& operation) {
  if (operation.rfind(kCloudWatch, 0) != 0) return false;
  const std::string op = operation.substr(kCloudWatch.size());
  return op == "PutMetricAlarm" || op == "DeleteAlarms" || op == "EnableAlarmActions" ||
         op == "DisableAlarmActions" || op == "SetAlarmState";
}

Json namesJson(const QStringList& names) {
  Json out = Json::array();
  for (const auto& n : names) out.push_back(n.toStdString());
  return out;
}

}  // namespace

// Filters the list by state and by a piece of the name.
class AlarmFilterProxy : public QSortFilterProxyModel {
 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;
  void setState(std::optional<AlarmState> state) {
    state_ = state;
    invalidateFilter();
  }
  std::optional<AlarmState> state() const { return state_; }

 protected:
  bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
    if (state_) {
      const QModelIndex i = sourceModel()->index(row, 0, parent);
      if (i.data(AlarmListModel::StateRole).toString() != alarmStateName(*state_)) return false;
    }
    return QSortFilterProxyModel::filterAcceptsRow(row, parent);
  }

 private:
  std::optional<AlarmState> state_;
};

AlarmsPanel::AlarmsPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent)
    : QWidget(parent), runner_(runner), bridge_(bridge), now_([] { return QDateTime::currentMSecsSinceEpoch(); }) {
  proxy_ = new AlarmFilterProxy(this);
  proxy_->setSourceModel(&model_);
  proxy_->setSortRole(AlarmListModel::SortRole);
  proxy_->setFilterKeyColumn(AlarmListModel::NameColumn);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  notifier_ = new AlarmNotifier(this);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(12, 10, 12, 10);
  layout->setSpacing(8);
  layout->addWidget(buildToolbar());
  error_ = new QLabel;
  error_->setObjectName(QStringLiteral("alarmsError"));
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->hide();
  layout->addWidget(error_);

  view_ = new QTableView;
  view_->setObjectName(QStringLiteral("alarmList"));
  view_->setModel(proxy_);
  view_->setSortingEnabled(true);
  view_->sortByColumn(AlarmListModel::StateColumn, Qt::AscendingOrder);  // ALARM first, as the console
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->setWordWrap(false);
  view_->setTextElideMode(Qt::ElideRight);
  view_->verticalHeader()->hide();
  view_->setAlternatingRowColors(true);
  auto* header = view_->horizontalHeader();
  header->setSectionResizeMode(QHeaderView::Interactive);
  // Condition and reason share what the fixed columns leave, so both stay
  // readable at 1280 pixels (the full texts are in the tooltips and below).
  header->setSectionResizeMode(AlarmListModel::ConditionColumn, QHeaderView::Stretch);
  header->setSectionResizeMode(AlarmListModel::ReasonColumn, QHeaderView::Stretch);
  header->resizeSection(AlarmListModel::NameColumn, 170);
  header->resizeSection(AlarmListModel::StateColumn, 170);
  header->resizeSection(AlarmListModel::LastChangeColumn, 175);
  header->resizeSection(AlarmListModel::ActionsColumn, 125);
  connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
    showDetail();
    loadHistory();
  });
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AlarmsPanel::updateButtons);
  connect(view_, &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
    editAlarm(i.data(AlarmListModel::NameRole).toString());
  });

  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->setChildrenCollapsible(false);
  splitter->addWidget(view_);
  splitter->addWidget(buildDetail());
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);

  stack_ = new QStackedWidget;
  stack_->addWidget(splitter);
  stack_->addWidget(buildEmptyState());
  layout->addWidget(stack_, 1);

  refreshTimer_ = new QTimer(this);
  refreshTimer_->setSingleShot(true);
  refreshTimer_->setInterval(200);
  connect(refreshTimer_, &QTimer::timeout, this, &AlarmsPanel::refresh);
  remoteTimer_ = new QTimer(this);
  remoteTimer_->setInterval(kRemoteRefreshMillis);
  connect(remoteTimer_, &QTimer::timeout, this, &AlarmsPanel::refresh);
  if (bridge_ && bridge_->live()) {
    connect(bridge_, &EngineBridge::alarmsChanged, this, [this](const std::vector<AlarmEvent>& events) {
      notifier_->handleEvents(events);
      scheduleRefresh();
    });
    connect(bridge_, &EngineBridge::callsFinished, this, [this](const std::vector<CallEvent>& calls) {
      for (const auto& c : calls) {
        if (c.errorType.empty() && changesAlarms(c.operation)) {
          scheduleRefresh();
          return;
        }
      }
    });
  } else {
    remoteTimer_->start();
  }
  connect(&model_, &AlarmListModel::countsChanged, this, &AlarmsPanel::styleChips);
  styleChips();
  updateButtons();
  showDetail();
  refresh();
}

AlarmsPanel::~AlarmsPanel() {
  // The model is a member, destroyed before the child widgets that show it.
  if (wizard_) delete wizard_.data();
  view_->setModel(nullptr);
  proxy_->setSourceModel(nullptr);
}

QWidget* AlarmsPanel::buildToolbar() {
  // Two rows, so the panel fits beside the sidebar in a 1280-pixel window:
  // the state chips and Refresh, then the actions and the filters.
  auto* bar = new QWidget;
  auto* rows = new QVBoxLayout(bar);
  rows->setContentsMargins(0, 0, 0, 0);
  rows->setSpacing(6);
  auto* h = new QHBoxLayout;
  h->setSpacing(6);
  auto* second = new QHBoxLayout;
  second->setSpacing(6);
  rows->addLayout(h);
  rows->addLayout(second);
  for (AlarmState s : {AlarmState::Alarm, AlarmState::Ok, AlarmState::InsufficientData}) {
    auto* chip = new QPushButton;
    chip->setObjectName(QStringLiteral("chip_%1").arg(alarmStateName(s)));
    chip->setCheckable(true);
    chip->setCursor(Qt::PointingHandCursor);
    chip->setToolTip(tr("Show only alarms in %1").arg(alarmStateName(s)));
    connect(chip, &QPushButton::clicked, this, [this, s] { chipClicked(s); });
    chips_[static_cast<std::size_t>(s)] = chip;
    h->addWidget(chip);
  }
  h->addStretch(1);
  stateFilter_ = new QComboBox;
  stateFilter_->setObjectName(QStringLiteral("stateFilter"));
  stateFilter_->addItem(tr("Any state"), QString());
  for (AlarmState s : {AlarmState::Alarm, AlarmState::Ok, AlarmState::InsufficientData}) {
    stateFilter_->addItem(alarmStateName(s), alarmStateName(s));
  }
  connect(stateFilter_, &QComboBox::currentIndexChanged, this, &AlarmsPanel::stateFilterChanged);
  nameFilter_ = new QLineEdit;
  nameFilter_->setObjectName(QStringLiteral("alarmNameFilter"));
  nameFilter_->setPlaceholderText(tr("Filter by name"));
  nameFilter_->setClearButtonEnabled(true);
  nameFilter_->setMinimumWidth(160);
  connect(nameFilter_, &QLineEdit::textChanged, this,
          [this](const QString& text) { proxy_->setFilterFixedString(text.trimmed()); });

  createButton_ = new QPushButton(QIcon(QStringLiteral(":/icons/new-table")), tr("Create…"));
  createButton_->setObjectName(QStringLiteral("createAlarm"));
  editButton_ = new QPushButton(tr("Edit…"));
  editButton_->setObjectName(QStringLiteral("editAlarm"));
  deleteButton_ = new QPushButton(QIcon(QStringLiteral(":/icons/delete")), tr("Delete"));
  deleteButton_->setObjectName(QStringLiteral("deleteAlarm"));
  enableButton_ = new QPushButton(tr("Enable actions"));
  enableButton_->setObjectName(QStringLiteral("enableActions"));
  disableButton_ = new QPushButton(tr("Disable actions"));
  disableButton_->setObjectName(QStringLiteral("disableActions"));
  auto* refreshButton = new QPushButton(tr("Refresh"));
  refreshButton->setObjectName(QStringLiteral("refreshAlarms"));
  h->addWidget(refreshButton);
  for (QPushButton* b : {createButton_, editButton_, deleteButton_}) second->addWidget(b);
  second->addSpacing(12);
  second->addWidget(enableButton_);
  second->addWidget(disableButton_);
  second->addStretch(1);
  second->addWidget(stateFilter_);
  second->addWidget(nameFilter_);
  connect(createButton_, &QPushButton::clicked, this, [this] { createAlarm(); });
  connect(editButton_, &QPushButton::clicked, this, [this] { editAlarm(selectedAlarm()); });
  connect(deleteButton_, &QPushButton::clicked, this, &AlarmsPanel::confirmDelete);
  connect(enableButton_, &QPushButton::clicked, this, [this] { setActionsEnabled(selectedAlarms(), true); });
  connect(disableButton_, &QPushButton::clicked, this, [this] { setActionsEnabled(selectedAlarms(), false); });
  connect(refreshButton, &QPushButton::clicked, this, &AlarmsPanel::refresh);
  return bar;
}

QWidget* AlarmsPanel::buildDetail() {
  auto* box = new QGroupBox(tr("Selected alarm"));
  auto* v = new QVBoxLayout(box);
  v->setSpacing(6);
  auto* titleRow = new QHBoxLayout;
  detailTitle_ = new QLabel;
  detailTitle_->setObjectName(QStringLiteral("alarmDetailTitle"));
  detailTitle_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  detailState_ = new QLabel;
  detailState_->setObjectName(QStringLiteral("alarmDetailState"));
  titleRow->addWidget(detailTitle_);
  titleRow->addWidget(detailState_);
  titleRow->addStretch(1);
  v->addLayout(titleRow);
  auto* grid = new QGridLayout;
  grid->setHorizontalSpacing(12);
  grid->setVerticalSpacing(4);
  auto addRow = [grid](int row, const QString& label, QLabel*& value, const char* name) {
    auto* l = new QLabel(label);
    l->setForegroundRole(QPalette::PlaceholderText);
    grid->addWidget(l, row, 0, Qt::AlignTop | Qt::AlignRight);
    value = new QLabel;
    value->setObjectName(QString::fromLatin1(name));
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(value, row, 1);
  };
  addRow(0, tr("Condition:"), condition_, "alarmDetailCondition");
  addRow(1, tr("Reason:"), reason_, "alarmDetailReason");
  addRow(2, tr("Last change:"), lastChange_, "alarmDetailLastChange");
  addRow(3, tr("Actions:"), actions_, "alarmDetailActions");
  grid->setColumnStretch(1, 1);
  v->addLayout(grid);
  timeline_ = new AlarmHistoryTimeline;
  timeline_->setObjectName(QStringLiteral("alarmTimeline"));
  v->addWidget(timeline_, 1);
  return box;
}

QWidget* AlarmsPanel::buildEmptyState() {
  auto* page = new QWidget;
  auto* v = new QVBoxLayout(page);
  v->addStretch(1);
  auto* text = new QLabel(tr("No alarms yet. An alarm watches one of the endpoint's DynamoDB metrics and changes "
                             "state when it crosses a threshold you choose."));
  text->setObjectName(QStringLiteral("alarmsEmptyText"));
  text->setWordWrap(true);
  text->setAlignment(Qt::AlignCenter);
  v->addWidget(text);
  auto* create = new QPushButton(tr("Create alarm"));
  create->setObjectName(QStringLiteral("createFirstAlarm"));
  auto* row = new QHBoxLayout;
  row->addStretch(1);
  row->addWidget(create);
  row->addStretch(1);
  v->addLayout(row);
  v->addStretch(2);
  connect(create, &QPushButton::clicked, this, [this] { createAlarm(); });
  return page;
}

void AlarmsPanel::setClock(std::function<std::int64_t()> nowMillis) {
  if (nowMillis) now_ = std::move(nowMillis);
  if (wizard_) wizard_->setClock(now_);
}

QSortFilterProxyModel& AlarmsPanel::proxy() { return *proxy_; }

bool AlarmsPanel::showingEmptyState() const { return stack_->currentIndex() == 1; }

void AlarmsPanel::scheduleRefresh() {
  if (!refreshTimer_->isActive()) refreshTimer_->start();
}

void AlarmsPanel::refresh() {
  refreshTimer_->stop();
  describePage({}, ++describeTicket_, std::make_shared<std::vector<AlarmStatus>>());
}

void AlarmsPanel::describePage(const std::string& nextToken, std::uint64_t ticket,
                               std::shared_ptr<std::vector<AlarmStatus>> acc) {
  Json request{{"MaxRecords", 100}};
  if (!nextToken.empty()) request["NextToken"] = nextToken;
  runner_.run(cloudWatchOp("DescribeAlarms"), request, this, [this, ticket, acc](Result<Json> r) {
    if (ticket != describeTicket_) return;
    if (!r) {
      showError(tr("The alarms could not be read: %1").arg(qs(r.status().message())));
      return;
    }
    auto page = parseDescribeAlarms(*r);
    acc->insert(acc->end(), std::make_move_iterator(page.begin()), std::make_move_iterator(page.end()));
    const auto next = r->find("NextToken");
    if (next != r->end() && next->is_string() && !next->get<std::string>().empty() && acc->size() < 100'000) {
      describePage(next->get<std::string>(), ticket, acc);
      return;
    }
    showSnapshot(std::move(*acc));
  });
}

void AlarmsPanel::showSnapshot(std::vector<AlarmStatus> alarms) {
  showError(QString());
  // Without engine events, changes to ALARM are seen only between snapshots.
  if (loadedOnce_ && !(bridge_ && bridge_->live())) {
    std::vector<AlarmEvent> events;
    for (const auto& a : alarms) {
      const AlarmStatus* before = model_.find(a.spec.name);
      if (!before || before->state == a.state || a.state != AlarmState::Alarm) continue;
      AlarmEvent e;
      e.alarmName = a.spec.name.toStdString();
      e.oldState = alarmStateName(before->state).toStdString();
      e.newState = "ALARM";
      e.reason = a.reason.toStdString();
      e.atMillis = a.stateUpdatedMillis;
      e.actionsEnabled = a.spec.actionsEnabled;
      events.push_back(std::move(e));
    }
    for (const auto& a : alarms) notifier_->setActionsEnabled(a.spec.name, a.spec.actionsEnabled);
    notifier_->handleEvents(events);
  } else {
    for (const auto& a : alarms) notifier_->setActionsEnabled(a.spec.name, a.spec.actionsEnabled);
  }
  const QString selected = pendingSelection_.isEmpty() ? selectedAlarm() : pendingSelection_;
  model_.setAlarms(std::move(alarms));
  loadedOnce_ = true;
  stack_->setCurrentIndex(model_.rowCount() == 0 ? 1 : 0);
  if (!selected.isEmpty() && model_.rowOf(selected) >= 0) {
    pendingSelection_.clear();
    if (selectedAlarm() != selected) selectAlarm(selected);
  } else if (!view_->selectionModel()->currentIndex().isValid() && proxy_->rowCount() > 0) {
    view_->selectRow(0);
  }
  showDetail();
  updateButtons();
  loadHistory();
  emit alarmsLoaded();
}

void AlarmsPanel::selectAlarm(const QString& name) {
  const int row = model_.rowOf(name);
  if (row < 0) {
    pendingSelection_ = name;
    return;
  }
  const QModelIndex i = proxy_->mapFromSource(model_.index(row, 0));
  if (!i.isValid()) return;
  view_->selectionModel()->setCurrentIndex(
      i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  view_->scrollTo(i);
}

QString AlarmsPanel::selectedAlarm() const {
  const QModelIndex i = view_->selectionModel()->currentIndex();
  return i.isValid() ? i.data(AlarmListModel::NameRole).toString() : QString();
}

QStringList AlarmsPanel::selectedAlarms() const {
  QStringList out;
  for (const QModelIndex& i : view_->selectionModel()->selectedRows()) out << i.data(AlarmListModel::NameRole).toString();
  if (out.isEmpty() && !selectedAlarm().isEmpty()) out << selectedAlarm();
  return out;
}

void AlarmsPanel::showDetail() {
  const AlarmStatus* a = model_.find(selectedAlarm());
  const bool any = a != nullptr;
  for (QLabel* l : {condition_, reason_, lastChange_, actions_}) l->setVisible(any);
  if (!a) {
    detailTitle_->setText(tr("Select an alarm to see its reason and history."));
    detailState_->clear();
    detailState_->setStyleSheet(QString());
    timeline_->clear();
    return;
  }
  const AlarmSpec& s = a->spec;
  detailTitle_->setText(QStringLiteral("<b>%1</b>").arg(s.name.toHtmlEscaped()));
  const QColor color = alarmStateColor(a->state, palette());
  detailState_->setText(alarmStateName(a->state));
  detailState_->setStyleSheet(QStringLiteral("QLabel { color: white; background: %1; border-radius: 4px; "
                                             "padding: 1px 8px; font-weight: bold; }")
                                  .arg(color.name()));
  condition_->setText(conditionText(s) + (s.description.isEmpty() ? QString() : QStringLiteral(" — ") + s.description));
  reason_->setText(a->reason.isEmpty() ? tr("(no reason given yet)") : a->reason);
  lastChange_->setText(alarmTimeText(a->stateUpdatedMillis));
  QStringList acts;
  if (!s.alarmActions.isEmpty()) acts << tr("ALARM: %1").arg(s.alarmActions.join(QStringLiteral(", ")));
  if (!s.okActions.isEmpty()) acts << tr("OK: %1").arg(s.okActions.join(QStringLiteral(", ")));
  if (!s.insufficientDataActions.isEmpty()) {
    acts << tr("INSUFFICIENT_DATA: %1").arg(s.insufficientDataActions.join(QStringLiteral(", ")));
  }
  const QString enabled = s.actionsEnabled ? tr("Enabled") : tr("Disabled");
  const QString desktop = notifier_->desktopNotification(s.name) ? tr("desktop notification on ALARM")
                                                                 : tr("no desktop notification");
  actions_->setText(QStringLiteral("%1; %2%3").arg(enabled, desktop,
                                                  acts.isEmpty() ? QString() : QStringLiteral("; ") + acts.join("; ")));
}

void AlarmsPanel::loadHistory() {
  const QString name = selectedAlarm();
  const std::uint64_t ticket = ++historyTicket_;
  if (name.isEmpty()) {
    timeline_->clear();
    return;
  }
  const Json request{{"AlarmName", name.toStdString()}, {"HistoryItemType", "StateUpdate"}, {"MaxRecords", 100}};
  runner_.run(cloudWatchOp("DescribeAlarmHistory"), request, this, [this, ticket, name](Result<Json> r) {
    if (ticket != historyTicket_) return;
    if (!r) {
      timeline_->clear();
      emit statusMessage(tr("The history of %1 could not be read: %2").arg(name, qs(r.status().message())));
      return;
    }
    auto changes = parseStateHistory(*r);
    // The range: from a little before the first change to now, so the
    // changes fill the strip; an hour when there is none.
    const qint64 now = now_();
    qint64 from = now - kHourMillis;
    if (!changes.empty()) {
      const qint64 span = std::max<qint64>(now - changes.front().millis, 60'000);
      from = changes.front().millis - span / 5;
    }
    const AlarmStatus* a = model_.find(name);
    timeline_->setHistory(std::move(changes), from, now, a ? std::optional<AlarmState>(a->state) : std::nullopt);
    emit historyLoaded(name);
  });
}

AlarmWizard* AlarmsPanel::createAlarm(const AlarmSpec& preset) {
  if (wizard_) {
    wizard_->raise();
    wizard_->activateWindow();
    return wizard_.data();
  }
  auto* wizard = new AlarmWizard(runner_, this);
  wizard->setAttribute(Qt::WA_DeleteOnClose);
  wizard->setClock(now_);
  QStringList taken;
  for (const auto& a : model_.alarms()) taken << a.spec.name;
  wizard->setTakenNames(taken);
  if (!preset.metricName.isEmpty() || !preset.name.isEmpty()) wizard->setSpec(preset);
  connect(wizard, &AlarmWizard::saved, this, [this, wizard](const QString& name) {
    notifier_->setDesktopNotification(name, wizard->notifyOnDesktop());
    notifier_->setActionsEnabled(name, wizard->spec().actionsEnabled);
    pendingSelection_ = name;
    emit statusMessage(tr("Alarm %1 saved.").arg(name));
    refresh();
  });
  wizard_ = wizard;
  wizard->open();
  return wizard;
}

AlarmWizard* AlarmsPanel::editAlarm(const QString& name) {
  const AlarmStatus* a = model_.find(name);
  if (!a) return nullptr;
  if (wizard_) wizard_->close();
  auto* wizard = new AlarmWizard(runner_, this);
  wizard->setAttribute(Qt::WA_DeleteOnClose);
  wizard->setClock(now_);
  wizard->setExisting(a->spec, notifier_->desktopNotification(name));
  connect(wizard, &AlarmWizard::saved, this, [this, wizard](const QString& saved) {
    notifier_->setDesktopNotification(saved, wizard->notifyOnDesktop());
    notifier_->setActionsEnabled(saved, wizard->spec().actionsEnabled);
    pendingSelection_ = saved;
    emit statusMessage(tr("Alarm %1 updated.").arg(saved));
    refresh();
  });
  wizard_ = wizard;
  wizard->open();
  return wizard;
}

void AlarmsPanel::confirmDelete() {
  const QStringList names = selectedAlarms();
  if (names.isEmpty()) return;
  const QString question =
      names.size() == 1
          ? tr("Delete the alarm %1? Its actions stop; its history stays readable for two weeks.").arg(names.first())
          : tr("Delete %1 alarms (%2)? Their actions stop; their history stays readable for two weeks.")
                .arg(names.size())
                .arg(names.join(QStringLiteral(", ")));
  if (QMessageBox::question(this, tr("Delete alarm"), question, QMessageBox::Yes | QMessageBox::Cancel,
                            QMessageBox::Cancel) != QMessageBox::Yes) {
    return;
  }
  deleteAlarms(names);
}

void AlarmsPanel::deleteAlarms(const QStringList& names) {
  if (names.isEmpty()) return;
  runner_.run(cloudWatchOp("DeleteAlarms"), {{"AlarmNames", namesJson(names)}}, this,
              [this, names](Result<Json> r) {
                if (!r) {
                  const QString message = qs(r.status().message());
                  showError(tr("The alarms could not be deleted: %1").arg(message));
                  emit actionFailed(message);
                  return;
                }
                for (const auto& n : names) notifier_->forget(n);
                emit statusMessage(tr("Deleted %1.").arg(names.join(QStringLiteral(", "))));
                refresh();
              });
}

void AlarmsPanel::setActionsEnabled(const QStringList& names, bool enabled) {
  if (names.isEmpty()) return;
  const char* op = enabled ? "EnableAlarmActions" : "DisableAlarmActions";
  runner_.run(cloudWatchOp(op), {{"AlarmNames", namesJson(names)}}, this, [this, names, enabled](Result<Json> r) {
    if (!r) {
      const QString message = qs(r.status().message());
      showError(tr("Actions could not be %1: %2").arg(enabled ? tr("enabled") : tr("disabled"), message));
      emit actionFailed(message);
      return;
    }
    for (const auto& n : names) notifier_->setActionsEnabled(n, enabled);
    emit statusMessage(enabled ? tr("Actions enabled for %1.").arg(names.join(QStringLiteral(", ")))
                               : tr("Actions disabled for %1.").arg(names.join(QStringLiteral(", "))));
    refresh();
  });
}

void AlarmsPanel::styleChips() {
  const QPalette pal = palette();
  for (AlarmState s : {AlarmState::Alarm, AlarmState::Ok, AlarmState::InsufficientData}) {
    QPushButton* chip = chips_[static_cast<std::size_t>(s)];
    const QColor c = alarmStateColor(s, pal);
    chip->setText(QStringLiteral("%1  %2").arg(alarmStateLabel(s)).arg(model_.count(s)));
    // Filled when it filters the list, outlined otherwise; the colour says the state either way.
    chip->setStyleSheet(
        QStringLiteral("QPushButton { border: 2px solid %1; border-radius: 12px; padding: 3px 12px; "
                       "color: %2; background: %3; font-weight: bold; }")
            .arg(c.name(), chip->isChecked() ? QStringLiteral("white") : c.name(),
                 chip->isChecked() ? c.name() : QStringLiteral("transparent")));
  }
}

void AlarmsPanel::chipClicked(AlarmState state) {
  const bool on = chip(state)->isChecked();
  stateFilter_->setCurrentIndex(on ? stateFilter_->findData(alarmStateName(state)) : 0);
}

void AlarmsPanel::stateFilterChanged() {
  const auto state = parseAlarmState(stateFilter_->currentData().toString());
  proxy_->setState(state);
  for (AlarmState s : {AlarmState::Alarm, AlarmState::Ok, AlarmState::InsufficientData}) {
    chip(s)->setChecked(state && *state == s);
  }
  styleChips();
}

void AlarmsPanel::updateButtons() {
  const bool any = !selectedAlarms().isEmpty();
  editButton_->setEnabled(!selectedAlarm().isEmpty());
  deleteButton_->setEnabled(any);
  enableButton_->setEnabled(any);
  disableButton_->setEnabled(any);
}

void AlarmsPanel::showError(const QString& text) {
  error_->setText(text);
  error_->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(alarmStateColor(AlarmState::Alarm, palette()).name()));
  error_->setVisible(!text.isEmpty());
}

void AlarmsPanel::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) {
    styleChips();
    showDetail();
  }
}

void AlarmsPanel::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (loadedOnce_) scheduleRefresh();
}

}  // namespace dynadesk::ui
