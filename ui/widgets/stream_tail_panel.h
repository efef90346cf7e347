// StreamTailPanel: the Stream tab — a live tail of the open table's DynamoDB
// stream (StreamTail), shown as a list of records with an event type filter,
// Pause/Resume, Clear and "From the start (TRIM_HORIZON)", and for the
// selected record a detail view: a MODIFY as a diff of its old and new image
// (ImageDiff: added rows green, removed red, changed with old and new side by
// side), an INSERT or REMOVE as its image. Tints are mixed from the current
// palette's base colour, so they read in the dark theme too, and follow a
// theme switch.
//
// A table without a stream shows that state with a choice of view type and an
// "Enable stream" button (UpdateTable); when the table is deleted or its
// stream turned off, the records read so far stay and a banner says why the
// tail stopped. Every engine call runs off the GUI thread (RequestRunner).
//
// Thread-safety: GUI thread only. Borrows the runner and the bridge (which may
// be null: the tail then polls without engine events).
#pragma once

#include <optional>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QWidget>

#include "bridge/engine_bridge.h"
#include "client/request_runner.h"
#include "models/stream_record_model.h"
#include "session/stream_tail.h"

namespace dynadesk::ui {

class StreamTailPanel : public QWidget {
  Q_OBJECT
 public:
  // Columns of the detail tree.
  enum DetailColumn { PathColumn = 0, OldColumn = 1, NewColumn = 2 };
  // Data roles on the detail tree's items (column 0).
  enum DetailRole {
    DiffPathRole = Qt::UserRole + 100,  // QString: the document path (info.rating)
    DiffKindRole,                       // int: DiffKind; -1 for image rows
  };

  StreamTailPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent = nullptr);

  // Follows `table`'s stream ("" shows nothing); the list starts empty.
  void openTable(const QString& table);
  QString table() const { return tail_.table(); }

  // For tests and the main window.
  StreamTail& tail() { return tail_; }
  StreamRecordModel& model() { return model_; }
  StreamEventFilter& filter() { return filter_; }
  QTableView* recordView() const { return records_; }
  QTreeWidget* detailView() const { return detail_; }
  QLabel* detailHeader() const { return detailHeader_; }
  QCheckBox* eventCheck(StreamEventType type) const { return eventChecks_[static_cast<int>(type)]; }
  QPushButton* pauseButton() const { return pause_; }
  QPushButton* clearButton() const { return clear_; }
  QCheckBox* fromStartCheck() const { return fromStart_; }
  QComboBox* viewTypeChoice() const { return viewTypeChoice_; }
  QPushButton* enableButton() const { return enable_; }
  QLabel* stateMessage() const { return stateMessage_; }
  QLabel* banner() const { return banner_; }
  QLabel* streamInfo() const { return streamInfo_; }
  // True while the "no stream" (or "no table") page is shown instead of the list.
  bool showingMessagePage() const { return pages_->currentIndex() == 1; }
  // Selects the record at this row of the filtered list.
  void selectRow(int row);

 signals:
  void statusMessage(const QString& message);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void onStateChanged(StreamTail::State state);
  void onRecords(const std::vector<StreamRecordEntry>& records);
  void updateStatus();
  void updatePauseText();
  void showRecord(const QModelIndex& proxyIndex);
  void renderDetail();
  void restartTail();

  StreamTail tail_;
  StreamRecordModel model_;
  StreamEventFilter filter_;
  std::optional<StreamRecordEntry> shown_;  // the record in the detail view

  QLabel* streamInfo_;
  QLabel* status_;
  QWidget* controlsRow_;
  QCheckBox* eventChecks_[3];
  QPushButton* pause_;
  QPushButton* clear_;
  QCheckBox* fromStart_;
  QLabel* banner_;
  QStackedWidget* pages_;
  QTableView* records_;
  QLabel* detailHeader_;
  QTreeWidget* detail_;
  QLabel* stateTitle_;
  QLabel* stateMessage_;
  QWidget* enableRow_;
  QComboBox* viewTypeChoice_;
  QPushButton* enable_;
  QLabel* enableError_;
};

}  // namespace dynadesk::ui
