#include "widgets/item_editor_dialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QMessageBox>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include "dynadesk/attribute_json.h"
#include "dynadesk/error_details.h"
#include "format/plain_json.h"
#include "widgets/attribute_type_delegate.h"

namespace dynadesk::ui {

namespace {
constexpr int kFormTab = 0;
constexpr int kJsonTab = 1;
}  // namespace

ItemEditorDialog::ItemEditorDialog(RequestRunner& runner, const QString& table, const Item& item, bool isNew,
                                   QWidget* parent)
    : QDialog(parent), runner_(runner), table_(table) {
  setWindowTitle(isNew ? tr("New item in %1").arg(table) : tr("Edit item in %1").arg(table));
  setObjectName("itemEditor");
  if (!isNew) original_ = item;
  lastGood_ = item;

  // Form
  form_.setItem(item);
  tree_ = new QTreeView;
  tree_->setModel(&form_);
  tree_->setItemDelegate(new AttributeTypeDelegate(tree_));
  tree_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                         QAbstractItemView::SelectedClicked);
  tree_->setAlternatingRowColors(true);
  tree_->header()->setSectionResizeMode(AttributeTreeModel::NameColumn, QHeaderView::Interactive);
  tree_->header()->resizeSection(AttributeTreeModel::NameColumn, 200);
  tree_->header()->resizeSection(AttributeTreeModel::TypeColumn, 70);
  tree_->header()->setStretchLastSection(true);
  tree_->expandAll();
  auto* add = new QToolButton;
  add->setText(tr("Add attribute"));
  add->setIcon(QIcon(":/icons/add-attribute"));
  add->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  add->setToolTip(tr("Add an attribute to the item, or to the selected map, list or set (Ctrl+Shift+A)"));
  add->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
  auto* remove = new QToolButton;
  remove->setText(tr("Remove"));
  remove->setIcon(QIcon(":/icons/delete"));
  remove->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  remove->setToolTip(tr("Remove the selected attribute, element or member"));
  auto* formPage = new QWidget;
  auto* formLayout = new QVBoxLayout(formPage);
  auto* formBar = new QHBoxLayout;
  formBar->addWidget(add);
  formBar->addWidget(remove);
  formBar->addStretch(1);
  formLayout->addLayout(formBar);
  formLayout->addWidget(tree_);

  // JSON
  json_ = new QPlainTextEdit;
  json_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  json_->setLineWrapMode(QPlainTextEdit::NoWrap);
  dynamoJson_ = new QRadioButton(tr("DynamoDB JSON"));
  plainJson_ = new QRadioButton(tr("Plain JSON"));
  dynamoJson_->setChecked(true);
  dynamoJson_->setToolTip(tr("Every value with its type, as the API carries it"));
  plainJson_->setToolTip(tr("Values only; sets, binary and numbers keep their types from the item"));
  auto* jsonPage = new QWidget;
  auto* jsonLayout = new QVBoxLayout(jsonPage);
  auto* jsonBar = new QHBoxLayout;
  jsonBar->addWidget(dynamoJson_);
  jsonBar->addWidget(plainJson_);
  jsonBar->addStretch(1);
  jsonLayout->addLayout(jsonBar);
  jsonLayout->addWidget(json_);

  tabs_ = new QTabWidget;
  tabs_->addTab(formPage, tr("Form"));
  tabs_->addTab(jsonPage, tr("JSON"));

