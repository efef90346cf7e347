#include "models/attribute_tree_model.h"

#include <algorithm>

#include <QFont>
#include <nlohmann/json.hpp>

#include "dynadesk/attribute_json.h"
#include "dynadesk/base64.h"

namespace dynadesk::ui {

struct AttributeTreeModel::Node {
  std::string name;  // top level and map entries
  AttrType type = AttrType::S;
  QString text;      // scalars and set members: S text, N literal, B base64, BOOL "true"/"false"
  Node* parent = nullptr;
  std::vector<std::unique_ptr<Node>> children;

  bool isContainer() const { return type == AttrType::M || type == AttrType::L || isSetType(); }
  bool isSetType() const { return type == AttrType::SS || type == AttrType::NS || type == AttrType::BS; }
  int row() const {
    if (!parent) return 0;
    for (std::size_t i = 0; i < parent->children.size(); ++i) {
      if (parent->children[i].get() == this) return static_cast<int>(i);
    }
    return 0;
  }
};

namespace {

using NodePtr = std::unique_ptr<AttributeTreeModel::Node>;

AttrType memberType(AttrType setType) {
  return setType == AttrType::NS ? AttrType::N : setType == AttrType::BS ? AttrType::B : AttrType::S;
}

std::optional<AttrType> typeFromCode(const QString& code) {
  static const std::pair<const char*, AttrType> kTypes[] = {
      {"S", AttrType::S},   {"N", AttrType::N},   {"B", AttrType::B},   {"BOOL", AttrType::BOOL},
      {"NULL", AttrType::NUL}, {"M", AttrType::M}, {"L", AttrType::L},   {"SS", AttrType::SS},
      {"NS", AttrType::NS}, {"BS", AttrType::BS}};
  for (const auto& [c, t] : kTypes) {
    if (code == QLatin1String(c)) return t;
  }
  return std::nullopt;
}

QString typeText(AttrType t) {
  const auto name = attrTypeName(t);
  return QString::fromLatin1(name.data(), static_cast<int>(name.size()));
}

}  // namespace

// Builds nodes from values (kept outside the anonymous namespace: it needs Node).
static void fill(AttributeTreeModel::Node& node, const AttributeValue& v) {
  using Node = AttributeTreeModel::Node;
  node.type = v.type();
  node.children.clear();
  auto child = [&node]() {
    auto c = std::make_unique<Node>();
    c->parent = &node;
    node.children.push_back(std::move(c));
    return node.children.back().get();
  };
  switch (v.type()) {
    case AttrType::S: node.text = QString::fromStdString(v.asString()); break;
    case AttrType::N: node.text = QString::fromStdString(v.asNumber().toString()); break;
    case AttrType::B: node.text = QString::fromStdString(base64Encode(v.asBinary())); break;
    case AttrType::BOOL: node.text = v.asBool() ? "true" : "false"; break;
    case AttrType::NUL: node.text.clear(); break;
    case AttrType::SS:
      for (const auto& m : v.asStringSet()) {
        Node* c = child();
        c->type = AttrType::S;
        c->text = QString::fromStdString(m);
      }
      break;
    case AttrType::BS:
      for (const auto& m : v.asBinarySet()) {
        Node* c = child();
        c->type = AttrType::B;
        c->text = QString::fromStdString(base64Encode(m));
      }
      break;
    case AttrType::NS:
      for (const auto& m : v.asNumberSet()) {
        Node* c = child();
        c->type = AttrType::N;
        c->text = QString::fromStdString(m.toString());
      }
      break;
    case AttrType::L:
      for (const auto& e : v.asList()) fill(*child(), e);
      break;
    case AttrType::M:
      for (const auto& [name, e] : v.asMap()) {
        Node* c = child();
        c->name = name;
        fill(*c, e);
      }
      break;
  }
}

// The DynamoDB JSON of a node; the codec then checks it with DynamoDB's rules.
static nlohmann::json toDynamoJson(const AttributeTreeModel::Node& n) {
  const std::string text = n.text.toStdString();
  switch (n.type) {
    case AttrType::S: return {{"S", text}};
    case AttrType::N: return {{"N", text}};
    case AttrType::B: return {{"B", text}};
    case AttrType::BOOL: return {{"BOOL", n.text == "true"}};
    case AttrType::NUL: return {{"NULL", true}};
    case AttrType::SS:
    case AttrType::NS:
    case AttrType::BS: {
      nlohmann::json members = nlohmann::json::array();
      for (const auto& c : n.children) members.push_back(c->text.toStdString());
      return {{typeText(n.type).toStdString(), members}};
    }
    case AttrType::L: {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& c : n.children) list.push_back(toDynamoJson(*c));
      return {{"L", list}};
    }
    case AttrType::M: {
      nlohmann::json map = nlohmann::json::object();
      for (const auto& c : n.children) map[c->name] = toDynamoJson(*c);
      return {{"M", map}};
    }
  }
  return {};
}

AttributeTreeModel::AttributeTreeModel(QObject* parent) : QAbstractItemModel(parent), root_(std::make_unique<Node>()) {
  root_->type = AttrType::M;
}

