#include "operation/operation_library.h"

#include <algorithm>
#include <utility>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStringList>

#include "format/attribute_text.h"

namespace dynadesk::ui {

namespace {

using Json = nlohmann::json;

constexpr const char* kFormat = "dynadesk-operations";
constexpr int kVersion = 1;

std::string dateText(const QDateTime& when) { return when.toUTC().toString(Qt::ISODateWithMs).toStdString(); }

Result<QDateTime> dateFrom(const Json& json, const char* key) {
  auto it = json.find(key);
  if (it == json.end() || !it->is_string()) return Status::validation(std::string(key) + ": expected a date");
  QDateTime when = QDateTime::fromString(QString::fromStdString(it->get<std::string>()), Qt::ISODateWithMs);
  if (!when.isValid()) return Status::validation(std::string(key) + ": not a valid date");
  return when;
}

Result<QString> stringFrom(const Json& json, const char* key) {
  auto it = json.find(key);
  if (it == json.end() || it->is_null()) return QString();
  if (!it->is_string()) return Status::validation(std::string(key) + ": expected a string");
  return QString::fromStdString(it->get<std::string>());
}

Result<OperationSpec> specFrom(const Json& json) {
  auto it = json.find("spec");
  if (it == json.end()) return Status::validation("an entry has no spec");
  return operationSpecFromJson(*it);
}

Result<SavedOperation> savedFrom(const Json& json) {
  if (!json.is_object()) return Status::validation("a saved operation is not an object");
  SavedOperation op;
  DYNADESK_ASSIGN_OR_RETURN(op.name, stringFrom(json, "name"));
  if (op.name.trimmed().isEmpty()) return Status::validation("a saved operation has no name");
  DYNADESK_ASSIGN_OR_RETURN(op.spec, specFrom(json));
  DYNADESK_ASSIGN_OR_RETURN(op.savedAt, dateFrom(json, "savedAt"));
  return op;
}

Result<HistoryEntry> historyFrom(const Json& json) {
  if (!json.is_object()) return Status::validation("a history entry is not an object");
  HistoryEntry entry;
  DYNADESK_ASSIGN_OR_RETURN(entry.spec, specFrom(json));
  DYNADESK_ASSIGN_OR_RETURN(entry.ranAt, dateFrom(json, "ranAt"));
  DYNADESK_ASSIGN_OR_RETURN(entry.connection, stringFrom(json, "connection"));
  DYNADESK_ASSIGN_OR_RETURN(entry.summary, stringFrom(json, "summary"));
  if (auto ok = json.find("ok"); ok != json.end()) {
    if (!ok->is_boolean()) return Status::validation("ok: expected true or false");
    entry.ok = ok->get<bool>();
  }
  return entry;
}

Json fileJson(const std::vector<SavedOperation>& saved, const std::vector<HistoryEntry>& history) {
  Json savedJson = Json::array();
  for (const auto& op : saved) {
    savedJson.push_back({{"name", op.name.toStdString()},
                         {"savedAt", dateText(op.savedAt)},
                         {"spec", operationSpecToJson(op.spec)}});
  }
  Json historyJson = Json::array();
  for (const auto& e : history) {
    historyJson.push_back({{"ranAt", dateText(e.ranAt)},
                           {"connection", e.connection.toStdString()},
                           {"summary", e.summary.toStdString()},
                           {"ok", e.ok},
                           {"spec", operationSpecToJson(e.spec)}});
  }
  return {{"format", kFormat}, {"version", kVersion}, {"saved", std::move(savedJson)}, {"history", std::move(historyJson)}};
}

void sortByName(std::vector<SavedOperation>& saved) {
  std::stable_sort(saved.begin(), saved.end(), [](const SavedOperation& a, const SavedOperation& b) {
    const int c = a.name.compare(b.name, Qt::CaseInsensitive);
    return c != 0 ? c < 0 : a.name < b.name;
  });
}

QString valueSearchText(const AttributeValue& v) {
  return v.is(AttrType::S) ? QString::fromStdString(v.asString()) : compactText(v, 400);
}

// Everything a search may match in one entry, joined by newlines so a word
// cannot match across two fields.
QString searchText(const HistoryEntry& e) {
  QStringList parts{QString::fromStdString(e.spec.table), QString::fromStdString(e.spec.index), e.connection,
                    e.summary};
  if (e.spec.partitionValue) parts << valueSearchText(*e.spec.partitionValue);
  for (const auto& v : e.spec.sortValues) parts << valueSearchText(v);
  for (const auto& row : e.spec.filters) {
    parts << QString::fromStdString(row.path);
    for (const auto& v : row.values) parts << valueSearchText(v);
  }
  for (const auto& p : e.spec.projection) parts << QString::fromStdString(p);
  return parts.join('\n');
}

}  // namespace

OperationLibrary::OperationLibrary(QString filePath, int historyLimit, QObject* parent)
    : QObject(parent), filePath_(std::move(filePath)), historyLimit_(std::max(1, historyLimit)) {
  load();
}

void OperationLibrary::load() {
  QFile file(filePath_);
  if (!file.exists()) return;
  if (!file.open(QIODevice::ReadOnly)) {
    loadStatus_ = Status::internal("Could not read saved operations from " + filePath_.toStdString() + ": " +
                                   file.errorString().toStdString());
    return;
  }
  const QByteArray bytes = file.readAll();
  file.close();

  auto parse = [&]() -> Status {
    Json json = Json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) return Status::validation("not valid JSON");
    if (!json.is_object() || json.value("format", std::string()) != kFormat) {
      return Status::validation("not a saved-operations file");
    }
    std::vector<SavedOperation> saved;
    std::vector<HistoryEntry> history;
    if (auto it = json.find("saved"); it != json.end()) {
      if (!it->is_array()) return Status::validation("saved: expected a list");
      for (const auto& s : *it) {
        DYNADESK_ASSIGN_OR_RETURN(SavedOperation op, savedFrom(s));
        saved.push_back(std::move(op));
      }
    }
    if (auto it = json.find("history"); it != json.end()) {
      if (!it->is_array()) return Status::validation("history: expected a list");
      for (const auto& h : *it) {
        DYNADESK_ASSIGN_OR_RETURN(HistoryEntry e, historyFrom(h));
        history.push_back(std::move(e));
      }
    }
    sortByName(saved);
    if (history.size() > static_cast<std::size_t>(historyLimit_)) history.resize(historyLimit_);
    saved_ = std::move(saved);
    history_ = std::move(history);
    return Status::ok();
  };
  const Status parsed = parse();
  if (parsed.isOk()) return;

