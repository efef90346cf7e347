// QueryRun: runs the query builder's operation — a Query or Scan, possibly
// paged and in parallel-scan segments — and feeds its items into an
// ItemTableModel, the same grid model the item browser uses.
//
// Pages: the first page is read at start(); later ones when the grid asks
// (scrolling, ItemTableModel::fetchMore) or at once, one after another, when
// the spec asks for all pages. Segments are read one after another, each to its
// end, so the grid fills in segment order. Totals (Count, ScannedCount,
// consumed capacity, pages) add up across pages and segments.
//
// Every request runs off the GUI thread (RequestRunner). A new start() or
// cancel() drops the answers of the previous run.
//
// Thread-safety: GUI thread only. Borrows the runner and model.
#pragma once

#include <cstdint>
#include <optional>

#include <QObject>
#include <nlohmann/json.hpp>

#include "client/request_runner.h"
#include "models/item_table_model.h"
#include "operation/operation_explanation.h"
#include "operation/operation_spec.h"
#include "operation/request_builder.h"
#include "operation/table_shape.h"

namespace dynadesk::ui {

class QueryRun : public QObject {
  Q_OBJECT
 public:
  QueryRun(RequestRunner& runner, ItemTableModel& model, QObject* parent = nullptr);

  // Builds the first request (an invalid spec fails at once: Status returned,
  // nothing runs), resets the model and reads the first page.
  Status start(const OperationSpec& spec, const TableShape& shape);
  void cancel();

  bool running() const { return inFlight_; }
  // More pages (or segments) remain to be read.
  bool hasMore() const { return more_; }
  // Reads the next page now (the "load more" link).
  void fetchNext();

  const OperationSpec& spec() const { return spec_; }
  const RunTotals& totals() const { return totals_; }
  // The request of the first page, as sent.
  const BuiltRequest& firstRequest() const { return first_; }

 signals:
  // A page arrived; totals() include it.
  void pageLoaded();
  // Nothing is being read now; complete: every page was read.
  void idle(bool complete);
  void failed(const QString& message);

 private:
  void onPageRequested(std::uint64_t generation);
  void requestPage();

  RequestRunner& runner_;
  ItemTableModel& model_;
  OperationSpec spec_;
  TableShape shape_;
  BuiltRequest first_;
  RunTotals totals_;
  std::uint64_t ticket_ = 0;  // drops answers of an earlier run
  int segment_ = 0;
  std::optional<nlohmann::json> startKey_;
  bool more_ = false;
  bool inFlight_ = false;
};

}  // namespace dynadesk::ui
