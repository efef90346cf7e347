#include "storage/item_codec.h"

namespace dynadesk::storage {

namespace {

// Deeper than any valid value (32 levels); only corrupt data reaches it.
constexpr int kMaxDecodeDepth = 40;

void putVarint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void putBytes(std::string& out, std::string_view b) {
  putVarint(out, b.size());
  out += b;
}

void encodeValue(const AttributeValue& v, std::string& out);

void encodeMap(const AttributeMap& m, std::string& out) {
  putVarint(out, m.size());
  for (const auto& [name, value] : m) {
    putBytes(out, name);
    encodeValue(value, out);
  }
}

void encodeValue(const AttributeValue& v, std::string& out) {
  out += static_cast<char>(v.type());
  switch (v.type()) {
    case AttrType::S: putBytes(out, v.asString()); break;
    case AttrType::B: putBytes(out, v.asBinary()); break;
    case AttrType::N: v.asNumber().appendBinary(out); break;
    case AttrType::BOOL: out += static_cast<char>(v.asBool() ? 1 : 0); break;
    case AttrType::NUL: break;
    case AttrType::M: encodeMap(v.asMap(), out); break;
    case AttrType::L:
      putVarint(out, v.asList().size());
      for (const auto& e : v.asList()) encodeValue(e, out);
      break;
    case AttrType::SS:
    case AttrType::BS: {
      const auto& members = v.is(AttrType::SS) ? v.asStringSet() : v.asBinarySet();
      putVarint(out, members.size());
      for (const auto& m : members) putBytes(out, m);
      break;
    }
    case AttrType::NS:
      putVarint(out, v.asNumberSet().size());
      for (const auto& n : v.asNumberSet()) n.appendBinary(out);
      break;
  }
}

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool done() const { return in_.empty(); }

  bool varint(std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (in_.empty()) return false;
      auto c = static_cast<unsigned char>(in_.front());
      in_.remove_prefix(1);
      v |= static_cast<std::uint64_t>(c & 0x7F) << shift;
      if (!(c & 0x80)) return true;
    }
    return false;
  }
  bool bytes(std::string& s) {
    std::uint64_t n;
    if (!varint(n) || n > in_.size()) return false;
    s.assign(in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  bool byte(unsigned char& c) {
    if (in_.empty()) return false;
    c = static_cast<unsigned char>(in_.front());
    in_.remove_prefix(1);
    return true;
  }
  bool number(Number& n) {
    auto r = Number::decodeBinary(in_);
    if (!r) return false;
    n = std::move(r).value();
    return true;
  }
  // A count can never exceed the bytes left, which bounds allocations on corrupt input.
  bool count(std::uint64_t& n) { return varint(n) && n <= in_.size(); }

 private:
  std::string_view in_;
};

// Decoders build each value in place and return it (one move into its parent);
// `ok` turns false on corrupt input and the returned value is then meaningless.
AttributeValue decodeValue(Reader& r, int depth, bool& ok);

bool decodeMap(Reader& r, AttributeMap& m, int depth) {
  std::uint64_t n;
  if (!r.count(n)) return false;
  m.reserve(n);
  std::string name;
  bool ok = true;
  for (std::uint64_t i = 0; i < n; ++i) {
    if (!r.bytes(name)) return false;
    // Stored maps are written in name order; anything else is corruption.
    if (!m.empty() && !((m.end() - 1)->first < name)) return false;
    m.appendInOrder(std::move(name), decodeValue(r, depth, ok));
    if (!ok) return false;
  }
  return true;
}

AttributeValue decodeValue(Reader& r, int depth, bool& ok) {
  unsigned char tag;
  if (depth > kMaxDecodeDepth || !r.byte(tag) || tag > static_cast<unsigned char>(AttrType::BS)) {
    ok = false;
    return {};
  }
  switch (static_cast<AttrType>(tag)) {
    case AttrType::S:
    case AttrType::B: {
      std::string s;
      ok = r.bytes(s);
      return tag == static_cast<unsigned char>(AttrType::S) ? AttributeValue::string(std::move(s))
                                                             : AttributeValue::binary(std::move(s));
    }
    case AttrType::N: {
      Number n;
      ok = r.number(n);
      return AttributeValue::number(n);
    }
    case AttrType::BOOL: {
      unsigned char b = 0;
      ok = r.byte(b);
      return AttributeValue::boolean(b != 0);
    }
    case AttrType::NUL: return AttributeValue::null();
    case AttrType::M: {
      AttributeMap m;
      ok = decodeMap(r, m, depth + 1);
      return AttributeValue::map(std::move(m));
    }
    case AttrType::L: {
      std::uint64_t n;
      if (!r.count(n)) {
        ok = false;
        return {};
      }
      AttributeList l;
      l.reserve(n);
      for (std::uint64_t i = 0; i < n && ok; ++i) l.push_back(decodeValue(r, depth + 1, ok));
      return AttributeValue::list(std::move(l));
    }
    case AttrType::SS:
    case AttrType::BS: {
      std::uint64_t n;
      if (!r.count(n)) {
        ok = false;
        return {};
      }
      std::vector<std::string> members(n);
      for (auto& m : members) {
        if (!r.bytes(m)) {
          ok = false;
          return {};
        }
      }
      // Stored sets are written sorted and unique; anything else is corruption.
      for (std::size_t i = 1; i < members.size(); ++i) {
        if (!(members[i - 1] < members[i])) {
          ok = false;
          return {};
        }
      }
      return AttributeValue::sortedSet(static_cast<AttrType>(tag), std::move(members));
    }
    case AttrType::NS: {
      std::uint64_t n;
      if (!r.count(n)) {
        ok = false;
        return {};
      }
      std::vector<Number> members(n);
      for (auto& num : members) {
        if (!r.number(num)) {
          ok = false;
          return {};
        }
      }
      return AttributeValue::numberSet(std::move(members));
    }
  }
  ok = false;
  return {};
}

}  // namespace

void encodeItem(const Item& item, std::string& out) { encodeMap(item, out); }

std::string encodeItem(const Item& item) {
  std::string out;
  encodeItem(item, out);
  return out;
}

Result<Item> decodeItem(std::string_view bytes) {
  Reader r(bytes);
  Item item;
  if (!decodeMap(r, item, 0) || !r.done()) return Status::internal("corrupt item");
  return item;
}

}  // namespace dynadesk::storage
