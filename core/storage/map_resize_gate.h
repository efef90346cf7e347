// MapResizeGate: keeps LMDB's map from being resized while any transaction of this
// process is open (internal to storage/).
//
// mdb_env_set_mapsize() may only run when no transaction is active in the process,
// and LMDB does not check that. Every transaction (read or write) holds the gate
// shared for its whole life; growing the map holds it exclusive.
//
// Why not std::shared_mutex: read transactions are movable between threads
// (MDB_NOTLS), and a std::shared_mutex must be unlocked by the thread that locked
// it. This gate has no owner thread. It prefers the resizer: once a resize is
// pending, new shared entries wait, so a steady stream of short readers cannot
// starve map growth. The price is the rule in lmdb_env.h: a thread holds at most
// one read transaction at a time and never calls Env::write() while holding one.
//
// Thread-safety: all members may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace dynadesk::storage {

class MapResizeGate {
 public:
  void enterShared();
  void leaveShared();
  // Blocks new shared entries, then waits until every shared holder has left.
  void enterExclusive();
  void leaveExclusive();

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t sharedHolders_ = 0;
  bool exclusive_ = false;  // a resizer is waiting or resizing
};

}  // namespace dynadesk::storage
