// QueryBuilderPanel: the Query tab — build a Query or Scan of the open table
// or one of its indexes (QueryForm), run it into the same item grid the
// browser uses, and read what happened: Count, ScannedCount, consumed
// capacity and a plain explanation (which index, what the key condition
// narrowed, what the filter discarded). The Request tab shows the exact JSON
// sent; the Code tab the same operation as boto3, AWS CLI, JavaScript or C++
// code. Saved operations and the history of runs sit in the left pane.
//
// Everything reaches the engine through the RequestRunner, off the GUI thread.
//
// Thread-safety: GUI thread only. Borrows the runner and the library.
#pragma once

#include <optional>

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QWidget>

#include "client/request_runner.h"
#include "models/item_table_model.h"
#include "operation/operation_library.h"
#include "session/query_run.h"
#include "widgets/operation_library_pane.h"
#include "widgets/query_form.h"

namespace dynadesk::ui {

class QueryBuilderPanel : public QWidget {
  Q_OBJECT
 public:
  QueryBuilderPanel(RequestRunner& runner, OperationLibrary& library, QWidget* parent = nullptr);

  // Describes the table and shows the form for it ("" shows nothing).
  void openTable(const QString& table);
  QString table() const { return QString::fromStdString(form_->table().name); }
  // The endpoint generated code points at ("" for code that talks to AWS).
  void setEndpointUrl(const QString& url);
  // Which connection history entries name.
  void setConnectionName(const QString& name) { connectionName_ = name; }

  // Loads a spec into the form (asks the window to open its table first when
  // it is another one).
  void loadSpec(const OperationSpec& spec);

  QueryForm* form() const { return form_; }
  ItemTableModel& model() { return model_; }
  QTableView* view() const { return view_; }
  QueryRun& run() { return run_; }
  QLabel* summaryLabel() const { return summary_; }
  QLabel* explanationLabel() const { return explanation_; }
  QLabel* planLabel() const { return plan_; }
  QPlainTextEdit* requestText() const { return requestText_; }
  QComboBox* codeTargetBox() const { return codeTarget_; }
  QPlainTextEdit* codeText() const { return codeText_; }
  QTabWidget* resultTabs() const { return results_; }
  QPushButton* runButton() const { return runButton_; }
  OperationLibraryPane* libraryPane() const { return libraryPane_; }

 public slots:
  void runOperation();
  void saveOperation();

 signals:
  void tableRequested(const QString& table);
  void editItemRequested(const QString& table, const dynadesk::Item& item, bool isNew);
  void statusMessage(const QString& message);

 private:
  void onFormChanged();
  void updateCode();
  void updateSummary();
  void recordHistory(bool ok, const QString& summary);
  void openItemAt(const QModelIndex& index);

  RequestRunner& runner_;
  OperationLibrary& library_;
  ItemTableModel model_;
  QueryRun run_;
  QString endpointUrl_;
  QString connectionName_;
  std::uint64_t openTicket_ = 0;
  std::optional<OperationSpec> pendingSpec_;
  bool recorded_ = true;        // the current run is in the history already
  QString lastError_;

  OperationLibraryPane* libraryPane_;
  QueryForm* form_;
  QScrollArea* formScroll_;
  QPushButton* runButton_;
  QPushButton* saveButton_;
  QPushButton* clearButton_;
  QLabel* plan_;
  QLabel* formError_;
  QTabWidget* results_;
  QTableView* view_;
  QLabel* summary_;
  QLabel* explanation_;
  QPlainTextEdit* requestText_;
  QComboBox* codeTarget_;
  QPushButton* copyCode_;
  QPlainTextEdit* codeText_;
  QLabel* emptyState_;
};

}  // namespace dynadesk::ui
