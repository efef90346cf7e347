#include "session/catalog_controller.h"

#include "client/response_decoding.h"

namespace dynadesk::ui {

CatalogController::CatalogController(RequestRunner& runner, EngineBridge* bridge, ConnectionTreeModel& model,
                                     int connectionRow, QObject* parent)
    : QObject(parent), runner_(runner), model_(model), connection_(connectionRow) {
  countTimer_.setSingleShot(true);
  countTimer_.setInterval(500);
  connect(&countTimer_, &QTimer::timeout, this, [this] {
    auto tables = std::move(staleCounts_);
    staleCounts_.clear();
    for (const auto& t : tables) describe(t);
  });
  if (bridge) {
    connect(bridge, &EngineBridge::itemsChanged, this, &CatalogController::onItemsChanged);
    connect(bridge, &EngineBridge::tableChanged, this, &CatalogController::onTableChanged);
  }
}

void CatalogController::refresh() { listPage(std::nullopt, std::make_shared<std::vector<std::string>>()); }

void CatalogController::listPage(std::optional<std::string> startTable,
                                 std::shared_ptr<std::vector<std::string>> names) {
  nlohmann::json request = nlohmann::json::object();
  if (startTable) request["ExclusiveStartTableName"] = *startTable;
  runner_.run("ListTables", request, this, [this, names](Result<nlohmann::json> r) {
    if (!r) {
      model_.setConnectionError(connection_, QString::fromStdString(r.status().message()));
      emit failed(QString::fromStdString(r.status().message()));
      return;
    }
    const auto& body = *r;
    if (body.contains("TableNames") && body["TableNames"].is_array()) {
      for (const auto& n : body["TableNames"]) {
        if (n.is_string()) names->push_back(n.get<std::string>());
      }
    }
    if (body.contains("LastEvaluatedTableName") && body["LastEvaluatedTableName"].is_string()) {
      listPage(body["LastEvaluatedTableName"].get<std::string>(), names);
      return;
    }
    // Show the names at once; details follow as each description arrives.
    std::vector<TableSummary> summaries;
    for (const auto& n : *names) {
      const QModelIndex existing = model_.tableIndex(connection_, n);
      const TableSummary* known = model_.tableAt(existing);
      summaries.push_back(known ? *known : TableSummary{n, "ACTIVE", 0, 0, {}});
    }
    model_.setTables(connection_, std::move(summaries));
    for (const auto& n : *names) describe(n);
    emit listed();
  });
}

void CatalogController::describe(const std::string& table) {
  runner_.runPrepared<TableSummary>(
      "DescribeTable", {{"TableName", table}}, this, tableSummaryFrom, [this, table](Result<TableSummary> r) {
        if (!r) {
          if (r.status().type() == ErrorType::ResourceNotFoundException) model_.removeTable(connection_, table);
          return;
        }
        model_.updateTable(connection_, std::move(*r));
      });
}

void CatalogController::onItemsChanged(const std::vector<ItemEvent>& events) {
  for (const auto& e : events) staleCounts_.insert(e.table);
  if (!staleCounts_.empty() && !countTimer_.isActive()) countTimer_.start();
}

void CatalogController::onTableChanged(const QString& table, TableEventKind kind) {
  const std::string name = table.toStdString();
  if (kind == TableEventKind::Deleted) {
    model_.removeTable(connection_, name);
    staleCounts_.erase(name);
    return;
  }
  describe(name);
}

}  // namespace dynadesk::ui
