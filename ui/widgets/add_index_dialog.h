// AddIndexDialog: designs a global secondary index for an existing table and
// previews it before anything is created.
//
// The form: the index name (checked as typed), its partition key and optional
// sort key — each picked from the attributes the table's items have (with the
// type most of them carry) or typed with a type; a key the table already
// defines keeps its type — the projection (ALL, KEYS_ONLY, or INCLUDE with an
// AttributePicker) and, for a provisioned table, the index's capacity.
//
// The preview: on opening, the dialog scans the table page by page through
// the RequestRunner (off the GUI thread), up to kPreviewItemCap items, and
// says so when it stopped there. For the design as it stands it shows how
// many items the index would hold and how many it leaves out (and why), a
// grid of the first included items as the index would store them, the
// estimated IndexSizeBytes and average entry size, and the extra writes the
// index adds to each kind of table write (index_preview.h).
//
// Create validates in plain words (newIndexProblems) and sends UpdateTable
// with one GlobalSecondaryIndexUpdates Create; DynamoDB's refusal is shown in
// the dialog, which then stays open.
//
// Thread-safety: GUI thread only.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <nlohmann/json.hpp>

#include "client/request_runner.h"
#include "format/index_preview.h"
#include "widgets/attribute_picker.h"

namespace dynadesk::ui {

class AddIndexDialog : public QDialog {
  Q_OBJECT
 public:
  static constexpr std::size_t kPreviewItemCap = 10000;
  static constexpr int kSampleRows = 50;

  // `table`: the table's description (DescribeTable's "Table").
  AddIndexDialog(RequestRunner& runner, nlohmann::json table, QWidget* parent = nullptr);

  IndexDesign design() const;
  void setDesign(const IndexDesign& design);
  QStringList problems() const;

  // The scan behind the preview.
  bool scanning() const { return scanning_; }
  bool capped() const { return capped_; }
  const std::vector<Item>& scannedItems() const { return items_; }
  // The preview of the design as it was when last computed, and that design.
  const IndexPreview& preview() const { return preview_; }
  const IndexDesign& previewedDesign() const { return previewed_; }

  QLineEdit* nameEdit() const { return name_; }
  QComboBox* partitionKeyCombo() const { return pkName_; }
  QComboBox* partitionTypeCombo() const { return pkType_; }
  QCheckBox* sortKeyCheck() const { return hasSort_; }
  QComboBox* sortKeyCombo() const { return skName_; }
  QComboBox* sortTypeCombo() const { return skType_; }
  QComboBox* projectionCombo() const { return projection_; }
  AttributePicker* attributePicker() const { return picker_; }
  QPushButton* createButton() const { return create_; }
  QLabel* problemsLabel() const { return problems_; }
  QLabel* countsLabel() const { return counts_; }
  QLabel* sizeLabel() const { return size_; }
  QLabel* scanLabel() const { return scanStatus_; }
  QTableView* sampleView() const { return sample_; }
  QTableWidget* amplificationTable() const { return amplification_; }

 public slots:
  // Recomputes the preview now (it is otherwise recomputed shortly after each change).
  void updatePreview();

 signals:
  void scanFinished();
  void previewUpdated();
  void indexCreated(const QString& index);

 private:
  void scanFrom(std::optional<Item> startKey);
  void refresh();
  void submit();
  void noteKeyChoice(QComboBox* name, QComboBox* type);
  void showSample();
  void showAmplification();
  QComboBox* typeCombo();
  QComboBox* attributeCombo();

  RequestRunner& runner_;
  nlohmann::json table_;
  TableKeys keys_;
  std::vector<Item> items_;
  bool scanning_ = false;
  bool capped_ = false;
  QString scanError_;
  // Per attribute name seen in the scanned items: how many items hold it as S, N or B.
  std::map<std::string, std::map<std::string, std::size_t>> scalarTypes_;
  IndexPreview preview_;
  IndexDesign previewed_;
  QTimer previewTimer_;
  bool sending_ = false;

  QLineEdit* name_;
  QLabel* nameHint_;
  QComboBox* pkName_;
  QComboBox* pkType_;
  QCheckBox* hasSort_;
  QComboBox* skName_;
  QComboBox* skType_;
  QComboBox* projection_;
  AttributePicker* picker_;
  QSpinBox* rcu_ = nullptr;
  QSpinBox* wcu_ = nullptr;
  QLabel* scanStatus_;
  QLabel* counts_;
  QLabel* size_;
  QLabel* writes_;
  QStandardItemModel sampleModel_;
  QTableView* sample_;
  QLabel* sampleEmpty_;
  QStackedWidget* sampleStack_;
  QTableWidget* amplification_;
  QLabel* writesEmpty_;
  QStackedWidget* writesStack_;
  QLabel* problems_;
  QPushButton* create_;
};

}  // namespace dynadesk::ui
