// GroupCommitQueue: batches concurrent callers so many writes share one commit.
//
// LevelDB-style leader/follower: each caller enqueues a request and waits. The
// caller at the front of the queue becomes the leader: it takes up to maxBatch
// requests (its own first, then those queued behind it), runs the batch runner on
// its own thread without holding the queue lock, then hands every caller in the
// batch the Status the runner set for it and wakes them. Callers that arrive while
// a batch runs queue up and form the next batch; the first of them leads it.
//
// The queue knows nothing of LMDB: the runner (lmdb_env.cpp) applies the requests
// in one write transaction and commits once.
//
// Thread-safety: submit() may be called from any number of threads at once. The
// runner is only ever running on one thread at a time.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <span>

#include "dynadesk/status.h"
#include "storage/ordered_keyspace.h"

namespace dynadesk::storage {

class GroupCommitQueue {
 public:
  struct Request {
    const WriteFn* fn = nullptr;
    Status status;  // set by the runner
  };
  // Must set the status of every request of the batch. If it throws, every caller
  // of the batch gets InternalServerError.
  using BatchRunner = std::function<void(std::span<Request* const> batch)>;

  explicit GroupCommitQueue(BatchRunner runner, std::size_t maxBatch = 256);
  GroupCommitQueue(const GroupCommitQueue&) = delete;
  GroupCommitQueue& operator=(const GroupCommitQueue&) = delete;

  // Runs fn in some batch and returns the Status the runner gave it. Blocks until
  // that batch has finished.
  Status submit(const WriteFn& fn);

 private:
  struct Waiter;

  BatchRunner runner_;
  std::size_t maxBatch_;
  std::mutex mutex_;
  std::deque<Waiter*> queue_;  // front: the current leader's batch
};

}  // namespace dynadesk::storage
