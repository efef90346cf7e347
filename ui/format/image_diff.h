// ImageDiff: how an item changed — the difference between a stream record's
// old and new image (or any two items), down to nested map keys and list
// elements, as lines a view can show in tree order.
//
// Rules:
//   - Values are compared with AttributeValue equality: same type and value,
//     numbers by exact decimal value (all 38 digits; 1.0 equals 1), sets as
//     sets. A change of type (S "5" -> N 5) is a Changed line, never descended.
//   - Two maps, or two lists, that differ become a Changed container line
//     followed by deeper lines for their entries. Lists are compared position
//     by position, so every line names a document path an UpdateExpression
//     could use (tags[2]); an element inserted at the front shows as changes
//     down the list, which is what the item's paths really did.
//   - Two sets of the same type that differ become a Changed container line
//     followed by one Added or Removed line per member (setMember).
//   - Unchanged attributes are Unchanged lines and are never descended.
// Paths read as in DynamoDB expressions: info.rating, tags[2]; a name holding
// '.', '[', ']' or '`' is wrapped in backticks.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <QString>

#include "dynadesk/attribute_value.h"

namespace dynadesk::ui {

enum class DiffKind { Unchanged, Added, Removed, Changed };

struct ImageDiffLine {
  DiffKind kind = DiffKind::Unchanged;
  std::string path;   // full document path; a set member carries its set's path
  std::string label;  // the last step: "rating", "[2]", or the member's text
  int depth = 0;      // 0 for a top-level attribute
  bool container = false;  // deeper lines follow (maps, lists or sets that differ)
  bool setMember = false;
  std::optional<AttributeValue> oldValue;  // absent when Added
  std::optional<AttributeValue> newValue;  // absent when Removed
};

// Lines in tree order: top-level attributes by name, map keys by name, list
// elements by position, set members in set order.
std::vector<ImageDiffLine> diffImages(const Item& oldImage, const Item& newImage);

// The paths that changed, leaf-most (a changed map is named by its changed
// keys; a set by its own path), in tree order.
struct ImageDiffSummary {
  std::vector<std::string> added;
  std::vector<std::string> changed;
  std::vector<std::string> removed;
  bool empty() const { return added.empty() && changed.empty() && removed.empty(); }
};
ImageDiffSummary summarizeDiff(const std::vector<ImageDiffLine>& lines);

// One line: "changed info.rating, year · added tags[2] · removed draft",
// at most about maxChars characters (then "…"). "no change" when empty.
QString diffSummaryText(const ImageDiffSummary& summary, int maxChars = 160);

// The step for a map key or attribute name, quoted when needed.
std::string pathStep(const std::string& name);

}  // namespace dynadesk::ui
