// ItemEditorDialog: views and edits one item without ever losing a type.
//
// Two views of the same item: a Form (AttributeTreeModel: add, remove, rename
// and retype attributes, edit maps and lists in place, sets as sets) and JSON,
// switchable between DynamoDB JSON and plain JSON (plain_json.h keeps sets,
// binary and every digit of a number). Problems are shown as they appear, in
// DynamoDB's words (key schema, types, sizes, numbers, sets).
//
// Saving (item_save.h) re-reads the item consistently and then sends a PutItem
// conditioned on it being unchanged since it was loaded; if someone else
// changed it, the user sees both versions and chooses: overwrite with theirs
// kept aside, take theirs, or keep editing.
//
// Thread-safety: GUI thread only. Every engine call goes through the runner.
#pragma once

#include <optional>

#include <QDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTabWidget>
#include <QTreeView>

#include "client/request_runner.h"
#include "format/item_save.h"
#include "models/attribute_tree_model.h"

namespace dynadesk::ui {

class ItemEditorDialog : public QDialog {
  Q_OBJECT
 public:
  enum class Resolution { Overwrite, TakeTheirs, KeepEditing };

  // `item` is the loaded item (isNew false), a template for a new item (a
  // duplicate), or empty. The key schema is read with DescribeTable.
  ItemEditorDialog(RequestRunner& runner, const QString& table, const Item& item, bool isNew, QWidget* parent = nullptr);

  // The item as the current view holds it, or the problem with it.
  Result<Item> currentItem();
  void setJsonView(bool plain);

  AttributeTreeModel& form() { return form_; }
  QTreeView* formView() const { return tree_; }
  QPlainTextEdit* jsonEdit() const { return json_; }
  QTabWidget* tabs() const { return tabs_; }
  QPushButton* saveButton() const { return save_; }
  QLabel* problemLabel() const { return problem_; }

 signals:
  void saved(const QString& table, const dynadesk::Item& item);
  // A conflict is waiting for the user's choice (tests answer it with resolveConflict).
  void conflict(const dynadesk::Item& mine, const std::optional<dynadesk::Item>& theirs);

 public:
  void resolveConflict(Resolution choice);
  void save();

 private:
  void onTabChanged(int index);
  void validateNow();
  bool syncFromJson();  // JSON text -> form; false (and a message) when it does not parse
  void renderJson(const Item& item);
  void showProblem(const QString& text, bool error);
  void sendPut(const Item& item, const std::optional<Item>& expected);
  void askAboutConflict(const Item& mine, const std::optional<Item>& theirs);

  RequestRunner& runner_;
  QString table_;
  std::vector<KeyAttribute> keys_;
  std::optional<Item> original_;  // what was loaded (absent for a new item)
  Item lastGood_;                 // the last item that parsed: type hints for plain JSON
  Item pendingMine_;              // waiting on a conflict decision
  std::optional<Item> pendingTheirs_;
  bool plain_ = false;
  bool busy_ = false;

  AttributeTreeModel form_;
  QTabWidget* tabs_;
  QTreeView* tree_;
  QPlainTextEdit* json_;
  QRadioButton* dynamoJson_;
  QRadioButton* plainJson_;
  QLabel* problem_;
  QPushButton* save_;
};

}  // namespace dynadesk::ui