AttributeTreeModel::~AttributeTreeModel() = default;

QStringList AttributeTreeModel::typeCodes() { return {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"}; }

void AttributeTreeModel::setItem(const Item& item) {
  beginResetModel();
  root_ = std::make_unique<Node>();
  fill(*root_, AttributeValue::map(item));
  endResetModel();
  modified_ = false;
}

void AttributeTreeModel::setKeyNames(std::vector<std::string> names) {
  keyNames_ = std::move(names);
  if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::FontRole});
}

Result<Item> AttributeTreeModel::item() const {
  nlohmann::json map = nlohmann::json::object();
  for (const auto& c : root_->children) {
    if (c->name.empty()) return Status::validation("One or more parameter values were invalid: An attribute name is empty");
    if (map.contains(c->name)) {
      return Status::validation("Two attributes are named \"" + c->name + "\"; rename one of them");
    }
    map[c->name] = toDynamoJson(*c);
  }
  return itemFromJson(map);
}

void AttributeTreeModel::markModified() { modified_ = true; }

AttributeTreeModel::Node* AttributeTreeModel::nodeOf(const QModelIndex& index) const {
  return index.isValid() ? static_cast<Node*>(index.internalPointer()) : root_.get();
}

QModelIndex AttributeTreeModel::indexOf(Node* node, int column) const {
  if (!node || node == root_.get()) return {};
  return createIndex(node->row(), column, node);
}

QModelIndex AttributeTreeModel::index(int row, int column, const QModelIndex& parent) const {
  Node* p = nodeOf(parent);
  if (!p || row < 0 || column < 0 || column >= ColumnCount || row >= static_cast<int>(p->children.size())) return {};
  return createIndex(row, column, p->children[static_cast<std::size_t>(row)].get());
}

QModelIndex AttributeTreeModel::parent(const QModelIndex& child) const {
  if (!child.isValid()) return {};
  Node* n = static_cast<Node*>(child.internalPointer());
  return indexOf(n->parent);
}

int AttributeTreeModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid() && parent.column() != 0) return 0;
  Node* p = nodeOf(parent);
  return p ? static_cast<int>(p->children.size()) : 0;
}

int AttributeTreeModel::columnCount(const QModelIndex&) const { return ColumnCount; }

QVariant AttributeTreeModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const Node* n = static_cast<Node*>(index.internalPointer());
  const bool inList = n->parent && n->parent->type == AttrType::L;
  const bool inSet = n->parent && n->parent->isSetType();
  if (role == Qt::DisplayRole || role == Qt::EditRole) {
    switch (index.column()) {
      case NameColumn:
        if (inList) return QStringLiteral("[%1]").arg(n->row());
        if (inSet) return role == Qt::DisplayRole ? QStringLiteral("·") : QString();
        return QString::fromStdString(n->name);
      case TypeColumn: return typeText(n->type);
      case ValueColumn:
        if (n->type == AttrType::NUL) return role == Qt::DisplayRole ? QStringLiteral("null") : QString();
        if (n->isContainer()) {
          if (role == Qt::EditRole) return {};
          const auto count = n->children.size();
          return n->type == AttrType::M ? tr("%n attribute(s)", nullptr, static_cast<int>(count))
                                        : tr("%n element(s)", nullptr, static_cast<int>(count));
        }
        return n->text;
    }
  }
  if (role == Qt::ToolTipRole && index.column() == ValueColumn && n->type == AttrType::B) {
    return tr("Binary, written as base64");
  }
  const bool isKey = n->parent == root_.get() &&
                     std::find(keyNames_.begin(), keyNames_.end(), n->name) != keyNames_.end();
  if (role == Qt::FontRole && isKey) {
    QFont f;
    f.setBold(true);
    return f;
  }
  if (role == Qt::ToolTipRole && isKey && index.column() == NameColumn) {
    return n->name == keyNames_.front() ? tr("Partition key") : tr("Sort key");
  }
  return {};
}

Qt::ItemFlags AttributeTreeModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
  const Node* n = static_cast<Node*>(index.internalPointer());
  const bool inList = n->parent && n->parent->type == AttrType::L;
  const bool inSet = n->parent && n->parent->isSetType();
  switch (index.column()) {
    case NameColumn:
      if (!inList && !inSet) f |= Qt::ItemIsEditable;
      break;
    case TypeColumn:
      if (!inSet) f |= Qt::ItemIsEditable;
      break;
    case ValueColumn:
      if (!n->isContainer() && n->type != AttrType::NUL) f |= Qt::ItemIsEditable;
      break;
  }
  return f;
}

