#include "widgets/attribute_picker.h"

#include <algorithm>

#include <QEvent>
#include <QHBoxLayout>
#include <QResizeEvent>
#include <QScreen>
#include <QVBoxLayout>

namespace dynadesk::ui {

namespace {

// DynamoDB's length limit for an attribute name in NonKeyAttributes.
constexpr int kMaxNameLength = 255;

// Trimmed, without empty names, each name once (the first occurrence keeps its place).
QStringList cleaned(const QStringList& names) {
  QStringList out;
  for (const QString& n : names) {
    const QString t = n.trimmed();
    if (!t.isEmpty() && !out.contains(t)) out << t;
  }
  return out;
}

void sortCaseInsensitively(QStringList& names) {
  std::sort(names.begin(), names.end(),
            [](const QString& a, const QString& b) { return QString::compare(a, b, Qt::CaseInsensitive) < 0; });
}

}  // namespace

AttributePicker::AttributePicker(QWidget* parent) : QToolButton(parent) {
  setObjectName("attributePicker");
  setToolButtonStyle(Qt::ToolButtonTextOnly);
  // The cell decides the width; the text is elided to fit it.
  setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  connect(this, &QToolButton::clicked, this, [this] { openPopup(); });
  updateText();
}

void AttributePicker::setChosen(const QStringList& names) {
  const QStringList wanted = cleaned(names);
  // A name handed in that the dialog does not offer is kept as if typed, so
  // unchecking it later leaves it in the list to check again.
  const QStringList known = offered();
  bool typedMore = false;
  for (const QString& n : wanted) {
    if (!known.contains(n) && !alwaysProjected_.contains(n) && !typed_.contains(n)) {
      typed_ << n;
      typedMore = true;
    }
  }
  if (typedMore) emit offeredChanged();
  chose(wanted);
}

void AttributePicker::setCandidates(const QStringList& names) {
  const QStringList c = cleaned(names);
  if (c == candidates_) return;
  candidates_ = c;
  emit offeredChanged();
}

void AttributePicker::setAlwaysProjected(const QStringList& names) {
  const QStringList k = cleaned(names);
  if (k == alwaysProjected_) return;
  alwaysProjected_ = k;
  emit offeredChanged();
}

QStringList AttributePicker::offered() const {
  QStringList all = cleaned(candidates_ + typed_ + chosen_);
  all.removeIf([this](const QString& n) { return alwaysProjected_.contains(n); });
  sortCaseInsensitively(all);
  return all;
}

QString AttributePicker::addName(const QString& typed) {
  const QString name = typed.trimmed();
  if (name.isEmpty()) return tr("Type the attribute's name.");
  if (name.size() > kMaxNameLength) return tr("Attribute names are 1 to %1 characters long.").arg(kMaxNameLength);
  if (alwaysProjected_.contains(name)) return tr("“%1” is a key: the index holds it anyway.").arg(name);
  if (!offered().contains(name)) {
    typed_ << name;
    emit offeredChanged();
  }
  setNameChosen(name, true);
  return {};
}

void AttributePicker::setNameChosen(const QString& name, bool on) {
  QStringList next = chosen_;
  if (on && !next.contains(name)) next << name;
  if (!on) next.removeAll(name);
  chose(next);
}

bool AttributePicker::canRemove(const QString& name) const {
  return typed_.contains(name) && !candidates_.contains(name);
}

void AttributePicker::removeName(const QString& name) {
  if (!canRemove(name)) return;
  typed_.removeAll(name);
  emit offeredChanged();
  setNameChosen(name, false);
}

void AttributePicker::chose(QStringList names) {
  if (names == chosen_) return;
  chosen_ = std::move(names);
  updateText();
  emit chosenChanged(chosen_);
}

AttributePickerPopup* AttributePicker::openPopup() {
  if (popup_) return popup_;
  popup_ = new AttributePickerPopup(this);
  popup_->adjustSize();
  popup_->resize(std::max(popup_->width(), width()), popup_->height());
  // Below the button, kept on its screen.
  QPoint at = mapToGlobal(QPoint(0, height()));
  if (QScreen* s = screen()) {
    const QRect room = s->availableGeometry();
    if (at.y() + popup_->height() > room.bottom()) at.setY(mapToGlobal(QPoint(0, 0)).y() - popup_->height());
    at.setX(std::clamp(at.x(), room.left(), std::max(room.left(), room.right() - popup_->width())));
  }
  popup_->move(at);
  popup_->show();
  popup_->nameEdit()->setFocus();
  return popup_;
}

void AttributePicker::updateText() {
  const QString full = chosen_.isEmpty() ? tr("Choose…") : chosen_.join(", ");
  // Room for the button's frame and margins.
  const int room = std::max(40, width() - 16);
  setText(fontMetrics().elidedText(full, Qt::ElideRight, room));
  setToolTip(chosen_.isEmpty() ? tr("Choose the non-key attributes to copy into the index")
                               : tr("Copied into the index: %1").arg(chosen_.join(", ")));
}

void AttributePicker::resizeEvent(QResizeEvent* event) {
  QToolButton::resizeEvent(event);
  updateText();
}

void AttributePicker::changeEvent(QEvent* event) {
  QToolButton::changeEvent(event);
  if (event->type() == QEvent::EnabledChange && !isEnabled() && popup_) popup_->close();
}

AttributePickerPopup::AttributePickerPopup(AttributePicker* picker) : QFrame(picker, Qt::Popup), picker_(picker) {
  setObjectName("attributePickerPopup");
  setAttribute(Qt::WA_DeleteOnClose);
  setFrameShape(QFrame::StyledPanel);

  auto* title = new QLabel(tr("Attributes to include"));
  QFont bold = title->font();
  bold.setBold(true);
  title->setFont(bold);
  list_ = new QListWidget;
  list_->setObjectName("attributeList");
  list_->setMinimumHeight(140);
  name_ = new QLineEdit;
  name_->setObjectName("newAttributeName");
  name_->setPlaceholderText(tr("New attribute name"));
  name_->setMaxLength(kMaxNameLength + 1);  // one over, so an over-long name is refused in words
  name_->setClearButtonEnabled(true);
  add_ = new QToolButton;
  add_->setText(tr("Add"));
  remove_ = new QToolButton;
  remove_->setText(tr("Remove"));
  hint_ = new QLabel;
  hint_->setWordWrap(true);
  hint_->setObjectName("attributePickerHint");
  hint_->hide();
  keys_ = new QLabel;
  keys_->setWordWrap(true);
  keys_->setObjectName("attributePickerKeys");
  keys_->setForegroundRole(QPalette::PlaceholderText);

  auto* typeRow = new QHBoxLayout;
  typeRow->addWidget(name_, 1);
  typeRow->addWidget(add_);
  typeRow->addWidget(remove_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 8, 10, 8);
  layout->addWidget(title);
  layout->addWidget(keys_);
  layout->addWidget(list_, 1);
  layout->addLayout(typeRow);
  layout->addWidget(hint_);
  setMinimumWidth(300);

  connect(add_, &QToolButton::clicked, this, &AttributePickerPopup::addTyped);
  connect(name_, &QLineEdit::returnPressed, this, &AttributePickerPopup::addTyped);
  connect(name_, &QLineEdit::textChanged, this, [this] { add_->setEnabled(!name_->text().trimmed().isEmpty()); });
  connect(remove_, &QToolButton::clicked, this, [this] {
    if (QListWidgetItem* item = list_->currentItem()) picker_->removeName(item->text());
  });
  connect(list_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
    picker_->setNameChosen(item->text(), item->checkState() == Qt::Checked);
  });
  connect(list_, &QListWidget::currentItemChanged, this, &AttributePickerPopup::updateRemove);
  connect(picker_, &AttributePicker::offeredChanged, this, &AttributePickerPopup::relist);
  connect(picker_, &AttributePicker::chosenChanged, this, &AttributePickerPopup::relist);
  add_->setEnabled(false);
  relist();
}

