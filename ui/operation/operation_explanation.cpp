#include "operation/operation_explanation.h"

#include <QLocale>
#include <QStringList>

#include "format/attribute_text.h"

namespace dynadesk::ui {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

// Fixed English grouping ("1,000"): the sentences around the numbers are English.
QString count(long long n) { return QLocale(QLocale::English, QLocale::UnitedStates).toString(n); }

QString plural(long long n, const QString& one, const QString& many) {
  return count(n) + " " + (n == 1 ? one : many);
}

QString capacityText(double units) {
  QString number = QLocale(QLocale::English, QLocale::UnitedStates).toString(units, 'f', 2);
  // Trim "2.50" to "2.5" and "3.00" to "3".
  while (number.contains('.') && (number.endsWith('0') || number.endsWith('.'))) number.chop(1);
  return number + (units == 1.0 ? " read capacity unit" : " read capacity units");
}

QString valueText(const AttributeValue& v) {
  if (v.is(AttrType::S)) return "\"" + q(v.asString()) + "\"";
  if (v.is(AttrType::N)) return q(v.asNumber().toString());
  return compactText(v, 60);
}

QString valueAt(const std::vector<AttributeValue>& values, std::size_t i) {
  return i < values.size() ? valueText(values[i]) : QStringLiteral("?");
}

QString keyOperatorText(KeyOperator op) {
  switch (op) {
    case KeyOperator::Equal: return "=";
    case KeyOperator::Less: return "<";
    case KeyOperator::LessOrEqual: return "<=";
    case KeyOperator::Greater: return ">";
    case KeyOperator::GreaterOrEqual: return ">=";
    case KeyOperator::Between: return "between";
    case KeyOperator::BeginsWith: return "begins with";
  }
  return "";
}

QString filterRowText(const FilterRow& row) {
  const QString p = row.path.empty() ? QStringLiteral("(no path)") : q(row.path);
  const auto& v = row.values;
  switch (row.test) {
    case FilterTest::Equal: return p + " = " + valueAt(v, 0);
    case FilterTest::NotEqual: return p + " <> " + valueAt(v, 0);
    case FilterTest::Less: return p + " < " + valueAt(v, 0);
    case FilterTest::LessOrEqual: return p + " <= " + valueAt(v, 0);
    case FilterTest::Greater: return p + " > " + valueAt(v, 0);
    case FilterTest::GreaterOrEqual: return p + " >= " + valueAt(v, 0);
    case FilterTest::Between: return p + " between " + valueAt(v, 0) + " and " + valueAt(v, 1);
    case FilterTest::In: {
      QStringList items;
      for (const auto& value : v) items << valueText(value);
      return p + " is one of " + (items.isEmpty() ? QStringLiteral("?") : items.join(", "));
    }
    case FilterTest::BeginsWith: return p + " begins with " + valueAt(v, 0);
    case FilterTest::Contains: return p + " contains " + valueAt(v, 0);
    case FilterTest::NotContains: return p + " does not contain " + valueAt(v, 0);
    case FilterTest::Exists: return p + " exists";
    case FilterTest::NotExists: return p + " does not exist";
    case FilterTest::SizeEqual: return "size of " + p + " = " + valueAt(v, 0);
    case FilterTest::SizeNotEqual: return "size of " + p + " <> " + valueAt(v, 0);
    case FilterTest::SizeLess: return "size of " + p + " < " + valueAt(v, 0);
    case FilterTest::SizeLessOrEqual: return "size of " + p + " <= " + valueAt(v, 0);
    case FilterTest::SizeGreater: return "size of " + p + " > " + valueAt(v, 0);
    case FilterTest::SizeGreaterOrEqual: return "size of " + p + " >= " + valueAt(v, 0);
    case FilterTest::AttributeType:
      return p + " is of type " + (!v.empty() && v[0].is(AttrType::S) ? q(v[0].asString()) : QStringLiteral("?"));
  }
  return p;
}

QString filterText(const OperationSpec& spec) {
  QStringList rows;
  for (const auto& row : spec.filters) rows << filterRowText(row);
  return rows.join(spec.matchAny ? " or " : " and ");
}

// "Query on index GenreIndex of table Music" / "Scan of table Music in 4 segments".
QString heading(const OperationSpec& spec) {
  const bool query = spec.kind == OperationKind::Query;
  QString target = spec.index.empty() ? "table " + q(spec.table)
                                      : "index " + q(spec.index) + " of table " + q(spec.table);
  QString out = (query ? "Query on " : "Scan of ") + target;
  if (!query && spec.totalSegments > 1) out += " in " + count(spec.totalSegments) + " segments";
  return out;
}

// What the key condition narrows to, e.g. genre = "Rock" and year between 1990 and 1999.
QString keyText(const OperationSpec& spec, const KeyNames& keys) {
  QString out = q(keys.partitionKey) + " = " + valueText(*spec.partitionValue);
  if (spec.sortOperator && !keys.sortKey.empty()) {
    const KeyOperator op = *spec.sortOperator;
    out += " and " + q(keys.sortKey) + " " + keyOperatorText(op) + " " + valueAt(spec.sortValues, 0);
    if (op == KeyOperator::Between) out += " and " + valueAt(spec.sortValues, 1);
  }
  return out;
}

QString projectionText(const OperationSpec& spec) {
  QStringList paths;
  for (const auto& p : spec.projection) paths << q(p);
  return paths.join(", ");
}

// A note when the chosen index cannot hand back every attribute; empty otherwise.
QString indexProjectionNote(const OperationSpec& spec, const TableShape& shape) {
  if (spec.index.empty()) return {};
  const IndexShape* index = findIndex(shape, spec.index);
  if (index == nullptr || index->projectionType.empty() || index->projectionType == "ALL") return {};
  QString holds = QStringLiteral("only the keys");
  if (index->projectionType == "INCLUDE" && !index->nonKeyAttributes.empty()) {
    QStringList names;
    for (const auto& n : index->nonKeyAttributes) names << q(n);
    holds = "only the keys and " + names.join(", ");
  }
  QString out = "index " + q(spec.index) + " holds " + holds + " (" + q(index->projectionType) + ")";
  if (index->global) return out + ", so attributes outside the projection cannot be returned";
  return out + "; attributes outside it are fetched from the table at extra read cost";
}

QString missingKeyPart(const OperationSpec& spec, const TableShape& shape, KeyNames* keysOut) {
  auto keys = keysFor(shape, spec.index);
  if (!keys) return q(keys.status().message());
  *keysOut = keys.value();
  if (spec.kind == OperationKind::Query && !spec.partitionValue) {
    return "enter a value for the partition key " + q(keys->partitionKey) + ".";
  }
  return {};
}

}  // namespace

