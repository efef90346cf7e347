// IndexDesignerPanel: the Indexes tab — the open table's secondary indexes
// and what they do with its items.
//
//  - A list of every global and local index: name, kind, partition and sort
//    key with types, projection, status, size (IndexSizeBytes) and item count.
//    Local indexes are marked fixed: DynamoDB defines them only when the table
//    is created, so they can be neither added nor deleted here.
//  - While a global index is being built (CREATING), its status cell is a
//    progress bar fed by the engine's backfill progress (EngineBridge::
//    indexProgress). A client without events (a remote endpoint) has no such
//    numbers: then the panel polls DescribeTable once a second while an index
//    is CREATING — and only then — and shows a busy bar.
//  - "Add global index…" opens an AddIndexDialog; "Delete index…" asks for
//    confirmation (deleteConfirmation()) before sending UpdateTable.
//  - Below, a KeyLayoutDiagram of a sample of the table's items: the table's
//    key against the selected index's key.
//
// The list follows the table by engine events (tableChanged, itemsChanged),
// without polling, whenever events are available.
//
// Thread-safety: GUI thread only. Borrows the runner and the bridge (may be
// null), which must outlive it.
#pragma once

#include <map>

#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QWidget>
#include <nlohmann/json.hpp>

#include "bridge/engine_bridge.h"
#include "client/request_runner.h"
#include "widgets/add_index_dialog.h"
#include "widgets/key_layout_diagram.h"

namespace dynadesk::ui {

class IndexDesignerPanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kPollIntervalMs = 1000;
  // Items read (one Scan page at most) for the diagram to pick its sample from.
  static constexpr int kSampleScanLimit = 1000;

  // Index list columns.
  enum Column { NameColumn, KindColumn, PartitionKeyColumn, SortKeyColumn, ProjectionColumn, StatusColumn,
                SizeColumn, ItemsColumn, ColumnCount };

  IndexDesignerPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent = nullptr);

  void openTable(const QString& table);
  QString table() const { return table_; }
  // The last description shown (DescribeTable's "Table").
  const nlohmann::json& description() const { return description_; }

  QTableWidget* indexList() const { return list_; }
  KeyLayoutDiagram* diagram() const { return diagram_; }
  QPushButton* addButton() const { return add_; }
  QPushButton* deleteButton() const { return delete_; }
  QLabel* messageLabel() const { return message_; }
  // The row of an index in the list, or -1.
  int rowOf(const QString& index) const;
  // What the status column says for an index ("ACTIVE", "CREATING", ...; "" if absent).
  QString statusOf(const QString& index) const;
  // The backfill progress bar of an index being created, else null.
  QProgressBar* progressBar(const QString& index) const;
  // True while DescribeTable is polled (no events and an index is CREATING).
  bool polling() const { return pollTimer_.isActive(); }

  // Opens the add-index dialog (owned by the panel, deleted when closed).
  AddIndexDialog* showAddIndex();
  AddIndexDialog* addIndexDialog() const { return addDialog_; }
  // Asks whether to delete a global index; the question stays open (non-modal
  // to the event loop) as deleteConfirmation() until answered.
  void requestDelete(const QString& index);
  QMessageBox* deleteConfirmation() const { return confirm_; }

 public slots:
  void refresh();

 signals:
  void described();
  // Backfill progress of an index of this table was shown (from EngineBridge::indexProgress).
  void backfillProgress(const QString& index, quint64 itemsDone, quint64 itemsTotal);
  // UpdateTable accepted the deletion of an index.
  void indexDeleteSent(const QString& index);
  void statusMessage(const QString& message);

 private:
  void showDescription(const nlohmann::json& table);
  void loadSample();
  void updateDiagram();
  void updateButtons();
  void onProgress(const QString& table, const QString& index, quint64 done, quint64 total);
  void setProgress(QProgressBar* bar, const QString& index);
  void showMessage(const QString& text, bool problem);
  QString selectedIndex() const;

  RequestRunner& runner_;
  EngineBridge* bridge_;
  QString table_;
  std::uint64_t ticket_ = 0;
  std::uint64_t sampleTicket_ = 0;
  nlohmann::json description_;
  std::vector<Item> sample_;
  std::map<QString, std::pair<quint64, quint64>> progress_;  // index -> (done, total)
  QString creatingHere_;  // the index this panel's dialog created, until it is ACTIVE
  QTimer refreshTimer_;
  QTimer sampleTimer_;
  QTimer pollTimer_;

  QLabel* summary_;
  QLabel* message_;
  QPushButton* add_;
  QPushButton* delete_;
  QTableWidget* list_;
  QLabel* empty_;
  KeyLayoutDiagram* diagram_;
  QPointer<AddIndexDialog> addDialog_;
  QPointer<QMessageBox> confirm_;
};

}  // namespace dynadesk::ui
