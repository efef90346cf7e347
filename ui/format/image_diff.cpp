#include "format/image_diff.h"

#include <algorithm>

#include <QObject>
#include <QStringList>

#include "dynadesk/base64.h"

namespace dynadesk::ui {

namespace {

std::string joinPath(const std::string& parent, const std::string& step) {
  if (parent.empty()) return step;
  if (!step.empty() && step.front() == '[') return parent + step;
  return parent + "." + step;
}

ImageDiffLine leaf(DiffKind kind, const std::string& path, const std::string& label, int depth,
                   const AttributeValue* oldValue, const AttributeValue* newValue) {
  ImageDiffLine line;
  line.kind = kind;
  line.path = path;
  line.label = label;
  line.depth = depth;
  if (oldValue) line.oldValue = *oldValue;
  if (newValue) line.newValue = *newValue;
  return line;
}

void diffValues(const std::string& path, const std::string& label, int depth, const AttributeValue& a,
                const AttributeValue& b, std::vector<ImageDiffLine>& out);

void diffMaps(const std::string& parent, int depth, const AttributeMap& a, const AttributeMap& b,
              std::vector<ImageDiffLine>& out) {
  // Both maps iterate in name order, so one merge walk visits every name once.
  auto ia = a.begin();
  auto ib = b.begin();
  while (ia != a.end() || ib != b.end()) {
    if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
      const std::string step = pathStep(ia->first);
      out.push_back(leaf(DiffKind::Removed, joinPath(parent, step), ia->first, depth, &ia->second, nullptr));
      ++ia;
    } else if (ia == a.end() || ib->first < ia->first) {
      const std::string step = pathStep(ib->first);
      out.push_back(leaf(DiffKind::Added, joinPath(parent, step), ib->first, depth, nullptr, &ib->second));
      ++ib;
    } else {
      diffValues(joinPath(parent, pathStep(ia->first)), ia->first, depth, ia->second, ib->second, out);
      ++ia;
      ++ib;
    }
  }
}

void diffLists(const std::string& parent, int depth, const AttributeList& a, const AttributeList& b,
               std::vector<ImageDiffLine>& out) {
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string step = "[" + std::to_string(i) + "]";
    const std::string path = parent + step;
    if (i >= b.size()) {
      out.push_back(leaf(DiffKind::Removed, path, step, depth, &a[i], nullptr));
    } else if (i >= a.size()) {
      out.push_back(leaf(DiffKind::Added, path, step, depth, nullptr, &b[i]));
    } else {
      diffValues(path, step, depth, a[i], b[i], out);
    }
  }
}

// Members of a set as single values and their text, in set order.
std::vector<std::pair<std::string, AttributeValue>> setMembers(const AttributeValue& v) {
  std::vector<std::pair<std::string, AttributeValue>> members;
  if (v.is(AttrType::SS)) {
    for (const auto& s : v.asStringSet()) members.emplace_back(s, AttributeValue::string(s));
  } else if (v.is(AttrType::BS)) {
    for (const auto& s : v.asBinarySet()) members.emplace_back(base64Encode(s), AttributeValue::binary(s));
  } else if (v.is(AttrType::NS)) {
    for (const auto& n : v.asNumberSet()) members.emplace_back(n.toString(), AttributeValue::number(n));
  }
  return members;
}

void diffSets(const std::string& path, int depth, const AttributeValue& a, const AttributeValue& b,
              std::vector<ImageDiffLine>& out) {
  const auto before = setMembers(a);
  const auto after = setMembers(b);
  auto contains = [](const auto& members, const AttributeValue& v) {
    return std::any_of(members.begin(), members.end(), [&](const auto& m) { return m.second == v; });
  };
  for (const auto& [text, value] : before) {
    if (contains(after, value)) continue;
    ImageDiffLine line = leaf(DiffKind::Removed, path, text, depth, &value, nullptr);
    line.setMember = true;
    out.push_back(std::move(line));
  }
  for (const auto& [text, value] : after) {
    if (contains(before, value)) continue;
    ImageDiffLine line = leaf(DiffKind::Added, path, text, depth, nullptr, &value);
    line.setMember = true;
    out.push_back(std::move(line));
  }
}

void diffValues(const std::string& path, const std::string& label, int depth, const AttributeValue& a,
                const AttributeValue& b, std::vector<ImageDiffLine>& out) {
  if (a == b) {
    out.push_back(leaf(DiffKind::Unchanged, path, label, depth, &a, &b));
    return;
  }
  ImageDiffLine line = leaf(DiffKind::Changed, path, label, depth, &a, &b);
  if (a.type() != b.type()) {
    out.push_back(std::move(line));
    return;
  }
  switch (a.type()) {
    case AttrType::M:
      line.container = true;
      out.push_back(std::move(line));
      diffMaps(path, depth + 1, a.asMap(), b.asMap(), out);
      return;
    case AttrType::L:
      line.container = true;
      out.push_back(std::move(line));
      diffLists(path, depth + 1, a.asList(), b.asList(), out);
      return;
    case AttrType::SS:
    case AttrType::NS:
    case AttrType::BS:
      line.container = true;
      out.push_back(std::move(line));
      diffSets(path, depth + 1, a, b, out);
      return;
    default:
      out.push_back(std::move(line));
      return;
  }
}

void appendUnique(std::vector<std::string>& list, const std::string& path) {
  if (std::find(list.begin(), list.end(), path) == list.end()) list.push_back(path);
}

}  // namespace

std::string pathStep(const std::string& name) {
  if (name.find_first_of(".[]`") == std::string::npos && !name.empty()) return name;
  std::string quoted = "`";
  for (char c : name) {
    if (c == '`') quoted += '`';  // a backtick inside a quoted name is doubled
    quoted += c;
  }
  return quoted + "`";
}

std::vector<ImageDiffLine> diffImages(const Item& oldImage, const Item& newImage) {
  std::vector<ImageDiffLine> lines;
  diffMaps("", 0, oldImage, newImage, lines);
  return lines;
}

ImageDiffSummary summarizeDiff(const std::vector<ImageDiffLine>& lines) {
  ImageDiffSummary s;
  for (const auto& line : lines) {
    if (line.setMember) {
      appendUnique(s.changed, line.path);
      continue;
    }
    if (line.container) {
      // Maps and lists are named by their changed entries; sets by themselves.
      if (line.oldValue && line.oldValue->isSet()) appendUnique(s.changed, line.path);
      continue;
    }
    switch (line.kind) {
      case DiffKind::Added: appendUnique(s.added, line.path); break;
      case DiffKind::Removed: appendUnique(s.removed, line.path); break;
      case DiffKind::Changed: appendUnique(s.changed, line.path); break;
      case DiffKind::Unchanged: break;
    }
  }
  return s;
}

QString diffSummaryText(const ImageDiffSummary& summary, int maxChars) {
  if (summary.empty()) return QObject::tr("no change");
  QStringList parts;
  auto part = [&](const char* verb, const std::vector<std::string>& paths) {
    if (paths.empty()) return;
    QStringList names;
    for (const auto& p : paths) names << QString::fromStdString(p);
    parts << QObject::tr(verb) + " " + names.join(", ");
  };
  part("changed", summary.changed);
  part("added", summary.added);
  part("removed", summary.removed);
  QString text = parts.join(QStringLiteral(" · "));
  if (maxChars > 1 && text.size() > maxChars) text = text.left(maxChars - 1) + QChar(0x2026);
  return text;
}

}  // namespace dynadesk::ui
