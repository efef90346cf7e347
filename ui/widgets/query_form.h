// QueryForm: the query builder's form — everything an OperationSpec holds,
// laid out for a table whose keys and indexes a TableShape gives:
//   Scan or Query, on the table or one of its indexes;
//   for a Query, the partition key value and a sort key condition (=, <, <=,
//   >, >=, between, begins with), with the key's own type;
//   any number of filter rows, matched all or any;
//   attributes to return; order; page size; fetch all pages; consistent read
//   (off, with the reason in its tooltip, on a global secondary index);
//   parallel scan segments.
//
// spec() reads the form; a value that does not parse is a ValidationException
// naming the field. setSpec() fills it from a saved or past operation.
//
// Thread-safety: GUI thread only.
#pragma once

#include <vector>

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QWidget>

#include "dynadesk/status.h"
#include "operation/operation_spec.h"
#include "operation/table_shape.h"
#include "widgets/filter_row_editor.h"
#include "widgets/typed_value_editor.h"

namespace dynadesk::ui {

class QueryForm : public QWidget {
  Q_OBJECT
 public:
  explicit QueryForm(QWidget* parent = nullptr);

  // The table the form builds operations for. Keeps what was typed when the
  // table is the same one again (a refreshed description).
  void setTable(const TableShape& shape);
  const TableShape& table() const { return shape_; }
  // Attribute names seen in the table's items, offered for paths.
  void setKnownAttributes(const QStringList& names);

  Result<OperationSpec> spec() const;
  void setSpec(const OperationSpec& spec);
  // Back to a plain Scan of the table.
  void clear();

  // For tests and the panel.
  QPushButton* scanButton() const { return scan_; }
  QPushButton* queryButton() const { return query_; }
  QComboBox* indexBox() const { return index_; }
  TypedValueEditor* partitionValue() const { return partitionValue_; }
  QComboBox* sortOperatorBox() const { return sortOperator_; }
  TypedValueEditor* sortValue() const { return sortValue_; }
  TypedValueEditor* sortValueHigh() const { return sortValueHigh_; }
  QPushButton* addFilterButton() const { return addFilter_; }
  const std::vector<FilterRowEditor*>& filterRows() const { return rows_; }
  QComboBox* matchBox() const { return match_; }
  QLineEdit* projectionEdit() const { return projection_; }
  QComboBox* orderBox() const { return order_; }
  QSpinBox* pageSizeBox() const { return pageSize_; }
  QCheckBox* fetchAllBox() const { return fetchAll_; }
  QCheckBox* consistentReadBox() const { return consistent_; }
  QSpinBox* segmentsBox() const { return segments_; }

  FilterRowEditor* addFilterRow();

 signals:
  void changed();
  // Return pressed in a field.
  void submitted();

 private:
  void rebuildIndexBox();
  void updateKeyFields();
  void updateKindFields();
  void removeFilterRow(FilterRowEditor* row);
  bool isQuery() const;
  std::string currentIndex() const;

  TableShape shape_;
  QStringList knownAttributes_;

  QPushButton* scan_;
  QPushButton* query_;
  QButtonGroup* kind_;
  QComboBox* index_;
  QLabel* keyLabel_ = nullptr;
  QWidget* keyBox_;
  QLabel* partitionLabel_;
  TypedValueEditor* partitionValue_;
  QLabel* sortLabel_;
  QComboBox* sortOperator_;
  TypedValueEditor* sortValue_;
  QLabel* sortAnd_;
  TypedValueEditor* sortValueHigh_;
  QVBoxLayout* rowsLayout_;
  std::vector<FilterRowEditor*> rows_;
  QLabel* noFilters_;
  QPushButton* addFilter_;
  QComboBox* match_;
  QLineEdit* projection_;
  QLabel* orderLabel_;
  QComboBox* order_;
  QSpinBox* pageSize_;
  QCheckBox* fetchAll_;
  QCheckBox* consistent_;
  QLabel* segmentsLabel_;
  QSpinBox* segments_;
};

}  // namespace dynadesk::ui
