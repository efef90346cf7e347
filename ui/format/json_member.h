// memberOf: a member of a JSON object from an endpoint's answer, or null —
// when the member is missing, or the value is not an object at all — so
// decoding code reads nested answers without a check at every step (a
// misbehaving endpoint then reads as "absent", never as a crash).
//
// Thread-safety: pure; the null it returns is a shared constant.
#pragma once

#include <nlohmann/json.hpp>

namespace dynadesk::ui {

inline const nlohmann::json& memberOf(const nlohmann::json& j, const char* key) {
  static const nlohmann::json kNull;
  if (!j.is_object()) return kNull;
  const auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

}  // namespace dynadesk::ui
