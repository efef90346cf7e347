#include "session/query_run.h"

#include "client/response_decoding.h"

namespace dynadesk::ui {

namespace {

// One answer, decoded on the worker thread.
struct PageAnswer {
  ItemPage page;
  std::optional<nlohmann::json> lastKey;
  long long count = 0;
  long long scanned = 0;
  double capacity = 0;
};

Result<PageAnswer> pageAnswerFrom(const nlohmann::json& response) {
  PageAnswer answer;
  DYNADESK_ASSIGN_OR_RETURN(answer.page, itemPageFrom(response));
  if (auto it = response.find("LastEvaluatedKey"); it != response.end() && it->is_object()) answer.lastKey = *it;
  if (auto it = response.find("Count"); it != response.end() && it->is_number_integer()) answer.count = it->get<long long>();
  if (auto it = response.find("ScannedCount"); it != response.end() && it->is_number_integer()) {
    answer.scanned = it->get<long long>();
  }
  if (auto it = response.find("ConsumedCapacity"); it != response.end() && it->is_object()) {
    if (auto units = it->find("CapacityUnits"); units != it->end() && units->is_number()) answer.capacity = units->get<double>();
  }
  return answer;
}

std::vector<std::string> tableKeys(const TableShape& shape) {
  std::vector<std::string> keys{shape.partitionKey};
  if (!shape.sortKey.empty()) keys.push_back(shape.sortKey);
  return keys;
}

}  // namespace

QueryRun::QueryRun(RequestRunner& runner, ItemTableModel& model, QObject* parent)
    : QObject(parent), runner_(runner), model_(model) {
  connect(&model_, &ItemTableModel::pageRequested, this,
          [this](std::uint64_t generation, const std::optional<Item>&) { onPageRequested(generation); });
}

Status QueryRun::start(const OperationSpec& spec, const TableShape& shape) {
  auto built = buildRequest(spec, shape, 0);
  if (!built) return built.status();
  ++ticket_;
  spec_ = spec;
  shape_ = shape;
  first_ = std::move(*built);
  totals_ = RunTotals{};
  totals_.complete = false;
  segment_ = 0;
  startKey_.reset();
  more_ = true;
  inFlight_ = false;
  model_.setKeepEveryRow(true);
  model_.reset(spec.table, tableKeys(shape));
  model_.fetchMore({});
  return Status::ok();
}

void QueryRun::cancel() {
  ++ticket_;
  inFlight_ = false;
  more_ = false;
}

void QueryRun::fetchNext() {
  if (more_ && !inFlight_) model_.fetchMore({});
}

void QueryRun::onPageRequested(std::uint64_t generation) {
  if (generation != model_.generation() || inFlight_ || !more_) return;
  requestPage();
}

void QueryRun::requestPage() {
  auto built = buildRequest(spec_, shape_, segment_, startKey_);
  const std::uint64_t generation = model_.generation();
  if (!built) {
    // The spec was valid for segment 0, so this is a bug rather than bad input;
    // still, show it instead of stalling.
    more_ = false;
    model_.pageFailed(generation, QString::fromStdString(built.status().message()));
    emit failed(QString::fromStdString(built.status().message()));
    emit idle(false);
    return;
  }
  inFlight_ = true;
  const std::uint64_t ticket = ticket_;
  runner_.runPrepared<PageAnswer>(
      built->operation, std::move(built->request), this, pageAnswerFrom,
      [this, ticket, generation](Result<PageAnswer> answer) {
        if (ticket != ticket_) return;
        inFlight_ = false;
        if (!answer) {
          const QString message = QString::fromStdString(answer.status().message());
          model_.pageFailed(generation, message);
          emit failed(message);
          emit idle(false);
          return;
        }
        totals_.count += answer->count;
        totals_.scannedCount += answer->scanned;
        totals_.capacityUnits += answer->capacity;
        totals_.pages += 1;
        startKey_ = std::move(answer->lastKey);
        if (!startKey_) {
          ++segment_;
          more_ = spec_.kind == OperationKind::Scan && segment_ < spec_.totalSegments;
        } else {
          more_ = true;
        }
        totals_.complete = !more_;
        // The model only needs to know whether to ask again; our own cursor
        // (segment and start key) says where.
        answer->page.lastEvaluatedKey = more_ ? std::optional<Item>(Item{}) : std::nullopt;
        model_.appendPage(generation, std::move(answer->page));
        emit pageLoaded();
        if (more_ && spec_.fetchAllPages) {
          model_.fetchMore({});
        } else {
          emit idle(!more_);
        }
      });
}

}  // namespace dynadesk::ui
