#include "session/item_browser_controller.h"

#include "client/response_decoding.h"
#include "dynadesk/attribute_json.h"

namespace dynadesk::ui {

ItemBrowserController::ItemBrowserController(RequestRunner& runner, EngineBridge* bridge, ItemTableModel& model,
                                             QObject* parent)
    : QObject(parent), runner_(runner), model_(model) {
  connect(&model_, &ItemTableModel::pageRequested, this, &ItemBrowserController::onPageRequested);
  if (bridge) {
    connect(bridge, &EngineBridge::itemsChanged, &model_, &ItemTableModel::applyItemEvents);
    connect(bridge, &EngineBridge::tableChanged, this, [this](const QString& table, TableEventKind kind) {
      if (table.toStdString() != table_) return;
      if (kind == TableEventKind::Deleted) {
        model_.reset("", {});
        emit tableGone(table);
      } else if (kind == TableEventKind::ItemsResync || kind == TableEventKind::Created) {
        reload();
      }
    });
  }
}

void ItemBrowserController::open(const std::string& table) {
  table_ = table;
  const std::uint64_t ticket = ++openTicket_;
  model_.reset("", {});
  if (table.empty()) return;
  runner_.runPrepared<std::vector<std::string>>(
      "DescribeTable", {{"TableName", table}}, this, keyAttributesFrom,
      [this, ticket, table](Result<std::vector<std::string>> keys) {
        if (ticket != openTicket_) return;
        if (!keys) {
          emit failed(QString::fromStdString(keys.status().message()));
          return;
        }
        model_.reset(table, std::move(*keys));
        model_.fetchMore({});
        emit opened(QString::fromStdString(table));
      });
}

void ItemBrowserController::reload() { open(table_); }

void ItemBrowserController::onPageRequested(std::uint64_t generation, std::optional<Item> startKey) {
  nlohmann::json request{{"TableName", model_.table()}, {"Limit", kPageSize}};
  if (startKey) request["ExclusiveStartKey"] = toJson(*startKey);
  runner_.runPrepared<ItemPage>("Scan", std::move(request), this, itemPageFrom,
                                [this, generation](Result<ItemPage> page) {
                                  if (!page) {
                                    model_.pageFailed(generation, QString::fromStdString(page.status().message()));
                                    return;
                                  }
                                  model_.appendPage(generation, std::move(*page));
                                });
}

}  // namespace dynadesk::ui
