// Catalog entries: how a TableDef is stored under KeySpace::Catalog.
//
// Value layout: 4-byte big-endian table id, then the TableDef as a JSON
// document. The id comes first so a write can check, without parsing, that the
// table it validated against is still the one in the catalog. JSON because
// entries are small, written rarely, and gain optional fields with every
// feature; readers ignore fields they do not know.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "dynadesk/status.h"
#include "model/table_def.h"

namespace dynadesk::storage {

std::string encodeCatalogEntry(const TableDef& def);
// Errors: InternalServerError "corrupt catalog entry".
Result<TableDef> decodeCatalogEntry(std::string_view bytes);
// The table id of an encoded entry (precondition: at least 4 bytes).
std::uint32_t catalogEntryTableId(std::string_view bytes);

}  // namespace dynadesk::storage
