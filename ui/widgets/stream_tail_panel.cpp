#include "widgets/stream_tail_panel.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QScrollBar>
#include <QStyle>
#include <QSplitter>
#include <QVBoxLayout>

#include "format/attribute_text.h"
#include "format/image_diff.h"
#include "models/item_table_model.h"
#include "widgets/attribute_cell_delegate.h"

namespace dynadesk::ui {

namespace {

// A tint of `hue` over the palette's base colour: pale on a light theme, deep
// on a dark one, and the palette's text stays readable on both.
QColor tint(const QPalette& palette, int hue) {
  const QColor base = palette.color(QPalette::Base);
  const bool dark = base.lightnessF() < 0.5;
  const QColor accent = QColor::fromHsl(hue, dark ? 150 : 200, dark ? 110 : 150);
  const double a = dark ? 0.45 : 0.35;
  return QColor::fromRgbF(base.redF() * (1 - a) + accent.redF() * a, base.greenF() * (1 - a) + accent.greenF() * a,
                          base.blueF() * (1 - a) + accent.blueF() * a);
}
constexpr int kGreen = 130;
constexpr int kRed = 0;
constexpr int kAmber = 42;

// "1 record", "5 records": English plurals without a translation loaded.
QString counted(qsizetype n, const QString& one, const QString& many) {
  return n == 1 ? QStringLiteral("1 ") + one : QString::number(n) + " " + many;
}

// Short text for a map, list or set whose entries are shown below it.
QString containerText(const AttributeValue& v) {
  switch (v.type()) {
    case AttrType::M: return QObject::tr("map, %1").arg(counted(v.elementCount(), "entry", "entries"));
    case AttrType::L: return QObject::tr("list, %1").arg(counted(v.elementCount(), "element", "elements"));
    default: return QObject::tr("set, %1").arg(counted(v.elementCount(), "member", "members"));
  }
}

void setValueCell(QTreeWidgetItem* item, int column, const AttributeValue& value, bool container) {
  item->setText(column, container ? containerText(value) : compactText(value, 200));
  item->setData(column, ItemTableModel::TypeCodeRole, typeCode(value.type()));
  item->setToolTip(column, tooltipText(value));
}

// An image as a tree: maps and lists open into their entries.
void addImageValue(QTreeWidgetItem* parent, QTreeWidget* tree, const QString& label, const std::string& path,
                   const AttributeValue& value) {
  auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
  item->setText(StreamTailPanel::PathColumn, label);
  item->setData(StreamTailPanel::PathColumn, StreamTailPanel::DiffPathRole, QString::fromStdString(path));
  item->setData(StreamTailPanel::PathColumn, StreamTailPanel::DiffKindRole, -1);
  const bool container = (value.is(AttrType::M) || value.is(AttrType::L)) && value.elementCount() > 0;
  setValueCell(item, StreamTailPanel::OldColumn, value, container);
  if (value.is(AttrType::M)) {
    for (const auto& [name, v] : value.asMap()) {
      addImageValue(item, tree, QString::fromStdString(name), path + "." + pathStep(name), v);
    }
  } else if (value.is(AttrType::L)) {
    int i = 0;
    for (const auto& v : value.asList()) {
      const std::string step = "[" + std::to_string(i++) + "]";
      addImageValue(item, tree, QString::fromStdString(step), path + step, v);
    }
  }
}

}  // namespace

StreamTailPanel::StreamTailPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent)
    : QWidget(parent), tail_(runner, bridge, this), model_(StreamRecordModel::kDefaultCapacity, this), filter_(this) {
  filter_.setSourceModel(&model_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 8, 10, 8);
  layout->setSpacing(6);

  // Which stream, and how the tail is doing.
  auto* top = new QHBoxLayout;
  streamInfo_ = new QLabel;
  streamInfo_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  streamInfo_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  status_ = new QLabel;
  status_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  top->addWidget(streamInfo_, 1);
  top->addWidget(status_);
  layout->addLayout(top);

  // Filter, pause, clear, start position.
  controlsRow_ = new QWidget;
  auto* controls = new QHBoxLayout(controlsRow_);
  controls->setContentsMargins(0, 0, 0, 0);
  controls->setSpacing(10);
  controls->addWidget(new QLabel(tr("Show:")));
  for (auto type : {StreamEventType::Insert, StreamEventType::Modify, StreamEventType::Remove}) {
    auto* check = new QCheckBox(streamEventName(type));
    check->setChecked(true);
    connect(check, &QCheckBox::toggled, this, [this, type](bool on) { filter_.setShown(type, on); });
    eventChecks_[static_cast<int>(type)] = check;
    controls->addWidget(check);
  }
  controls->addSpacing(12);
  pause_ = new QPushButton(tr("Pause"));
  pause_->setCheckable(true);
  pause_->setToolTip(tr("Stop adding records to the list. The stream is still read, so nothing is missed: "
                        "Resume shows what arrived meanwhile."));
  connect(pause_, &QPushButton::toggled, this, [this](bool paused) {
    tail_.setPaused(paused);
    updatePauseText();
    updateStatus();
  });
  clear_ = new QPushButton(tr("Clear"));
  clear_->setToolTip(tr("Empty the list; the tail goes on with new records."));
  connect(clear_, &QPushButton::clicked, this, [this] {
    model_.clear();
    tail_.clearBuffer();
    shown_.reset();
    renderDetail();
    updateStatus();
  });
  controls->addWidget(pause_);
  controls->addWidget(clear_);
  controls->addSpacing(12);
  fromStart_ = new QCheckBox(tr("From the start (TRIM_HORIZON)"));
  fromStart_->setToolTip(tr("Read every record the stream still keeps (up to 24 hours), not only new ones. "
                            "Changing this restarts the tail."));
  connect(fromStart_, &QCheckBox::toggled, this, [this] { restartTail(); });
  controls->addWidget(fromStart_);
  controls->addStretch(1);
  layout->addWidget(controlsRow_);

  banner_ = new QLabel;
  banner_->setWordWrap(true);
  banner_->setAutoFillBackground(true);
  banner_->setContentsMargins(8, 5, 8, 5);
  banner_->hide();
  layout->addWidget(banner_);

  // Page 0: the records and the selected one's detail.
  records_ = new QTableView;
  records_->setModel(&filter_);
  records_->setSelectionBehavior(QAbstractItemView::SelectRows);
  records_->setSelectionMode(QAbstractItemView::SingleSelection);
  records_->setAlternatingRowColors(true);
  records_->setWordWrap(false);
  records_->setShowGrid(false);
  records_->verticalHeader()->hide();
  records_->verticalHeader()->setDefaultSectionSize(records_->fontMetrics().height() + 8);
  records_->horizontalHeader()->setHighlightSections(false);
  // Widths from the widest text each column can hold (the event in bold), so
  // no row is ever elided there and the columns do not jump as records come.
  QFont bold = records_->font();
  bold.setBold(true);
  const int pad = 2 * records_->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 16;
  records_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  records_->horizontalHeader()->setStretchLastSection(true);
  records_->setColumnWidth(StreamRecordModel::TimeColumn,
                           std::max(records_->fontMetrics().horizontalAdvance("00:00:00"),
                                    records_->fontMetrics().horizontalAdvance(tr("Time"))) + pad);
  records_->setColumnWidth(StreamRecordModel::EventColumn, QFontMetrics(bold).horizontalAdvance("MODIFY") + pad);
  records_->setColumnWidth(StreamRecordModel::KeysColumn, 220);
  connect(records_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) { showRecord(current); });

  auto* detailPane = new QWidget;
  auto* dl = new QVBoxLayout(detailPane);
  dl->setContentsMargins(0, 0, 0, 0);
  dl->setSpacing(4);
  detailHeader_ = new QLabel;
  detailHeader_->setWordWrap(true);
  detailHeader_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  detailHeader_->setContentsMargins(2, 2, 2, 2);
  detail_ = new QTreeWidget;
  detail_->setColumnCount(3);
  detail_->setUniformRowHeights(true);
  detail_->setAlternatingRowColors(false);
  detail_->setRootIsDecorated(true);
  auto* cells = new AttributeCellDelegate(detail_);
  detail_->setItemDelegateForColumn(OldColumn, cells);
  detail_->setItemDelegateForColumn(NewColumn, cells);
  detail_->header()->setStretchLastSection(false);
  detail_->header()->setSectionResizeMode(PathColumn, QHeaderView::Interactive);
  detail_->header()->setSectionResizeMode(OldColumn, QHeaderView::Stretch);
  detail_->header()->setSectionResizeMode(NewColumn, QHeaderView::Stretch);
  detail_->setColumnWidth(PathColumn, 170);
  dl->addWidget(detailHeader_);
  dl->addWidget(detail_, 1);

  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(records_);
  split->addWidget(detailPane);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setChildrenCollapsible(false);

  // Page 1: no table, or a table without a stream.
  auto* messagePage = new QWidget;
  auto* ml = new QVBoxLayout(messagePage);
  ml->setContentsMargins(24, 24, 24, 24);
  ml->setSpacing(10);
  stateTitle_ = new QLabel;
  QFont titleFont = stateTitle_->font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
  titleFont.setBold(true);
  stateTitle_->setFont(titleFont);
  stateMessage_ = new QLabel;
  stateMessage_->setWordWrap(true);
  enableRow_ = new QWidget;
  auto* er = new QHBoxLayout(enableRow_);
  er->setContentsMargins(0, 6, 0, 0);
  viewTypeChoice_ = new QComboBox;
  viewTypeChoice_->addItem(tr("New and old images — a MODIFY shows what changed"), "NEW_AND_OLD_IMAGES");
  viewTypeChoice_->addItem(tr("New image — the item after each change"), "NEW_IMAGE");
  viewTypeChoice_->addItem(tr("Old image — the item before each change"), "OLD_IMAGE");
  viewTypeChoice_->addItem(tr("Keys only"), "KEYS_ONLY");
  enable_ = new QPushButton(tr("Enable stream"));
  enable_->setDefault(true);
  enable_->setMinimumWidth(enable_->sizeHint().width() + 24);
  connect(enable_, &QPushButton::clicked, this, [this] {
    enableError_->clear();
    enable_->setEnabled(false);
    tail_.enableStream(viewTypeChoice_->currentData().toString());
  });
  er->addWidget(new QLabel(tr("View type:")));
  er->addWidget(viewTypeChoice_);
  er->addWidget(enable_);
  er->addStretch(1);
  enableError_ = new QLabel;
  enableError_->setWordWrap(true);
  ml->addWidget(stateTitle_);
  ml->addWidget(stateMessage_);
  ml->addWidget(enableRow_);
  ml->addWidget(enableError_);
  ml->addStretch(1);

  pages_ = new QStackedWidget;
  pages_->addWidget(split);
  pages_->addWidget(messagePage);
  layout->addWidget(pages_, 1);

  connect(&tail_, &StreamTail::stateChanged, this, &StreamTailPanel::onStateChanged);
  connect(&tail_, &StreamTail::recordsArrived, this, &StreamTailPanel::onRecords);
  connect(&tail_, &StreamTail::heldBackChanged, this, [this] {
    updatePauseText();
    updateStatus();
  });
  connect(&tail_, &StreamTail::failed, this, [this](const QString& message) {
    enable_->setEnabled(true);
    if (tail_.state() == StreamTail::State::NoStream) enableError_->setText(message);
    emit statusMessage(tr("Stream: %1").arg(message));
  });

  renderDetail();
  onStateChanged(StreamTail::State::Idle);
}

