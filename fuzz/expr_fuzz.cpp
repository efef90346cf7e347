// libFuzzer target for the expression language: the first byte picks the
// expression kind, the rest is the expression text. Every input is parsed,
// resolved against fixed placeholders and, when it resolves, evaluated or
// applied to a fixed item. Any crash, hang, sanitizer report or assertion is a
// bug: bad input must only ever produce a Status.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "expr/evaluate.h"
#include "expr/key_condition.h"
#include "expr/parser.h"
#include "expr/projection.h"
#include "expr/resolve.h"
#include "expr/update_apply.h"

using namespace dynadesk;

namespace {

const Item& sampleItem() {
  static const Item item = [] {
    Item i;
    i.emplace("id", AttributeValue::string("user#1"));
    i.emplace("n", AttributeValue::number(Number::fromInt64(42)));
    i.emplace("tags", AttributeValue::stringSet({"a", "b"}));
    AttributeMap inner;
    inner.emplace("x", AttributeValue::list({AttributeValue::number(Number::fromInt64(1)), AttributeValue::null()}));
    i.emplace("m", AttributeValue::map(std::move(inner)));
    return i;
  }();
  return item;
}

const expr::AttributeNames& names() {
  static const expr::AttributeNames n = {{"#a", "id"}, {"#b", "m"}, {"#c", "status"}};
  return n;
}

const expr::AttributeValues& values() {
  static const expr::AttributeValues v = {{":s", AttributeValue::string("a")},
                                          {":n", AttributeValue::number(Number::fromInt64(7))},
                                          {":l", AttributeValue::list({AttributeValue::boolean(true)})},
                                          {":ss", AttributeValue::stringSet({"b", "c"})}};
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  expr::Placeholders placeholders(&names(), &values());
  switch (data[0] % 5) {
    case 0:
    case 1: {
      const auto kind = data[0] % 5 == 0 ? expr::ExpressionKind::Condition : expr::ExpressionKind::Filter;
      auto c = expr::parseCondition(text, kind);
      if (!c || !expr::resolveCondition(*c, kind, placeholders).isOk()) return 0;
      (void)expr::evaluate(*c, sampleItem());
      (void)placeholders.checkAllUsed();
      return 0;
    }
    case 2: {
      auto c = expr::parseCondition(text, expr::ExpressionKind::KeyCondition);
      if (!c || !expr::resolveCondition(*c, expr::ExpressionKind::KeyCondition, placeholders).isOk()) return 0;
      if (auto terms = expr::toKeyConditionTerms(*c)) (void)expr::bindKeySchema(std::move(*terms), "id", "n");
      return 0;
    }
    case 3: {
      auto p = expr::parseProjection(text);
      if (!p || !expr::resolveProjection(*p, placeholders).isOk()) return 0;
      (void)expr::project(sampleItem(), *p);
      return 0;
    }
    default: {
      auto u = expr::parseUpdate(text);
      if (!u || !expr::resolveUpdate(*u, placeholders).isOk()) return 0;
      (void)expr::applyUpdate(&sampleItem(), *u);
      (void)expr::applyUpdate(nullptr, *u);
      return 0;
    }
  }
}