void addPage(RunTotals& totals, const nlohmann::json& response) {
  if (!response.is_object()) return;
  auto number = [&](const char* key) -> long long {
    auto it = response.find(key);
    return it != response.end() && it->is_number_integer() ? it->get<long long>() : 0;
  };
  totals.count += number("Count");
  totals.scannedCount += number("ScannedCount");
  totals.pages += 1;
  if (auto c = response.find("ConsumedCapacity"); c != response.end() && c->is_object()) {
    if (auto u = c->find("CapacityUnits"); u != c->end() && u->is_number()) totals.capacityUnits += u->get<double>();
  }
}

QString explainRun(const OperationSpec& spec, const TableShape& shape, const RunTotals& totals) {
  const bool query = spec.kind == OperationKind::Query;
  KeyNames keys;
  if (QString missing = missingKeyPart(spec, shape, &keys); !missing.isEmpty()) return heading(spec) + ": " + missing;

  QStringList parts;
  if (query) {
    parts << "the key condition reads only items with " + keyText(spec, keys);
  } else {
    parts << (totals.complete ? QStringLiteral("every item is read")
                             : "part of the " + QString(spec.index.empty() ? "table" : "index") + " is read");
  }
  const long long discarded = totals.scannedCount - totals.count;
  if (spec.filters.empty()) {
    parts << "no filter, so every item read is returned";
  } else {
    parts << "the filter discarded " + count(discarded) + " of the " + plural(totals.scannedCount, "item", "items") +
                 " read";
  }
  if (!spec.projection.empty()) parts << "only " + projectionText(spec) + " are returned";
  if (QString note = indexProjectionNote(spec, shape); !note.isEmpty()) parts << note;
  // Limit counts items read, not returned, which surprises people most on a filtered Scan.
  if (spec.pageSize > 0 && !query) {
    parts << "each page stops after " + plural(spec.pageSize, "item", "items") + " read (Limit)" +
                 (spec.filters.empty() ? QString() : QStringLiteral(", before the filter"));
  }
  QString tail = count(totals.count) + " returned in " + plural(totals.pages, "page", "pages") + ", " +
                 capacityText(totals.capacityUnits);
  if (!totals.complete) tail += "; more items remain";
  parts << tail;
  return heading(spec) + ": " + parts.join("; ") + ".";
}

QString describePlan(const OperationSpec& spec, const TableShape& shape) {
  if (spec.table.empty()) return QStringLiteral("Choose a table.");
  const bool query = spec.kind == OperationKind::Query;
  KeyNames keys;
  if (QString missing = missingKeyPart(spec, shape, &keys); !missing.isEmpty()) return heading(spec) + ": " + missing;

  QStringList parts;
  if (query) {
    QString reads = "reads only items with " + keyText(spec, keys);
    const QString orderKey = keys.sortKey.empty() ? QString() : q(keys.sortKey);
    if (!orderKey.isEmpty()) reads += spec.ascending ? ", in ascending " + orderKey + " order" : ", in descending " + orderKey + " order";
    parts << reads;
  } else {
    parts << (spec.index.empty() ? QStringLiteral("reads every item in the table") : QStringLiteral("reads every item in the index"));
  }
  if (spec.filters.empty()) {
    parts << "no filter, so every item read is returned";
  } else {
    parts << "then the filter keeps only items where " + filterText(spec);
  }
  if (!spec.projection.empty()) parts << "returns only " + projectionText(spec);
  if (QString note = indexProjectionNote(spec, shape); !note.isEmpty()) parts << note;
  if (spec.pageSize > 0) {
    QString limit = "pages of at most " + plural(spec.pageSize, "item", "items") + " read";
    if (!spec.filters.empty()) limit += ", counted before the filter";
    parts << limit;
  }
  if (spec.fetchAllPages) parts << "fetches all pages";
  if (spec.consistentRead) {
    std::string reason;
    const bool allowed = consistentReadAllowed(shape, spec.index, &reason);
    if (!reason.empty() && reason.back() == '.') reason.pop_back();
    parts << (allowed ? QStringLiteral("strongly consistent reads")
                                                                : "ConsistentRead is not possible: " + q(reason));
  }
  return heading(spec) + ": " + parts.join("; ") + ".";
}

}  // namespace dynadesk::ui
