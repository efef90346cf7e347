#include "ops/database.h"

#include <mutex>

#include "ops/index_jobs.h"
#include "ops/time_to_live.h"
#include "storage/catalog_codec.h"
#include "storage/key_codec.h"

namespace dynadesk::ops {

Status tableNotFound() { return {ErrorType::ResourceNotFoundException, "Requested resource not found"}; }

Database::Database(std::unique_ptr<storage::Env> env, std::shared_ptr<const Clock> clock, std::string region,
                   std::string accountId)
    : env_(std::move(env)), clock_(std::move(clock)), region_(std::move(region)), accountId_(std::move(accountId)) {}

Result<std::unique_ptr<Database>> Database::open(std::unique_ptr<storage::Env> env,
                                                 std::shared_ptr<const Clock> clock, std::string region,
                                                 std::string accountId) {
  std::unique_ptr<Database> db(new Database(std::move(env), std::move(clock), std::move(region), std::move(accountId)));
  {
    DYNADESK_ASSIGN_OR_RETURN(auto txn, db->env_->read());
    auto cursor = txn.cursor();
    const std::string prefix(1, static_cast<char>(storage::KeySpace::Catalog));
    DYNADESK_RETURN_IF_ERROR(cursor.seek(prefix));
    while (cursor.valid() && cursor.key().starts_with(prefix)) {
      DYNADESK_ASSIGN_OR_RETURN(TableDef def, storage::decodeCatalogEntry(cursor.value()));
      std::string name = def.name;  // read before def is moved from
      db->tables_.emplace(std::move(name), std::make_shared<const TableDef>(std::move(def)));
      DYNADESK_RETURN_IF_ERROR(cursor.next());
    }
  }
  db->jobs_ = std::make_unique<IndexJobs>(*db);
  db->jobs_->resumeAll();  // index builds and drops a stop or crash cut short
  db->sweeper_ = std::make_unique<TimeToLiveSweeper>(*db);
  return db;
}

Database::~Database() {
  sweeper_.reset();
  jobs_.reset();
}

std::string Database::tableArn(std::string_view tableName) const {
  return "arn:aws:dynamodb:" + region_ + ":" + accountId_ + ":table/" + std::string(tableName);
}

std::shared_ptr<const TableDef> Database::findTable(std::string_view name) const {
  std::shared_lock lock(mu_);
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second;
}

std::shared_ptr<const TableDef> Database::currentTable(const TableDef& snapshot) const {
  auto def = findTable(snapshot.name);
  return def && def->id == snapshot.id ? def : nullptr;
}

std::vector<std::string> Database::tableNames() const {
  std::shared_lock lock(mu_);
  std::vector<std::string> names;
  names.reserve(tables_.size());
  for (const auto& [name, def] : tables_) names.push_back(name);
  return names;
}

void Database::cacheTable(std::shared_ptr<const TableDef> def) {
  std::unique_lock lock(mu_);
  tables_[def->name] = std::move(def);
}

void Database::uncacheTable(std::string_view name) {
  std::unique_lock lock(mu_);
  auto it = tables_.find(name);
  if (it != tables_.end()) tables_.erase(it);
}

Status Database::checkTableAlive(storage::WriteTxn& txn, const TableDef& def) {
  DYNADESK_ASSIGN_OR_RETURN(auto entry, txn.get(storage::catalogKey(def.name)));
  if (!entry || entry->size() < 4 || storage::catalogEntryTableId(*entry) != def.id) return tableNotFound();
  return Status::ok();
}

namespace {
TableStats decodeStats(std::optional<std::string_view> v) {
  TableStats s;
  if (v && v->size() == 16) {
    s.itemCount = storage::readBigEndian64(v->substr(0, 8));
    s.sizeBytes = storage::readBigEndian64(v->substr(8, 8));
  }
  return s;
}
}  // namespace

Status Database::addCountAndBytes(storage::WriteTxn& txn, const std::string& key, std::int64_t countDelta,
                                  std::int64_t bytesDelta) {
  if (countDelta == 0 && bytesDelta == 0) return Status::ok();
  DYNADESK_ASSIGN_OR_RETURN(auto current, txn.get(key));
  TableStats s = decodeStats(current);
  s.itemCount = static_cast<std::uint64_t>(static_cast<std::int64_t>(s.itemCount) + countDelta);
  s.sizeBytes = static_cast<std::uint64_t>(static_cast<std::int64_t>(s.sizeBytes) + bytesDelta);
  std::string value;
  storage::appendBigEndian64(value, s.itemCount);
  storage::appendBigEndian64(value, s.sizeBytes);
  return txn.put(key, value);
}

Result<TableStats> Database::readCountAndBytes(const storage::Txn& txn, const std::string& key) {
  DYNADESK_ASSIGN_OR_RETURN(auto current, txn.get(key));
  return decodeStats(current);
}

Status Database::addTableStats(storage::WriteTxn& txn, std::uint32_t tableId, std::int64_t countDelta,
                               std::int64_t bytesDelta) {
  return addCountAndBytes(txn, storage::tableStatsKey(tableId), countDelta, bytesDelta);
}

Result<TableStats> Database::readTableStats(const storage::Txn& txn, std::uint32_t tableId) {
  return readCountAndBytes(txn, storage::tableStatsKey(tableId));
}

}  // namespace dynadesk::ops
