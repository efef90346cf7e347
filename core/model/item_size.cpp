#include "dynadesk/item_size.h"

namespace dynadesk {

namespace {
constexpr std::size_t kContainerOverhead = 3;
constexpr std::size_t kElementOverhead = 1;
}  // namespace

std::size_t attributeValueSize(const AttributeValue& value) {
  switch (value.type()) {
    case AttrType::S: return value.asString().size();
    case AttrType::B: return value.asBinary().size();
    case AttrType::N: return value.asNumber().sizeInBytes();
    case AttrType::BOOL:
    case AttrType::NUL: return 1;
    case AttrType::SS: {
      std::size_t n = 0;
      for (const auto& m : value.asStringSet()) n += m.size();
      return n;
    }
    case AttrType::BS: {
      std::size_t n = 0;
      for (const auto& m : value.asBinarySet()) n += m.size();
      return n;
    }
    case AttrType::NS: {
      std::size_t n = 0;
      for (const auto& m : value.asNumberSet()) n += m.sizeInBytes();
      return n;
    }
    case AttrType::L: {
      std::size_t n = kContainerOverhead;
      for (const auto& e : value.asList()) n += kElementOverhead + attributeValueSize(e);
      return n;
    }
    case AttrType::M: {
      std::size_t n = kContainerOverhead;
      for (const auto& [name, e] : value.asMap()) n += kElementOverhead + name.size() + attributeValueSize(e);
      return n;
    }
  }
  return 0;
}

std::size_t itemSize(const Item& item) {
  std::size_t n = 0;
  for (const auto& [name, value] : item) n += name.size() + attributeValueSize(value);
  return n;
}

}  // namespace dynadesk
