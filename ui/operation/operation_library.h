// OperationLibrary: the builder's saved operations (named, unlimited) and the
// history of every operation run, kept in one JSON file across restarts.
//
// Persistence
//   Loaded once at construction. Every change rewrites the whole file through
//   QSaveFile, so a crash or a full disk leaves the previous file intact, never
//   a half-written one; when the write fails the change is undone in memory too
//   and the call answers InternalServerError naming the file. A missing file is
//   an empty library. A file that cannot be parsed is set aside (renamed to
//   <file>.corrupt, or .corrupt.1, .corrupt.2 ... when that exists), the
//   library starts empty and loadStatus() reports it (SerializationException).
//
// History
//   Newest first, at most historyLimit entries (kDefaultHistoryLimit: 2,000);
//   recording one more drops the oldest. Every run rewrites the whole file on
//   the calling (GUI) thread, so the cap bounds that cost: 2,000 typical
//   entries are about 1 MB of compact JSON, rewritten in about 30 ms
//   (test_operation_library measures it). Anything worth keeping longer
//   belongs in the saved operations, which have no limit.
//
// Names
//   Saved operation names are trimmed and unique (case-sensitive); saved() is
//   sorted by name, case-insensitively.
//
// Errors: ValidationException (empty name, rename onto another existing name),
// ResourceNotFoundException (rename/remove of a name not saved),
// InternalServerError (the file could not be written).
//
// Thread-safety: GUI thread only (a QObject; changed() is emitted after every
// successful change).
#pragma once

#include <vector>

#include <QDateTime>
#include <QObject>
#include <QString>

#include "dynadesk/status.h"
#include "operation/operation_spec.h"

namespace dynadesk::ui {

struct SavedOperation {
  QString name;
  OperationSpec spec;
  QDateTime savedAt;
};

struct HistoryEntry {
  OperationSpec spec;
  QDateTime ranAt;
  QString connection;  // which connection it ran against, as shown in the sidebar
  QString summary;     // the explanation line, or the error message when !ok
  bool ok = true;
};

class OperationLibrary : public QObject {
  Q_OBJECT
 public:
  static constexpr int kDefaultHistoryLimit = 2000;

  explicit OperationLibrary(QString filePath, int historyLimit = kDefaultHistoryLimit, QObject* parent = nullptr);

  QString filePath() const { return filePath_; }
  // Ok, or why the file could not be loaded (and where it was set aside).
  Status loadStatus() const { return loadStatus_; }

  const std::vector<SavedOperation>& saved() const { return saved_; }
  // Null when no operation has that name.
  const SavedOperation* find(const QString& name) const;
  // Same name replaces (savedAt becomes now); an empty name is an error.
  Status save(const QString& name, const OperationSpec& spec);
  Status rename(const QString& from, const QString& to);
  Status remove(const QString& name);

  const std::vector<HistoryEntry>& history() const { return history_; }  // newest first
  Status record(const HistoryEntry& entry);
  // Entries whose table, index, connection, filter and projection paths,
  // values or summary contain every whitespace-separated word of text,
  // case-insensitively; newest first. Empty text: the whole history.
  std::vector<HistoryEntry> searchHistory(const QString& text) const;
  Status clearHistory();

 signals:
  void changed();

 private:
  void load();
  Status write(const std::vector<SavedOperation>& saved, const std::vector<HistoryEntry>& history) const;
  // Writes and, on success, adopts the new state and emits changed().
  Status commit(std::vector<SavedOperation> saved, std::vector<HistoryEntry> history);

  QString filePath_;
  int historyLimit_;
  Status loadStatus_;
  std::vector<SavedOperation> saved_;
  std::vector<HistoryEntry> history_;
};

}  // namespace dynadesk::ui