void AttributePickerPopup::relist() {
  const QStringList names = picker_->offered();
  const QStringList chosen = picker_->chosen();
  QStringList shown;
  for (int i = 0; i < list_->count(); ++i) shown << list_->item(i)->text();
  const QString current = list_->currentItem() ? list_->currentItem()->text() : QString();
  // Only check marks change while the user ticks names, so the rows (and the
  // one being clicked) stay; the list is rebuilt only when names come or go.
  const QSignalBlocker quiet(list_);
  if (shown != names) {
    list_->clear();
    for (const QString& n : names) {
      auto* item = new QListWidgetItem(n, list_);
      item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    }
  }
  for (int i = 0; i < list_->count(); ++i) {
    QListWidgetItem* item = list_->item(i);
    item->setCheckState(chosen.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
    if (item->text() == current) list_->setCurrentItem(item);
  }
  const QString nothingYet = tr("Nothing to offer yet: type a name and press Add.");
  if (names.isEmpty()) setHint(nothingYet);
  else if (hint_->text() == nothingYet) setHint({});
  const QStringList keys = picker_->alwaysProjected();
  keys_->setText(keys.isEmpty() ? tr("The index always holds its keys and the table's.")
                                : tr("Always in the index, as keys: %1").arg(keys.join(", ")));
  updateRemove();
}

void AttributePickerPopup::addTyped() {
  const QString name = name_->text().trimmed();
  const QString problem = picker_->addName(name);
  setHint(problem);
  if (!problem.isEmpty()) return;
  name_->clear();
  const QList<QListWidgetItem*> found = list_->findItems(name, Qt::MatchExactly);
  if (!found.isEmpty()) list_->setCurrentItem(found.first());
}

void AttributePickerPopup::setHint(const QString& text) {
  hint_->setText(text);
  // An empty line would leave a gap under the name box.
  hint_->setVisible(!text.isEmpty());
}

void AttributePickerPopup::updateRemove() {
  const QListWidgetItem* item = list_->currentItem();
  remove_->setEnabled(item && picker_->canRemove(item->text()));
  remove_->setToolTip(item && !picker_->canRemove(item->text())
                          ? tr("Only names typed here can be removed; uncheck the others")
                          : tr("Remove the selected name"));
}

}  // namespace dynadesk::ui
