// Cursor: ordered iteration over the logical keys of one transaction.
//
// Keys come back in unsigned bytewise order (memcmp; a key sorts before every
// longer key it is a prefix of), whatever their length, although LMDB stores keys
// longer than one chunk as a trie (FORMAT.md).
//
// Get one from Txn::cursor(). A cursor belongs to its transaction: it is not
// thread-safe, it may be moved but not copied, and once its transaction ends every
// positioning call fails with InternalServerError and valid() is false. Destroying
// a cursor before or after its transaction is fine.
//
// Positioning calls return InternalServerError for storage failures or misuse
// (next()/prev() on a cursor that is not valid). Running off either end is not an
// error: the call returns Ok and valid() becomes false.
//
// On a WriteTxn the cursor stays usable across writes made through that txn:
// next() and prev() find their place again by key (the current key may have been
// erased). value() must be re-read after a write, as with Txn::get().
#pragma once

#include <memory>
#include <string_view>

#include "dynadesk/status.h"

namespace dynadesk::storage {

namespace detail {
struct CursorState;
}

class Cursor {
 public:
  Cursor(Cursor&&) noexcept;
  Cursor& operator=(Cursor&&) noexcept;
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  ~Cursor();

  // First key >= key (any length; an empty key means first()).
  Status seek(std::string_view key);
  // Last key <= key (any length; an empty key leaves the cursor invalid).
  Status seekForPrev(std::string_view key);
  Status first();
  Status last();
  // Precondition (checked, InternalServerError): valid().
  Status next();
  Status prev();

  bool valid() const;
  // Ok when positioned; otherwise the error next()/prev() report.
  Status requirePositioned() const;
  // The full logical key, owned by the cursor; valid until the cursor moves.
  // Precondition (asserted): valid().
  std::string_view key() const;
  // Points into the map: valid until the cursor moves, its txn ends or writes.
  // Precondition (asserted): valid().
  std::string_view value() const;

 private:
  friend class Txn;
  explicit Cursor(std::unique_ptr<detail::CursorState> state);

  std::unique_ptr<detail::CursorState> state_;
};

}  // namespace dynadesk::storage
