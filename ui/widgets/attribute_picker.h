// AttributePicker: the "Included attributes" cell of the create-table
// dialog's index table — a button that shows the names an INCLUDE projection
// copies into its index ("Choose…" while there are none) and opens a small
// popup to pick them.
//
// The popup lists, with a check box each, every name the dialog offers
// (setCandidates) and every name typed into it, except the names the index
// holds anyway (setAlwaysProjected: the table's keys and the index's own
// keys), and lets the user type a new name, or remove a typed one.
//
// Contract:
//  - chosen() is in the order the names were chosen, each name once, never
//    empty; setChosen() trims, drops empty names and duplicates (the first
//    one stays) and keeps an always-projected name that was chosen before it
//    became a key, so validate() can name the mistake rather than the picker
//    hiding it.
//  - chosenChanged is emitted only when chosen() changes, and only from the
//    setters that change the choice (setChosen, addName, setNameChosen,
//    removeName); setCandidates and setAlwaysProjected never emit it, so the
//    dialog may call them from its own refresh.
//  - The picker does not look at the projection: the dialog disables it
//    unless the projection is INCLUDE, and leaves the choice alone meanwhile.
//
// Thread-safety: GUI thread only. The popup belongs to the picker and is
// deleted when it closes.
#pragma once

#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QStringList>
#include <QToolButton>

namespace dynadesk::ui {

class AttributePickerPopup;

class AttributePicker : public QToolButton {
  Q_OBJECT
 public:
  explicit AttributePicker(QWidget* parent = nullptr);

  QStringList chosen() const { return chosen_; }
  void setChosen(const QStringList& names);
  // Names offered unchecked unless chosen (any always-projected one is not shown).
  void setCandidates(const QStringList& names);
  void setAlwaysProjected(const QStringList& names);
  QStringList alwaysProjected() const { return alwaysProjected_; }
  // What the popup lists: candidates, typed names and chosen names, without
  // the always-projected ones, sorted case-insensitively.
  QStringList offered() const;

  // Adds a typed name and chooses it. Returns why it was refused (an empty
  // or over-long name, or a key), or an empty string when it was taken. A
  // name already offered is simply chosen.
  QString addName(const QString& name);
  void setNameChosen(const QString& name, bool chosen);
  // Only names typed into the picker can be removed: the others come from the
  // dialog and would come back. Removing also unchooses it.
  bool canRemove(const QString& name) const;
  void removeName(const QString& name);

  // Opens the popup under the button (or returns the open one).
  AttributePickerPopup* openPopup();
  AttributePickerPopup* popup() const { return popup_; }

 signals:
  void chosenChanged(const QStringList& names);
  // The offered or always-projected names changed (the open popup lists them again).
  void offeredChanged();

 protected:
  void resizeEvent(QResizeEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void chose(QStringList names);
  void updateText();

  QStringList chosen_;
  QStringList candidates_;
  QStringList typed_;
  QStringList alwaysProjected_;
  QPointer<AttributePickerPopup> popup_;
};

// The popup: a checkable list of the offered names, a line to type a new one
// with Add, Remove for typed names, and a line saying why a name was refused.
class AttributePickerPopup : public QFrame {
  Q_OBJECT
 public:
  explicit AttributePickerPopup(AttributePicker* picker);

  QListWidget* list() const { return list_; }
  QLineEdit* nameEdit() const { return name_; }
  QToolButton* addButton() const { return add_; }
  QToolButton* removeButton() const { return remove_; }
  QLabel* hintLabel() const { return hint_; }
  QLabel* keysLabel() const { return keys_; }

 private:
  void relist();
  void addTyped();
  void setHint(const QString& text);
  void updateRemove();

  AttributePicker* picker_;
  QListWidget* list_;
  QLineEdit* name_;
  QToolButton* add_;
  QToolButton* remove_;
  QLabel* hint_;
  QLabel* keys_;
};

}  // namespace dynadesk::ui