bool AttributeTreeModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid() || role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable)) return false;
  Node* n = static_cast<Node*>(index.internalPointer());
  switch (index.column()) {
    case NameColumn: {
      const std::string name = value.toString().toStdString();
      if (name == n->name) return true;
      if (name.empty()) {
        emit editRefused(tr("An attribute needs a name."));
        return false;
      }
      for (const auto& sibling : n->parent->children) {
        if (sibling.get() != n && sibling->name == name) {
          emit editRefused(tr("There is already an attribute named “%1” here.").arg(value.toString()));
          return false;
        }
      }
      n->name = name;
      break;
    }
    case TypeColumn: {
      auto type = typeFromCode(value.toString());
      if (!type) return false;
      if (*type == n->type) return true;
      retype(n, *type);
      emit dataChanged(this->index(index.row(), 0, index.parent()), this->index(index.row(), ColumnCount - 1, index.parent()));
      markModified();
      return true;
    }
    case ValueColumn:
      if (n->type == AttrType::BOOL) {
        const QString t = value.toString().trimmed().toLower();
        if (t != "true" && t != "false") {
          emit editRefused(tr("A BOOL is true or false."));
          return false;
        }
        n->text = t;
      } else {
        n->text = value.toString();
      }
      break;
  }
  emit dataChanged(index, index);
  if (index.column() != ValueColumn || n->parent->isSetType() || n->parent->type == AttrType::M ||
      n->parent->type == AttrType::L) {
    // A container's summary in its parent row may read differently now.
    const QModelIndex p = index.parent();
    if (p.isValid()) emit dataChanged(p.siblingAtColumn(ValueColumn), p.siblingAtColumn(ValueColumn));
  }
  markModified();
  return true;
}

void AttributeTreeModel::retype(Node* n, AttrType type) {
  const QModelIndex idx = indexOf(n);
  const bool wasSet = n->isSetType();
  const bool wasContainer = n->isContainer();
  const AttrType old = n->type;
  n->type = type;
  if (n->isSetType() && (wasSet || old == AttrType::L)) {
    // Members keep their text; a list's scalar elements become members.
    for (auto& c : n->children) {
      c->type = memberType(type);
      c->name.clear();
      c->children.clear();
    }
    if (!n->children.empty()) emit dataChanged(index(0, 0, idx), index(static_cast<int>(n->children.size()) - 1, ColumnCount - 1, idx));
    return;
  }
  if (type == AttrType::L && wasSet) {
    // A set's members become list elements of the member type.
    if (!n->children.empty()) emit dataChanged(index(0, 0, idx), index(static_cast<int>(n->children.size()) - 1, ColumnCount - 1, idx));
    return;
  }
  if (wasContainer && !n->children.empty()) {
    beginRemoveRows(idx, 0, static_cast<int>(n->children.size()) - 1);
    n->children.clear();
    endRemoveRows();
  }
  if (n->isSetType() && !wasContainer && !n->text.isEmpty()) {
    // A scalar becomes a one-member set.
    beginInsertRows(idx, 0, 0);
    auto c = std::make_unique<Node>();
    c->parent = n;
    c->type = memberType(type);
    c->text = n->text;
    n->children.push_back(std::move(c));
    endInsertRows();
  }
  if (type == AttrType::BOOL && n->text != "true") n->text = "false";
  if (n->isContainer() || type == AttrType::NUL) n->text.clear();
}

QModelIndex AttributeTreeModel::addChild(const QModelIndex& parentIndex) {
  Node* p = nodeOf(parentIndex.isValid() ? parentIndex.siblingAtColumn(0) : parentIndex);
  if (!p->isContainer()) p = p->parent ? p->parent : root_.get();
  const QModelIndex pIdx = indexOf(p);
  auto c = std::make_unique<Node>();
  c->parent = p;
  if (p->isSetType()) {
    c->type = memberType(p->type);
  } else {
    c->type = AttrType::S;
  }
  if (p->type == AttrType::M) {
    // A fresh, unused name.
    std::string base = "newAttribute";
    std::string name = base;
    for (int i = 2;; ++i) {
      bool clash = false;
      for (const auto& s : p->children) clash = clash || s->name == name;
      if (!clash) break;
      name = base + std::to_string(i);
    }
    c->name = name;
  }
  const int row = static_cast<int>(p->children.size());
  beginInsertRows(pIdx, row, row);
  p->children.push_back(std::move(c));
  endInsertRows();
  if (pIdx.isValid()) emit dataChanged(pIdx.siblingAtColumn(ValueColumn), pIdx.siblingAtColumn(ValueColumn));
  markModified();
  return index(row, 0, pIdx);
}

bool AttributeTreeModel::removeAt(const QModelIndex& idx) {
  if (!idx.isValid()) return false;
  Node* n = static_cast<Node*>(idx.internalPointer());
  Node* p = n->parent;
  const QModelIndex pIdx = indexOf(p);
  const int row = n->row();
  beginRemoveRows(pIdx, row, row);
  p->children.erase(p->children.begin() + row);
  endRemoveRows();
  if (pIdx.isValid()) {
    emit dataChanged(pIdx.siblingAtColumn(ValueColumn), pIdx.siblingAtColumn(ValueColumn));
    // List positions after it changed.
    if (p->type == AttrType::L && row < static_cast<int>(p->children.size())) {
      emit dataChanged(index(row, 0, pIdx), index(static_cast<int>(p->children.size()) - 1, 0, pIdx));
    }
  }
  markModified();
  return true;
}

QVariant AttributeTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case NameColumn: return tr("Attribute");
    case TypeColumn: return tr("Type");
    case ValueColumn: return tr("Value");
  }
  return {};
}

}  // namespace dynadesk::ui
