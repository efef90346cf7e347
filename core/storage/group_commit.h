// GroupCommitQueue: batches concurrent callers so many writes share one commit.
//
// Callers enqueue a request and wait. One runner at a time takes up to maxBatch
// requests from the front of the queue, runs the batch runner on them without
// holding the queue lock, then hands every caller in the batch the Status the
// runner set for it and wakes them. Callers that arrive while a batch runs queue
// up and form the next batch.
//
// Who runs a batch:
// - A caller that finds nothing running runs its own request on its own thread,
//   so a lone writer pays no thread switch.
// - If others queued meanwhile, it hands the queue to the committer thread and
//   returns. The committer runs batch after batch while the queue is non-empty
//   and sleeps when it drains. Under sustained load the next batch therefore
//   starts the moment the previous one is committed, instead of after a waiting
//   caller has been woken and scheduled (on a busy 2-core machine that hand-over
//   cost ~150 us per commit, ~20% of an UpdateItem commit cycle).
//
// The queue knows nothing of LMDB: the runner (lmdb_env.cpp) applies the requests
// in one write transaction and commits once.
//
// Thread-safety: submit() may be called from any number of threads at once. The
// runner is only ever running on one thread at a time, and batches run in queue
// order, so whatever the runner announces after a commit is in commit order.
// The destructor stops the committer thread; no submit() may be in flight then.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

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
  ~GroupCommitQueue();
  GroupCommitQueue(const GroupCommitQueue&) = delete;
  GroupCommitQueue& operator=(const GroupCommitQueue&) = delete;

  // Runs fn in some batch and returns the Status the runner gave it. Blocks until
  // that batch has finished.
  Status submit(const WriteFn& fn);

 private:
  struct Waiter;

  // Takes the front batch, runs it with the lock released, wakes its callers
  // (except `self`, which is returning on its own). Called and returns locked.
  void runFrontBatch(std::unique_lock<std::mutex>& lock, const Waiter* self);
  void committerLoop();

  BatchRunner runner_;
  std::size_t maxBatch_;
  std::mutex mutex_;
  std::deque<Waiter*> queue_;   // requests not yet taken into a batch
  bool running_ = false;        // some thread owns the queue (runs or is about to)
  bool committerOwns_ = false;  // ... and it is the committer thread
  bool stopping_ = false;
  std::condition_variable committerWake_;
  std::vector<Request*> batch_;  // scratch, used only by the owner
  std::vector<Waiter*> waiters_;
  std::thread committer_;  // last: started once everything above exists
};

}  // namespace dynadesk::storage
