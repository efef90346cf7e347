// sideBySide: two widgets in one form row, the first taking the spare width
// (a key's name field with its type box, in the create-table and add-index
// dialogs), with no margins so the row lines up with the form's other fields.
//
// Thread-safety: GUI thread only. The returned widget owns neither argument
// until the layout reparents them, as any layout does.
#pragma once

#include <QHBoxLayout>
#include <QWidget>

namespace dynadesk::ui {

inline QWidget* sideBySide(QWidget* wide, QWidget* narrow) {
  auto* row = new QWidget;
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(wide, 1);
  layout->addWidget(narrow);
  return row;
}

}  // namespace dynadesk::ui
