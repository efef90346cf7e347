#include "operation/request_builder.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "dynadesk/attribute_json.h"
#include "operation/attribute_path.h"

namespace dynadesk::ui {

namespace {

using Json = nlohmann::json;

std::string typeWords(AttrType type) {
  switch (type) {
    case AttrType::S: return "a string (S)";
    case AttrType::N: return "a number (N)";
    case AttrType::B: return "binary (B)";
    case AttrType::BOOL: return "a boolean (BOOL)";
    case AttrType::NUL: return "null (NULL)";
    case AttrType::M: return "a map (M)";
    case AttrType::L: return "a list (L)";
    case AttrType::SS: return "a string set (SS)";
    case AttrType::NS: return "a number set (NS)";
    case AttrType::BS: return "a binary set (BS)";
  }
  return "a value";
}

std::string typeWords(const std::string& code) {
  if (code == "S") return typeWords(AttrType::S);
  if (code == "N") return typeWords(AttrType::N);
  if (code == "B") return typeWords(AttrType::B);
  return code;
}

bool isOrderable(const AttributeValue& v) { return v.is(AttrType::S) || v.is(AttrType::N) || v.is(AttrType::B); }

// <0, 0, >0 for two orderable values of one type, in DynamoDB's order
// (numbers by value, strings and binary by unsigned bytes).
int compareOrderable(const AttributeValue& a, const AttributeValue& b) {
  if (a.is(AttrType::N)) return a.asNumber().compare(b.asNumber());
  const std::string& x = a.is(AttrType::S) ? a.asString() : a.asBinary();
  const std::string& y = b.is(AttrType::S) ? b.asString() : b.asBinary();
  return x.compare(y);
}

bool isTypeCode(const std::string& s) {
  static const char* const kCodes[] = {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"};
  for (const char* c : kCodes) {
    if (s == c) return true;
  }
  return false;
}

// Hands out #n/:v placeholders, one per distinct name or value.
class Placeholders {
 public:
  std::string name(const std::string& n) {
    for (auto it = names_.begin(); it != names_.end(); ++it) {
      if (it.value() == n) return it.key();
    }
    std::string p = "#n" + std::to_string(names_.size());
    names_[p] = n;
    return p;
  }
  std::string value(const AttributeValue& v) {
    for (const auto& [known, placeholder] : values_) {
      if (known == v) return placeholder;
    }
    std::string p = ":v" + std::to_string(values_.size());
    values_.emplace_back(v, p);
    valuesJson_[p] = toJson(v);
    return p;
  }
  std::string path(const AttributePath& path) {
    std::string out;
    for (const auto& e : path) {
      if (e.isIndex) {
        out += "[" + std::to_string(e.index) + "]";
      } else {
        if (!out.empty()) out += '.';
        out += name(e.name);
      }
    }
    return out;
  }
  const Json& namesJson() const { return names_; }
  const Json& valuesJson() const { return valuesJson_; }
  bool hasNames() const { return !names_.empty(); }
  bool hasValues() const { return !values_.empty(); }

 private:
  Json names_ = Json::object();
  Json valuesJson_ = Json::object();
  std::vector<std::pair<AttributeValue, std::string>> values_;
};

Status checkKeyValue(const AttributeValue& v, const std::string& role, const std::string& keyName,
                     const TableShape& shape) {
  auto declared = shape.attributeTypes.find(keyName);
  if (declared != shape.attributeTypes.end() && attrTypeName(v.type()) != declared->second) {
    return Status::validation("The " + role + " " + keyName + " is " + typeWords(declared->second) +
                              "; the value given is " + typeWords(v.type()) + ".");
  }
  if (!v.is(AttrType::S) && !v.is(AttrType::N) && !v.is(AttrType::B)) {
    return Status::validation("The " + role + " " + keyName + " takes a string, number or binary value; the value given is " +
                              typeWords(v.type()) + ".");
  }
  if ((v.is(AttrType::S) && v.asString().empty()) || (v.is(AttrType::B) && v.asBinary().empty())) {
    return Status::validation("The " + role + " " + keyName + " cannot be empty.");
  }
  return Status::ok();
}

Result<std::string> keyCondition(const OperationSpec& spec, const TableShape& shape, const KeyNames& keys,
                                 Placeholders& ph) {
  if (!spec.partitionValue) {
    return Status::validation("Partition key: a Query needs a value for the partition key " + keys.partitionKey + ".");
  }
  DYNADESK_RETURN_IF_ERROR(checkKeyValue(*spec.partitionValue, "partition key", keys.partitionKey, shape));
  std::string out = ph.name(keys.partitionKey) + " = " + ph.value(*spec.partitionValue);
  if (!spec.sortOperator) return out;

  const KeyOperator op = *spec.sortOperator;
  if (keys.sortKey.empty()) {
    return Status::validation("Sort key condition: " +
                              (spec.index.empty() ? "table " + shape.name : "index " + spec.index) +
                              " has no sort key; remove the sort key condition.");
  }
  const int want = expectedValueCount(op);
  if (static_cast<int>(spec.sortValues.size()) != want) {
    return Status::validation("Sort key condition: " + std::string(op == KeyOperator::Between ? "BETWEEN needs two values" : "needs one value") +
                              "; " + std::to_string(spec.sortValues.size()) + " given.");
  }
  for (const auto& v : spec.sortValues) DYNADESK_RETURN_IF_ERROR(checkKeyValue(v, "sort key", keys.sortKey, shape));
  const std::string key = ph.name(keys.sortKey);
  switch (op) {
    case KeyOperator::Equal: return out + " AND " + key + " = " + ph.value(spec.sortValues[0]);
    case KeyOperator::Less: return out + " AND " + key + " < " + ph.value(spec.sortValues[0]);
    case KeyOperator::LessOrEqual: return out + " AND " + key + " <= " + ph.value(spec.sortValues[0]);
    case KeyOperator::Greater: return out + " AND " + key + " > " + ph.value(spec.sortValues[0]);
    case KeyOperator::GreaterOrEqual: return out + " AND " + key + " >= " + ph.value(spec.sortValues[0]);
    case KeyOperator::Between:
      if (spec.sortValues[0].type() != spec.sortValues[1].type()) {
        return Status::validation("Sort key condition: BETWEEN needs two values of the same type.");
      }
      if (compareOrderable(spec.sortValues[0], spec.sortValues[1]) > 0) {
        return Status::validation("Sort key condition: BETWEEN needs the lower value first.");
      }
      {
        // Named one at a time: the operands of + are unsequenced, and placeholders number in order.
        const std::string low = ph.value(spec.sortValues[0]);
        const std::string high = ph.value(spec.sortValues[1]);
        return out + " AND " + key + " BETWEEN " + low + " AND " + high;
      }
    case KeyOperator::BeginsWith:
      if (spec.sortValues[0].is(AttrType::N)) {
        return Status::validation("Sort key condition: begins_with works only on a string or binary sort key; " +
                                  keys.sortKey + " is a number (N).");
      }
      return out + " AND begins_with(" + key + ", " + ph.value(spec.sortValues[0]) + ")";
  }
  return out;
}

const char* comparator(FilterTest test) {
  switch (test) {
    case FilterTest::Equal: case FilterTest::SizeEqual: return "=";
    case FilterTest::NotEqual: case FilterTest::SizeNotEqual: return "<>";
    case FilterTest::Less: case FilterTest::SizeLess: return "<";
    case FilterTest::LessOrEqual: case FilterTest::SizeLessOrEqual: return "<=";
    case FilterTest::Greater: case FilterTest::SizeGreater: return ">";
    case FilterTest::GreaterOrEqual: case FilterTest::SizeGreaterOrEqual: return ">=";
    default: return "";
  }
}

bool isSizeTest(FilterTest t) {
  return t == FilterTest::SizeEqual || t == FilterTest::SizeNotEqual || t == FilterTest::SizeLess ||
         t == FilterTest::SizeLessOrEqual || t == FilterTest::SizeGreater || t == FilterTest::SizeGreaterOrEqual;
}

std::string rowLabel(std::size_t i, const FilterRow& row) {
  return "Filter row " + std::to_string(i + 1) + " (" + (row.path.empty() ? std::string("no path") : row.path) + ")";
}

Result<std::string> filterTerm(std::size_t i, const FilterRow& row, const OperationSpec& spec, const KeyNames& keys,
                               Placeholders& ph) {
  const std::string label = rowLabel(i, row);
  auto parsed = parseAttributePath(row.path);
  if (!parsed) return Status::validation(label + ": " + parsed.status().message() + ".");
  const AttributePath& path = parsed.value();
  if (spec.kind == OperationKind::Query && (path[0].name == keys.partitionKey || path[0].name == keys.sortKey)) {
    return Status::validation(label + ": a Query cannot filter on its key attribute " + path[0].name +
                              "; use the key condition instead.");
  }

  const int want = expectedValueCount(row.test);
  const auto& values = row.values;
  if (want == -1) {
    if (values.empty()) return Status::validation(label + ": IN needs at least one value.");
    if (values.size() > static_cast<std::size_t>(kMaxInValues)) {
      return Status::validation(label + ": IN takes at most " + std::to_string(kMaxInValues) + " values; " +
                                std::to_string(values.size()) + " given.");
    }
  } else if (want > 0 && static_cast<int>(values.size()) != want) {
    return Status::validation(label + ": " + std::string(want == 2 ? "BETWEEN needs two values" : "needs one value") +
                              "; " + std::to_string(values.size()) + " given.");
  }

  const std::string p = ph.path(path);
  switch (row.test) {
    case FilterTest::Equal:
    case FilterTest::NotEqual:
      return p + " " + comparator(row.test) + " " + ph.value(values[0]);
    case FilterTest::Less:
    case FilterTest::LessOrEqual:
    case FilterTest::Greater:
    case FilterTest::GreaterOrEqual:
      if (!isOrderable(values[0])) {
        return Status::validation(label + ": " + comparator(row.test) +
                                  " compares strings, numbers or binary values; the value given is " +
                                  typeWords(values[0].type()) + ".");
      }
      return p + " " + comparator(row.test) + " " + ph.value(values[0]);
    case FilterTest::Between:
      if (!isOrderable(values[0]) || !isOrderable(values[1])) {
        return Status::validation(label + ": BETWEEN compares strings, numbers or binary values.");
      }
      if (values[0].type() != values[1].type()) {
        return Status::validation(label + ": BETWEEN needs two values of the same type; the values given are " +
                                  typeWords(values[0].type()) + " and " + typeWords(values[1].type()) + ".");
      }
      if (compareOrderable(values[0], values[1]) > 0) {
        return Status::validation(label + ": BETWEEN needs the lower value first.");
      }
      {
        const std::string low = ph.value(values[0]);
        const std::string high = ph.value(values[1]);
        return p + " BETWEEN " + low + " AND " + high;
      }
    case FilterTest::In: {
      std::string list;
      for (const auto& v : values) {
        if (!list.empty()) list += ", ";
        list += ph.value(v);
      }
      return p + " IN (" + list + ")";
    }
    case FilterTest::BeginsWith:
      if (!values[0].is(AttrType::S) && !values[0].is(AttrType::B)) {
        return Status::validation(label + ": begins_with takes a string or binary value; the value given is " +
                                  typeWords(values[0].type()) + ".");
      }
      return "begins_with(" + p + ", " + ph.value(values[0]) + ")";
    case FilterTest::Contains:
      return "contains(" + p + ", " + ph.value(values[0]) + ")";
    case FilterTest::NotContains:
      return "NOT contains(" + p + ", " + ph.value(values[0]) + ")";
    case FilterTest::Exists:
      return "attribute_exists(" + p + ")";
    case FilterTest::NotExists:
      return "attribute_not_exists(" + p + ")";
    case FilterTest::AttributeType:
      if (!values[0].is(AttrType::S) || !isTypeCode(values[0].asString())) {
        return Status::validation(label +
                                  ": attribute_type needs one of the type codes S, N, B, BOOL, NULL, M, L, SS, NS, BS.");
      }
      return "attribute_type(" + p + ", " + ph.value(values[0]) + ")";
    default:
      break;
  }
  if (isSizeTest(row.test)) {
    if (!values[0].is(AttrType::N)) {
      return Status::validation(label + ": a size test compares with a number (N); the value given is " +
                                typeWords(values[0].type()) + ".");
    }
    return "size(" + p + ") " + comparator(row.test) + " " + ph.value(values[0]);
  }
  return Status::validation(label + ": unknown test.");
}

// DynamoDB refuses a projection where one path is a prefix of (or equal to)
// another, or where two paths use the same part once as a map key and once as
// a list index; saying so here names the two paths in the user's syntax.
Status checkProjectionPair(const AttributePath& one, const AttributePath& two) {
  const std::size_t n = std::min(one.size(), two.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (one[i].isIndex != two[i].isIndex) {
      return Status::validation("Projection: " + attributePathText(one) + " and " + attributePathText(two) +
                                " conflict: one reads a map key where the other reads a list element.");
    }
    if (!(one[i] == two[i])) return Status::ok();
  }
  return Status::validation("Projection: " + attributePathText(one) + " and " + attributePathText(two) +
                            " overlap; keep only one of them.");
}

}  // namespace

Result<BuiltRequest> buildRequest(const OperationSpec& spec, const TableShape& shape, int segment,
                                  const std::optional<nlohmann::json>& exclusiveStartKey) {
  if (spec.table.empty()) return Status::validation("Table: choose a table.");
  if (!shape.name.empty() && shape.name != spec.table) {
    return Status::validation("Table: the operation is for " + spec.table + " but the description is of " +
                              shape.name + ".");
  }
  DYNADESK_ASSIGN_OR_RETURN(KeyNames keys, keysFor(shape, spec.index));
  const bool query = spec.kind == OperationKind::Query;

  BuiltRequest built;
  built.operation = query ? "Query" : "Scan";
  Json& r = built.request;
  r = Json::object();
  r["TableName"] = spec.table;
  if (!spec.index.empty()) r["IndexName"] = spec.index;

  Placeholders ph;
  if (query) {
    DYNADESK_ASSIGN_OR_RETURN(std::string kc, keyCondition(spec, shape, keys, ph));
    r["KeyConditionExpression"] = std::move(kc);
  }

  std::string filter;
  for (std::size_t i = 0; i < spec.filters.size(); ++i) {
    DYNADESK_ASSIGN_OR_RETURN(std::string term, filterTerm(i, spec.filters[i], spec, keys, ph));
    if (!filter.empty()) filter += spec.matchAny ? " OR " : " AND ";
    filter += term;
  }
  if (!filter.empty()) r["FilterExpression"] = std::move(filter);

  std::string projection;
  std::vector<AttributePath> projected;
  for (const auto& text : spec.projection) {
    auto parsed = parseAttributePath(text);
    if (!parsed) {
      return Status::validation("Projection (" + (text.empty() ? std::string("no path") : text) +
                                "): " + parsed.status().message() + ".");
    }
    for (const auto& earlier : projected) DYNADESK_RETURN_IF_ERROR(checkProjectionPair(earlier, parsed.value()));
    if (!projection.empty()) projection += ", ";
    projection += ph.path(parsed.value());
    projected.push_back(std::move(parsed).value());
  }
  if (!projection.empty()) r["ProjectionExpression"] = std::move(projection);
  if (ph.hasNames()) r["ExpressionAttributeNames"] = ph.namesJson();
  if (ph.hasValues()) r["ExpressionAttributeValues"] = ph.valuesJson();

  if (query && !spec.ascending) r["ScanIndexForward"] = false;
  if (spec.pageSize < 0) {
    return Status::validation("Page size: must be 0 (no limit) or more; " + std::to_string(spec.pageSize) + " given.");
  }
  if (spec.pageSize > 0) r["Limit"] = spec.pageSize;
  if (spec.consistentRead) {
    std::string reason;
    if (!consistentReadAllowed(shape, spec.index, &reason)) return Status::validation("ConsistentRead: " + reason);
    r["ConsistentRead"] = true;
  }
  if (!query) {
    if (spec.totalSegments < 1 || spec.totalSegments > kMaxTotalSegments) {
      return Status::validation("Parallel scan segments: must be between 1 and " + std::to_string(kMaxTotalSegments) +
                                "; " + std::to_string(spec.totalSegments) + " given.");
    }
    if (segment < 0 || segment >= spec.totalSegments) {
      return Status::validation("Segment: " + std::to_string(segment) + " does not exist; the scan has " +
                                std::to_string(spec.totalSegments) + " segment" +
                                (spec.totalSegments == 1 ? "" : "s") + " (0 to " +
                                std::to_string(spec.totalSegments - 1) + ").");
    }
    if (spec.totalSegments > 1) {
      r["Segment"] = segment;
      r["TotalSegments"] = spec.totalSegments;
    }
  }
  r["ReturnConsumedCapacity"] = "TOTAL";
  if (exclusiveStartKey) r["ExclusiveStartKey"] = *exclusiveStartKey;
  return built;
}

}  // namespace dynadesk::ui