  problem_ = new QLabel;
  problem_->setWordWrap(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
  save_ = buttons->addButton(isNew ? tr("Create item") : tr("Save"), QDialogButtonBox::AcceptRole);
  save_->setDefault(true);
  save_->setEnabled(false);  // until the key schema is known
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(tabs_, 1);
  layout->addWidget(problem_);
  layout->addWidget(buttons);
  resize(760, 620);

  connect(add, &QToolButton::clicked, this, [this] {
    const QModelIndex at = form_.addChild(tree_->currentIndex());
    tree_->expand(at.parent());
    tree_->setCurrentIndex(at);
    tree_->edit(at);
  });
  connect(remove, &QToolButton::clicked, this, [this] { form_.removeAt(tree_->currentIndex().siblingAtColumn(0)); });
  connect(&form_, &AttributeTreeModel::editRefused, this, [this](const QString& m) { showProblem(m, true); });
  for (auto signal : {&QAbstractItemModel::dataChanged}) connect(&form_, signal, this, &ItemEditorDialog::validateNow);
  connect(&form_, &QAbstractItemModel::rowsInserted, this, &ItemEditorDialog::validateNow);
  connect(&form_, &QAbstractItemModel::rowsRemoved, this, &ItemEditorDialog::validateNow);
  connect(json_, &QPlainTextEdit::textChanged, this, &ItemEditorDialog::validateNow);
  connect(tabs_, &QTabWidget::currentChanged, this, &ItemEditorDialog::onTabChanged);
  connect(plainJson_, &QRadioButton::toggled, this, [this](bool plain) { setJsonView(plain); });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(save_, &QPushButton::clicked, this, &ItemEditorDialog::save);

  renderJson(item);
  showProblem(tr("Reading the table's key schema…"), false);
  runner_.run("DescribeTable", {{"TableName", table_.toStdString()}}, this, [this](Result<nlohmann::json> r) {
    if (!r) {
      showProblem(tr("Cannot edit items of this table: %1").arg(QString::fromStdString(r.status().message())), true);
      return;
    }
    const auto& t = (*r)["Table"];
    for (const auto& k : t["KeySchema"]) {
      KeyAttribute key{k["AttributeName"].get<std::string>(), "S"};
      for (const auto& d : t["AttributeDefinitions"]) {
        if (d["AttributeName"] == k["AttributeName"]) key.type = d["AttributeType"].get<std::string>();
      }
      if (k["KeyType"] == "HASH") keys_.insert(keys_.begin(), key);
      else keys_.push_back(key);
    }
    std::vector<std::string> keyNames;
    for (const auto& k : keys_) keyNames.push_back(k.name);
    form_.setKeyNames(keyNames);
    // A new item starts with its key attributes, typed, ready to fill in.
    if (!original_ && lastGood_.empty()) {
      Item blank;
      for (const auto& k : keys_) {
        if (k.type == "N") blank.emplace(k.name, AttributeValue::number(Number::zero()));
        else if (k.type == "B") blank.emplace(k.name, AttributeValue::binary(""));
        else blank.emplace(k.name, AttributeValue::string(""));
      }
      form_.setItem(blank);
      lastGood_ = blank;
      renderJson(blank);
      tree_->setCurrentIndex(form_.index(0, AttributeTreeModel::ValueColumn));
    }
    validateNow();
  });
}

Result<Item> ItemEditorDialog::currentItem() {
  if (tabs_->currentIndex() == kJsonTab) {
    const std::string text = json_->toPlainText().toStdString();
    return plain_ ? itemFromPlainJson(text, lastGood_) : itemFromDynamoJson(text);
  }
  return form_.item();
}

void ItemEditorDialog::renderJson(const Item& item) {
  const QSignalBlocker block(json_);
  json_->setPlainText(QString::fromStdString(plain_ ? itemToPlainJson(item) : itemToDynamoJson(item)));
}

void ItemEditorDialog::setJsonView(bool plain) {
  if (plain == plain_) return;
  // Read the text in the format it is written in, then show it in the other.
  Result<Item> item = currentItem();
  if (!item) {
    const QSignalBlocker block(plainJson_);
    const QSignalBlocker block2(dynamoJson_);
    (plain_ ? plainJson_ : dynamoJson_)->setChecked(true);
    showProblem(tr("Fix this first: %1").arg(QString::fromStdString(item.status().message())), true);
    return;
  }
  plain_ = plain;
  {
    const QSignalBlocker block(plainJson_);
    const QSignalBlocker block2(dynamoJson_);
    (plain_ ? plainJson_ : dynamoJson_)->setChecked(true);
  }
  lastGood_ = *item;
  renderJson(*item);
  validateNow();
}

void ItemEditorDialog::onTabChanged(int index) {
  if (index == kJsonTab) {
    // Form -> JSON: a form that does not make an item yet still shows as far as it can.
    Result<Item> item = form_.item();
    if (item) {
      lastGood_ = *item;
      renderJson(*item);
    }
  } else if (!syncFromJson()) {
    const QSignalBlocker block(tabs_);
    tabs_->setCurrentIndex(kJsonTab);
  }
  validateNow();
}

bool ItemEditorDialog::syncFromJson() {
  const std::string text = json_->toPlainText().toStdString();
  Result<Item> item = plain_ ? itemFromPlainJson(text, lastGood_) : itemFromDynamoJson(text);
  if (!item) {
    showProblem(tr("The JSON cannot become an item: %1").arg(QString::fromStdString(item.status().message())), true);
    return false;
  }
  lastGood_ = *item;
  form_.setItem(*item);
  tree_->expandAll();
  return true;
}

void ItemEditorDialog::showProblem(const QString& text, bool error) {
  problem_->setText(text);
  problem_->setStyleSheet(error ? "color: #c0392b;" : "color: palette(mid);");
}

void ItemEditorDialog::validateNow() {
  if (keys_.empty()) return;
  Result<Item> item = currentItem();
  Status st = item ? checkItemForTable(*item, keys_) : item.status();
  if (!st.isOk()) {
    showProblem(QString::fromStdString(st.message()), true);
    save_->setEnabled(false);
    return;
  }
  const bool keyChanged = original_ && !sameKey(*original_, *item, keys_);
  showProblem(keyChanged ? tr("The key changed: saving creates another item and leaves the original as it is.")
                         : tr("Ready to save."),
              false);
  save_->setEnabled(!busy_);
}

void ItemEditorDialog::save() {
  Result<Item> item = currentItem();
  if (!item) return validateNow();
  if (Status st = checkItemForTable(*item, keys_); !st.isOk()) return validateNow();
  busy_ = true;
  save_->setEnabled(false);
  showProblem(tr("Saving…"), false);
  const Item mine = *item;
  if (!original_ || !sameKey(*original_, mine, keys_)) {
    sendPut(mine, std::nullopt);
    return;
  }
  // Re-read the item first: the condition compares the attributes we loaded,
  // and this also catches attributes someone else added.
  nlohmann::json key = nlohmann::json::object();
  for (const auto& k : keys_) key[k.name] = toJson(mine.find(k.name)->second);
  runner_.run("GetItem", {{"TableName", table_.toStdString()}, {"Key", key}, {"ConsistentRead", true}}, this,
              [this, mine](Result<nlohmann::json> r) {
                if (!r) {
                  busy_ = false;
                  showProblem(tr("Not saved: %1").arg(QString::fromStdString(r.status().message())), true);
                  save_->setEnabled(true);
                  return;
                }
                std::optional<Item> current;
                if (r->contains("Item")) {
                  if (auto parsed = itemFromJson((*r)["Item"])) current = *parsed;
                }
                if (!current || !(*current == *original_)) {
                  askAboutConflict(mine, current);
                  return;
                }
                sendPut(mine, original_);
              });
}

void ItemEditorDialog::sendPut(const Item& item, const std::optional<Item>& expected) {
  const nlohmann::json request = putItemRequest(table_.toStdString(), keys_, item, expected);
  runner_.run("PutItem", request, this, [this, item](Result<nlohmann::json> r) {
    if (r) {
      busy_ = false;
      emit saved(table_, item);
      accept();
      return;
    }
    if (r.status().type() == ErrorType::ConditionalCheckFailedException) {
      // Someone changed the item, or (for a new item) its key is taken.
      std::optional<Item> theirs;
      if (const ErrorDetails* d = r.status().details()) theirs = d->item;
      askAboutConflict(item, theirs);
      return;
    }
    busy_ = false;
    showProblem(tr("Not saved: %1").arg(QString::fromStdString(r.status().message())), true);
    save_->setEnabled(true);
  });
}

void ItemEditorDialog::askAboutConflict(const Item& mine, const std::optional<Item>& theirs) {
  pendingMine_ = mine;
  pendingTheirs_ = theirs;
  emit conflict(mine, theirs);
  if (!isVisible()) return;  // tests answer through resolveConflict()

  QDialog ask(this);
  ask.setWindowTitle(tr("The item changed"));
  auto* text = new QLabel(theirs ? tr("Someone else changed this item after you opened it (or an item with this key "
                                      "already exists). Compare the two versions and choose.")
                                 : tr("Someone else deleted this item after you opened it."));
  text->setWordWrap(true);
  auto pane = [](const QString& title, const std::optional<Item>& item) {
    auto* w = new QWidget;
    auto* v = new QVBoxLayout(w);
    v->setContentsMargins(0, 0, 0, 0);
    v->addWidget(new QLabel(title));
    auto* edit = new QPlainTextEdit(item ? QString::fromStdString(itemToDynamoJson(*item)) : QObject::tr("(deleted)"));
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    v->addWidget(edit);
    return w;
  };
  auto* split = new QSplitter;
  split->addWidget(pane(tr("Yours"), mine));
  split->addWidget(pane(tr("Now in the table"), theirs));
  auto* buttons = new QDialogButtonBox;
  QPushButton* overwrite = buttons->addButton(tr("Save mine"), QDialogButtonBox::AcceptRole);
  QPushButton* take = buttons->addButton(theirs ? tr("Take theirs") : tr("Discard mine"), QDialogButtonBox::DestructiveRole);
  QPushButton* keep = buttons->addButton(tr("Keep editing"), QDialogButtonBox::RejectRole);
  auto* layout = new QVBoxLayout(&ask);
  layout->addWidget(text);
  layout->addWidget(split, 1);
  layout->addWidget(buttons);
  ask.resize(900, 500);
  Resolution choice = Resolution::KeepEditing;
  connect(overwrite, &QPushButton::clicked, &ask, [&] { choice = Resolution::Overwrite; ask.accept(); });
  connect(take, &QPushButton::clicked, &ask, [&] { choice = Resolution::TakeTheirs; ask.accept(); });
  connect(keep, &QPushButton::clicked, &ask, &QDialog::reject);
  ask.exec();
  resolveConflict(choice);
}

void ItemEditorDialog::resolveConflict(Resolution choice) {
  switch (choice) {
    case Resolution::Overwrite:
      // Theirs becomes what we expect, so the write goes through unless it changes yet again.
      original_ = pendingTheirs_;
      sendPut(pendingMine_, pendingTheirs_);
      return;
    case Resolution::TakeTheirs:
      busy_ = false;
      if (pendingTheirs_) {
        original_ = pendingTheirs_;
        lastGood_ = *pendingTheirs_;
        form_.setItem(*pendingTheirs_);
        tree_->expandAll();
        renderJson(*pendingTheirs_);
        showProblem(tr("Showing the version now in the table."), false);
        validateNow();
      } else {
        reject();
      }
      return;
    case Resolution::KeepEditing:
      busy_ = false;
      validateNow();
      return;
  }
}

}  // namespace dynadesk::ui
