#include "format/plain_json.h"

#include <algorithm>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynadesk/attribute_json.h"
#include "dynadesk/base64.h"

namespace dynadesk::ui {

namespace {

// ---- Writing

std::string quoted(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// depth < 0 writes compactly (one line, no spaces); otherwise indented by depth.
void newline(std::string& out, int depth) {
  if (depth < 0) return;
  out += '\n';
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
}

void write(std::string& out, const AttributeValue& v, int depth) {
  const bool pretty = depth >= 0;
  const int inner = pretty ? depth + 1 : -1;
  switch (v.type()) {
    case AttrType::S: out += quoted(v.asString()); return;
    case AttrType::N: out += v.asNumber().toString(); return;
    case AttrType::B: out += quoted(base64Encode(v.asBinary())); return;
    case AttrType::BOOL: out += v.asBool() ? "true" : "false"; return;
    case AttrType::NUL: out += "null"; return;
    case AttrType::SS:
    case AttrType::BS:
    case AttrType::NS: {
      // Sets stay on one line: they hold scalars only.
      out += '[';
      bool first = true;
      auto sep = [&] {
        if (!first) out += pretty ? ", " : ",";
        first = false;
      };
      if (v.type() == AttrType::NS) {
        for (const auto& n : v.asNumberSet()) {
          sep();
          out += n.toString();
        }
      } else {
        for (const auto& m : v.type() == AttrType::SS ? v.asStringSet() : v.asBinarySet()) {
          sep();
          out += quoted(v.type() == AttrType::SS ? m : base64Encode(m));
        }
      }
      out += ']';
      return;
    }
    case AttrType::L: {
      if (v.asList().empty()) {
        out += "[]";
        return;
      }
      out += '[';
      bool first = true;
      for (const auto& e : v.asList()) {
        if (!first) out += ',';
        first = false;
        newline(out, inner);
        write(out, e, inner);
      }
      newline(out, depth);
      out += ']';
      return;
    }
    case AttrType::M: {
      if (v.asMap().empty()) {
        out += "{}";
        return;
      }
      out += '{';
      bool first = true;
      for (const auto& [name, e] : v.asMap()) {
        if (!first) out += ',';
        first = false;
        newline(out, inner);
        out += quoted(name);
        out += pretty ? ": " : ":";
        write(out, e, inner);
      }
      newline(out, depth);
      out += '}';
      return;
    }
  }
}

// ---- Reading: a JSON tree that keeps number literals as text.

struct Node {
  enum class Kind { Null, Bool, String, Number, Array, Object } kind = Kind::Null;
  bool b = false;
  std::string text;  // string value or number literal
  std::vector<std::unique_ptr<Node>> items;                           // Array
  std::vector<std::pair<std::string, std::unique_ptr<Node>>> fields;  // Object
};

class TreeBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::unique_ptr<Node> root;
  std::string error;

  bool null() override { return add(make(Node::Kind::Null)); }
  bool boolean(bool v) override {
    auto n = make(Node::Kind::Bool);
    n->b = v;
    return add(std::move(n));
  }
  bool number_integer(number_integer_t v) override { return number(std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return number(std::to_string(v)); }
  bool number_float(number_float_t, const string_t& s) override { return number(s); }
  bool string(string_t& v) override {
    auto n = make(Node::Kind::String);
    n->text = v;
    return add(std::move(n));
  }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return open(Node::Kind::Object); }
  bool key(string_t& k) override {
    pendingKey_ = k;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(Node::Kind::Array); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    error = ex.what();
    errorPosition = position;
    return false;
  }
  std::size_t errorPosition = 0;

 private:
  static std::unique_ptr<Node> make(Node::Kind k) {
    auto n = std::make_unique<Node>();
    n->kind = k;
    return n;
  }
  bool number(const std::string& literal) {
    auto n = make(Node::Kind::Number);
    n->text = literal;
    return add(std::move(n));
  }
  Node* add(std::unique_ptr<Node> n) {
    Node* raw = n.get();
    if (stack_.empty()) {
      root = std::move(n);
    } else if (stack_.back()->kind == Node::Kind::Array) {
      stack_.back()->items.push_back(std::move(n));
    } else {
      stack_.back()->fields.emplace_back(pendingKey_, std::move(n));
    }
    return raw;
  }
  bool open(Node::Kind k) {
    Node* n = add(make(k));
    stack_.push_back(n);
    return stack_.size() <= 64;  // deeper than DynamoDB allows anyway; refuse before recursion gets deep
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  std::vector<Node*> stack_;
  std::string pendingKey_;
};

// Node -> DynamoDB JSON, using the old value (if any) at the same place for types.
Result<nlohmann::json> toDynamo(const Node& n, const AttributeValue* hint, int depth) {
  if (depth > 40) return Status::validation("Nesting Levels have exceeded supported limits");
  using Kind = Node::Kind;
  const AttrType hintType = hint ? hint->type() : AttrType::NUL;
  switch (n.kind) {
    case Kind::Null: return nlohmann::json{{"NULL", true}};
    case Kind::Bool: return nlohmann::json{{"BOOL", n.b}};
    case Kind::Number: return nlohmann::json{{"N", n.text}};
    case Kind::String:
      if (hint && hintType == AttrType::B) return nlohmann::json{{"B", n.text}};
      return nlohmann::json{{"S", n.text}};
    case Kind::Array: {
      const bool allStrings = std::all_of(n.items.begin(), n.items.end(),
                                          [](const auto& e) { return e->kind == Kind::String; });
      const bool allNumbers = std::all_of(n.items.begin(), n.items.end(),
                                          [](const auto& e) { return e->kind == Kind::Number; });
      if (hint && hintType == AttrType::SS && allStrings) {
        nlohmann::json members = nlohmann::json::array();
        for (const auto& e : n.items) members.push_back(e->text);
        return nlohmann::json{{"SS", members}};
      }
      if (hint && hintType == AttrType::BS && allStrings) {
        nlohmann::json members = nlohmann::json::array();
        for (const auto& e : n.items) members.push_back(e->text);
        return nlohmann::json{{"BS", members}};
      }
      if (hint && hintType == AttrType::NS && allNumbers) {
        nlohmann::json members = nlohmann::json::array();
        for (const auto& e : n.items) members.push_back(e->text);
        return nlohmann::json{{"NS", members}};
      }
      nlohmann::json list = nlohmann::json::array();
      for (std::size_t i = 0; i < n.items.size(); ++i) {
        const AttributeValue* h = nullptr;
        if (hint && hintType == AttrType::L && i < hint->asList().size()) h = &hint->asList()[i];
        DYNADESK_ASSIGN_OR_RETURN(nlohmann::json e, toDynamo(*n.items[i], h, depth + 1));
        list.push_back(std::move(e));
      }
      return nlohmann::json{{"L", list}};
    }
    case Kind::Object: {
      nlohmann::json map = nlohmann::json::object();
      for (const auto& [name, child] : n.fields) {
        const AttributeValue* h = nullptr;
        if (hint && hintType == AttrType::M) {
          auto it = hint->asMap().find(name);
          if (it != hint->asMap().end()) h = &it->second;
        }
        DYNADESK_ASSIGN_OR_RETURN(nlohmann::json e, toDynamo(*child, h, depth + 1));
        map[name] = std::move(e);
      }
      return nlohmann::json{{"M", map}};
    }
  }
  return Status::internal("unreachable");
}

Status notJson(std::string_view text, std::size_t position) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i + 1 < position && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {ErrorType::SerializationException,
          "This is not valid JSON (line " + std::to_string(line) + ", column " + std::to_string(column) + ")"};
}

}  // namespace

std::string plainJson(const AttributeValue& value) {
  std::string out;
  write(out, value, -1);
  return out;
}

std::string itemToPlainJson(const Item& item) {
  std::string out;
  write(out, AttributeValue::map(item), 0);
  out += '\n';
  return out;
}

Result<Item> itemFromPlainJson(std::string_view text, const Item& typeHints) {
  TreeBuilder builder;
  const bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &builder, nlohmann::json::input_format_t::json, true);
  if (!ok || !builder.root) {
    if (!builder.error.empty()) return notJson(text, builder.errorPosition);
    return Status(ErrorType::ValidationException, "Nesting Levels have exceeded supported limits");
  }
  if (builder.root->kind != Node::Kind::Object) {
    return Status(ErrorType::SerializationException, "An item is a JSON object: {\"name\": value, ...}");
  }
  const AttributeValue hints = AttributeValue::map(typeHints);
  DYNADESK_ASSIGN_OR_RETURN(nlohmann::json dynamo, toDynamo(*builder.root, &hints, 0));
  return itemFromJson(dynamo["M"]);
}

std::string itemToDynamoJson(const Item& item) { return toJson(item).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"; }

Result<Item> itemFromDynamoJson(std::string_view text) {
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    return notJson(text, e.byte);
  }
  if (!parsed.is_object()) {
    return Status(ErrorType::SerializationException,
                  "An item is a JSON object of typed values: {\"name\": {\"S\": \"text\"}, ...}");
  }
  return itemFromJson(parsed);
}

}  // namespace dynadesk::ui