void StreamTailPanel::openTable(const QString& table) {
  // The same table again (the tab shown anew) keeps the tail and its list.
  if (table == tail_.table() && tail_.state() != StreamTail::State::Idle) return;
  if (pause_->isChecked()) pause_->setChecked(false);
  model_.clear();
  shown_.reset();
  renderDetail();
  tail_.start(table, fromStart_->isChecked() ? StreamTail::StartPosition::TrimHorizon
                                             : StreamTail::StartPosition::Latest);
}

void StreamTailPanel::restartTail() {
  // A new start position (or a new table) starts a new list.
  if (tail_.table().isEmpty()) return;
  model_.clear();
  shown_.reset();
  renderDetail();
  tail_.start(tail_.table(), fromStart_->isChecked() ? StreamTail::StartPosition::TrimHorizon
                                                     : StreamTail::StartPosition::Latest);
}

void StreamTailPanel::selectRow(int row) {
  const QModelIndex i = filter_.index(row, 0);
  if (!i.isValid()) return;
  records_->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void StreamTailPanel::onStateChanged(StreamTail::State state) {
  const QString table = tail_.table();
  enable_->setEnabled(true);
  switch (state) {
    case StreamTail::State::Idle:
      stateTitle_->setText(tr("No table open"));
      stateMessage_->setText(tr("Open a table to follow its stream."));
      enableRow_->hide();
      enableError_->clear();
      pages_->setCurrentIndex(1);
      break;
    case StreamTail::State::NoStream:
      stateTitle_->setText(tr("No stream"));
      stateMessage_->setText(tail_.message());
      enableRow_->show();
      pages_->setCurrentIndex(1);
      break;
    case StreamTail::State::Starting:
      pages_->setCurrentIndex(0);
      banner_->hide();
      break;
    case StreamTail::State::Following:
      model_.setKeyAttributes(tail_.keyAttributes());
      pages_->setCurrentIndex(0);
      banner_->hide();
      emit statusMessage(tr("Following the stream of %1").arg(table));
      break;
    case StreamTail::State::Stopped: {
      pages_->setCurrentIndex(0);
      QPalette p = banner_->palette();
      p.setColor(QPalette::Window, tint(palette(), kAmber));
      p.setColor(QPalette::WindowText, palette().color(QPalette::Text));
      banner_->setPalette(p);
      banner_->setText(tr("The tail stopped: %1").arg(tail_.message()));
      banner_->show();
      emit statusMessage(tail_.message());
      break;
    }
  }
  if (tail_.streamArn().isEmpty()) {
    streamInfo_->setText(table.isEmpty() ? QString() : tr("<b>%1</b> · no stream").arg(table.toHtmlEscaped()));
  } else {
    // The ARN is long and only its last part (the stream label, a time)
    // tells streams of one table apart; the whole ARN is in the tooltip.
    const QString arn = tail_.streamArn();
    const qsizetype cut = arn.lastIndexOf(QLatin1String("/stream/"));
    const QString label = cut >= 0 ? arn.mid(cut + 8) : arn;
    streamInfo_->setText(tr("<b>%1</b> · %2 · stream %3")
                             .arg(table.toHtmlEscaped(), tail_.viewType().toHtmlEscaped(), label.toHtmlEscaped()));
    streamInfo_->setToolTip(arn);
  }
  // Filters and pause mean nothing without records to show.
  controlsRow_->setVisible(pages_->currentIndex() == 0);
  const bool following = state == StreamTail::State::Following || state == StreamTail::State::Starting;
  pause_->setEnabled(following || pause_->isChecked());  // a paused list can always be resumed
  fromStart_->setEnabled(!table.isEmpty());
  updateStatus();
}

void StreamTailPanel::onRecords(const std::vector<StreamRecordEntry>& records) {
  // Follow the newest records while the list is scrolled to the bottom, as
  // `tail -f` does; leave the view alone while the user reads older ones.
  QScrollBar* bar = records_->verticalScrollBar();
  const bool atBottom = bar->value() >= bar->maximum() - 2;
  model_.appendRecords(records);
  if (atBottom) records_->scrollToBottom();
  updateStatus();
}

void StreamTailPanel::updatePauseText() {
  if (!pause_->isChecked()) {
    pause_->setText(tr("Pause"));
  } else if (tail_.heldBack() > 0) {
    pause_->setText(tr("Resume (%1 new)").arg(tail_.heldBack()));
  } else {
    pause_->setText(tr("Resume"));
  }
}

void StreamTailPanel::updateStatus() {
  QString text;
  switch (tail_.state()) {
    case StreamTail::State::Idle:
    case StreamTail::State::NoStream: break;
    case StreamTail::State::Starting: text = tr("Starting…"); break;
    case StreamTail::State::Following:
      text = tail_.paused() ? tr("Paused · %1 held back").arg(counted(tail_.heldBack(), "new record", "new records"))
                            : tr("Following · %1").arg(counted(tail_.openShards(), "open shard", "open shards"));
      break;
    case StreamTail::State::Stopped: text = tr("Stopped"); break;
  }
  if (tail_.state() != StreamTail::State::Idle && tail_.state() != StreamTail::State::NoStream) {
    text += " · " + counted(model_.rowCount(), "record shown", "records shown");
  }
  status_->setText(text);
}

void StreamTailPanel::showRecord(const QModelIndex& proxyIndex) {
  const QModelIndex source = filter_.mapToSource(proxyIndex);
  if (source.isValid()) {
    shown_ = model_.recordAt(source.row());
  } else {
    shown_.reset();
  }
  renderDetail();
}

void StreamTailPanel::renderDetail() {
  detail_->clear();
  if (!shown_) {
    detailHeader_->setText(tr("Select a record to see its images."));
    detail_->setHeaderLabels({tr("Attribute"), tr("Value"), QString()});
    detail_->setColumnHidden(NewColumn, true);
    return;
  }
  const StreamRecordEntry& r = *shown_;
  const QPalette& pal = palette();
  const QDateTime when =
      QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(r.approximateCreationSeconds * 1000.0), Qt::UTC);
  detailHeader_->setText(
      tr("<span style='color:%1'><b>%2</b></span> %3 · %4<br><small>%5 · sequence number %6 · %7 bytes</small>")
          .arg(StreamRecordModel::eventColor(r.type, pal).name(), streamEventName(r.type),
               StreamRecordModel::keysText(r.keys, tail_.keyAttributes()).toHtmlEscaped(),
               StreamRecordModel::changeSummary(r).toHtmlEscaped(),
               when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
               QString::fromStdString(r.sequenceNumber).toHtmlEscaped(), QString::number(r.sizeBytes)));

  if (r.type == StreamEventType::Modify && r.oldImage && r.newImage) {
    detail_->setHeaderLabels({tr("Attribute"), tr("Old image"), tr("New image")});
    detail_->setColumnHidden(NewColumn, false);
    const QColor added = tint(pal, kGreen);
    const QColor removed = tint(pal, kRed);
    const QColor changed = tint(pal, kAmber);
    const QColor dim = pal.color(QPalette::PlaceholderText);
    std::vector<QTreeWidgetItem*> parents;  // by depth
    for (const ImageDiffLine& line : diffImages(*r.oldImage, *r.newImage)) {
      parents.resize(static_cast<std::size_t>(line.depth));
      QTreeWidgetItem* parent = line.depth > 0 ? parents.back() : nullptr;
      auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(detail_);
      QString label = QString::fromStdString(line.label);
      if (line.setMember) label = (line.kind == DiffKind::Added ? "+ " : "− ") + label;
      item->setText(PathColumn, label);
      item->setToolTip(PathColumn, QString::fromStdString(line.path));
      item->setData(PathColumn, DiffPathRole, QString::fromStdString(line.path));
      item->setData(PathColumn, DiffKindRole, static_cast<int>(line.kind));
      if (line.oldValue) setValueCell(item, OldColumn, *line.oldValue, line.container);
      if (line.newValue) setValueCell(item, NewColumn, *line.newValue, line.container);
      switch (line.kind) {
        case DiffKind::Added:
          for (int c = 0; c < 3; ++c) item->setBackground(c, added);
          break;
        case DiffKind::Removed:
          for (int c = 0; c < 3; ++c) item->setBackground(c, removed);
          break;
        case DiffKind::Changed:
          item->setBackground(PathColumn, changed);
          if (!line.container) {
            item->setBackground(OldColumn, removed);
            item->setBackground(NewColumn, added);
          }
          break;
        case DiffKind::Unchanged:
          for (int c = 0; c < 3; ++c) item->setForeground(c, dim);
          break;
      }
      if (line.kind != DiffKind::Unchanged) {
        QFont f = item->font(PathColumn);
        f.setBold(true);
        item->setFont(PathColumn, f);
      }
      parents.push_back(item);
      if (parent) parent->setExpanded(true);
    }
    return;
  }

  // An INSERT's new image, a REMOVE's old image, or what the view type kept.
  detail_->setColumnHidden(NewColumn, true);
  const Item* image = nullptr;
  QString heading = tr("Keys");
  if (r.type == StreamEventType::Remove && r.oldImage) {
    image = &*r.oldImage;
    heading = tr("Old image");
  } else if (r.newImage) {
    image = &*r.newImage;
    heading = tr("New image");
  } else if (r.oldImage) {
    image = &*r.oldImage;
    heading = tr("Old image");
  } else {
    image = &r.keys;
  }
  detail_->setHeaderLabels({tr("Attribute"), heading, QString()});
  for (const auto& [name, value] : *image) addImageValue(nullptr, detail_, QString::fromStdString(name), pathStep(name), value);
  detail_->expandAll();
}

void StreamTailPanel::changeEvent(QEvent* event) {
  // The tints are mixed from the palette: mix them again after a theme switch.
  if (event->type() == QEvent::PaletteChange) {
    renderDetail();
    if (tail_.state() == StreamTail::State::Stopped) onStateChanged(StreamTail::State::Stopped);
  }
  QWidget::changeEvent(event);
}

}  // namespace dynadesk::ui
