// OperationLibraryPane: the query builder's left pane — saved operations (by
// name) and the history of every operation run (newest first, searchable), from
// an OperationLibrary. Choosing an entry (double-click or Return) hands its
// spec to the builder; saved entries can be renamed and deleted, the history
// cleared.
//
// The pane only reads the library and asks it to change; it refreshes when
// told (refresh()), since the builder records runs itself.
//
// Thread-safety: GUI thread only. Borrows the library.
#pragma once

#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QWidget>

#include "operation/operation_library.h"

namespace dynadesk::ui {

class OperationLibraryPane : public QWidget {
  Q_OBJECT
 public:
  explicit OperationLibraryPane(OperationLibrary& library, QWidget* parent = nullptr);

  void refresh();
  // One line for an operation in a list: "Query Music · GenreIndex".
  static QString title(const OperationSpec& spec);

  QListWidget* savedList() const { return saved_; }
  QListWidget* historyList() const { return history_; }
  QLineEdit* searchEdit() const { return search_; }
  QTabWidget* tabs() const { return tabs_; }

 signals:
  void chosen(const dynadesk::ui::OperationSpec& spec, const QString& savedName);
  void message(const QString& text);

 private:
  void fillHistory();
  void renameSaved(const QString& name);
  void deleteSaved(const QString& name);

  OperationLibrary& library_;
  QTabWidget* tabs_;
  QListWidget* saved_;
  QLineEdit* search_;
  QListWidget* history_;
  QPushButton* clearHistory_;
  std::vector<HistoryEntry> shownHistory_;
};

}  // namespace dynadesk::ui
