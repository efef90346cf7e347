// CreateTableDialog: designs a table — name (validated as typed), partition
// and sort keys with types, billing mode and capacity, table class, secondary
// indexes (GSI/LSI with ALL, KEYS_ONLY or INCLUDE projections, the included
// attributes picked with an AttributePicker per index), stream, TTL
// attribute, tags and deletion protection — and shows the CreateTable JSON and
// the AWS CLI command it amounts to before anything is created.
//
// Accepting sends CreateTable (then UpdateTimeToLive when a TTL attribute was
// given) through the RequestRunner; the dialog stays open and shows
// DynamoDB's answer in plain words if it is refused.
//
// Forms are built in code, not a .ui file: the index and tag tables and the
// live preview are dynamic, and keeping one place for layout and behaviour
// reads better here.
//
// Thread-safety: GUI thread only.
#pragma once

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>

#include "client/request_runner.h"
#include "format/table_design.h"
#include "widgets/attribute_picker.h"

namespace dynadesk::ui {

class CreateTableDialog : public QDialog {
  Q_OBJECT
 public:
  CreateTableDialog(RequestRunner& runner, const QString& endpointUrl, QWidget* parent = nullptr);

  TableDesign design() const;
  // For tests and "duplicate design" later: fills the form.
  void setDesign(const TableDesign& design);

  QLineEdit* nameEdit() const { return name_; }
  QPushButton* createButton() const { return create_; }
  QPlainTextEdit* jsonPreview() const { return json_; }
  QPlainTextEdit* cliPreview() const { return cli_; }
  QLabel* problemsLabel() const { return problems_; }
  QTableWidget* indexTable() const { return indexes_; }
  // The index row's projection choice and its included-attributes picker.
  QComboBox* projectionCombo(int row) const;
  AttributePicker* attributePicker(int row) const;

 signals:
  void tableCreated(const QString& table);

 private:
  void refresh();
  void submit();
  void addIndexRow(const IndexDesign& ix);
  void addTagRow(const QString& key, const QString& value);
  QComboBox* typeCombo(const QString& current = "S") const;

  RequestRunner& runner_;
  QString endpointUrl_;
  QLineEdit* name_;
  QLabel* nameHint_;
  QLineEdit* pkName_;
  QComboBox* pkType_;
  QCheckBox* hasSort_;
  QLineEdit* skName_;
  QComboBox* skType_;
  QRadioButton* onDemand_;
  QRadioButton* provisioned_;
  QSpinBox* rcu_;
  QSpinBox* wcu_;
  QComboBox* tableClass_;
  QTableWidget* indexes_;
  QComboBox* stream_;
  QLineEdit* ttl_;
  QTableWidget* tags_;
  QCheckBox* protection_;
  QPlainTextEdit* json_;
  QPlainTextEdit* cli_;
  QLabel* problems_;
  QPushButton* create_;
  bool sending_ = false;
};

}  // namespace dynadesk::ui
