// FilterRowEditor: one row of the query builder's filter — an attribute path
// (nested maps and list elements: info.rating, tags[0]), a test (comparisons,
// BETWEEN, IN, begins_with, contains, exists, size and attribute_type) and as
// many typed values as the test takes: none for exists, two for BETWEEN, a
// list for IN (comma-separated or a JSON array, all of one type), a type code
// for attribute_type, a number for the size tests.
//
// Thread-safety: GUI thread only.
#pragma once

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QWidget>

#include "dynadesk/status.h"
#include "operation/operation_spec.h"
#include "widgets/typed_value_editor.h"

namespace dynadesk::ui {

class FilterRowEditor : public QWidget {
  Q_OBJECT
 public:
  explicit FilterRowEditor(QWidget* parent = nullptr);

  // The row as the spec holds it; a value that does not parse is an error
  // naming the row's path.
  Result<FilterRow> row() const;
  void setRow(const FilterRow& row);

  // Attribute names offered while typing the path.
  void setKnownAttributes(const QStringList& names);

  QLineEdit* pathEdit() const { return path_; }
  QComboBox* testBox() const { return test_; }
  TypedValueEditor* firstValue() const { return first_; }
  TypedValueEditor* secondValue() const { return second_; }
  QComboBox* typeCodeBox() const { return typeCode_; }
  QToolButton* removeButton() const { return remove_; }

  // The label shown for a test ("=", "between", "size >", ...).
  static QString testLabel(FilterTest test);

 signals:
  void changed();
  void removeRequested();
  void submitted();

 private:
  FilterTest test() const;
  void updateValueFields();

  QLineEdit* path_;
  QComboBox* test_;
  TypedValueEditor* first_;
  QLabel* and_;
  TypedValueEditor* second_;
  QComboBox* typeCode_;
  QToolButton* remove_;
};

}  // namespace dynadesk::ui