  // Keep the damaged file for the user to inspect instead of overwriting it on the next save.
  QString aside = filePath_ + ".corrupt";
  for (int n = 1; QFile::exists(aside); ++n) aside = filePath_ + ".corrupt." + QString::number(n);
  const bool moved = QFile::rename(filePath_, aside);
  std::string message = "The saved operations file " + filePath_.toStdString() + " could not be read (" +
                        parsed.message() + ")";
  message += moved ? "; it was set aside as " + aside.toStdString() + " and a new one started."
                   : "; it could not be set aside either, so changes will not be saved.";
  loadStatus_ = Status(ErrorType::SerializationException, message);
}

Status OperationLibrary::write(const std::vector<SavedOperation>& saved, const std::vector<HistoryEntry>& history) const {
  const QFileInfo info(filePath_);
  QDir().mkpath(info.absolutePath());
  QSaveFile file(filePath_);
  if (!file.open(QIODevice::WriteOnly)) {
    return Status::internal("Could not save operations to " + filePath_.toStdString() + ": " +
                            file.errorString().toStdString());
  }
  // Compact: the file is rewritten on every run, so its size is the cost.
  const std::string text = fileJson(saved, history).dump();
  if (file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) || !file.commit()) {
    return Status::internal("Could not save operations to " + filePath_.toStdString() + ": " +
                            file.errorString().toStdString());
  }
  return Status::ok();
}

Status OperationLibrary::commit(std::vector<SavedOperation> saved, std::vector<HistoryEntry> history) {
  DYNADESK_RETURN_IF_ERROR(write(saved, history));
  saved_ = std::move(saved);
  history_ = std::move(history);
  emit changed();
  return Status::ok();
}

const SavedOperation* OperationLibrary::find(const QString& name) const {
  const QString key = name.trimmed();
  for (const auto& op : saved_) {
    if (op.name == key) return &op;
  }
  return nullptr;
}

Status OperationLibrary::save(const QString& name, const OperationSpec& spec) {
  const QString key = name.trimmed();
  if (key.isEmpty()) return Status::validation("Name: a saved operation needs a name.");
  std::vector<SavedOperation> saved = saved_;
  const QDateTime now = QDateTime::currentDateTimeUtc();
  auto it = std::find_if(saved.begin(), saved.end(), [&](const SavedOperation& op) { return op.name == key; });
  if (it != saved.end()) {
    it->spec = spec;
    it->savedAt = now;
  } else {
    saved.push_back({key, spec, now});
    sortByName(saved);
  }
  return commit(std::move(saved), history_);
}

Status OperationLibrary::rename(const QString& from, const QString& to) {
  const QString oldName = from.trimmed();
  const QString newName = to.trimmed();
  if (newName.isEmpty()) return Status::validation("Name: a saved operation needs a name.");
  if (find(oldName) == nullptr) {
    return Status(ErrorType::ResourceNotFoundException, "No saved operation is named " + oldName.toStdString() + ".");
  }
  if (oldName == newName) return Status::ok();
  if (find(newName) != nullptr) {
    return Status::validation("Name: a saved operation named " + newName.toStdString() + " already exists.");
  }
  std::vector<SavedOperation> saved = saved_;
  for (auto& op : saved) {
    if (op.name == oldName) op.name = newName;
  }
  sortByName(saved);
  return commit(std::move(saved), history_);
}

Status OperationLibrary::remove(const QString& name) {
  const QString key = name.trimmed();
  std::vector<SavedOperation> saved = saved_;
  auto it = std::find_if(saved.begin(), saved.end(), [&](const SavedOperation& op) { return op.name == key; });
  if (it == saved.end()) {
    return Status(ErrorType::ResourceNotFoundException, "No saved operation is named " + key.toStdString() + ".");
  }
  saved.erase(it);
  return commit(std::move(saved), history_);
}

Status OperationLibrary::record(const HistoryEntry& entry) {
  std::vector<HistoryEntry> history;
  history.reserve(std::min<std::size_t>(history_.size() + 1, static_cast<std::size_t>(historyLimit_)));
  history.push_back(entry);
  for (const auto& e : history_) {
    if (history.size() >= static_cast<std::size_t>(historyLimit_)) break;
    history.push_back(e);
  }
  return commit(saved_, std::move(history));
}

std::vector<HistoryEntry> OperationLibrary::searchHistory(const QString& text) const {
  const QStringList words = text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
  std::vector<HistoryEntry> out;
  for (const auto& e : history_) {
    const QString haystack = searchText(e);
    const bool all = std::all_of(words.begin(), words.end(),
                                 [&](const QString& w) { return haystack.contains(w, Qt::CaseInsensitive); });
    if (all) out.push_back(e);
  }
  return out;
}

Status OperationLibrary::clearHistory() { return commit(saved_, {}); }

}  // namespace dynadesk::ui
