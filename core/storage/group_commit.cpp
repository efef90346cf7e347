#include "storage/group_commit.h"

#include <exception>
#include <string>
#include <utility>

namespace dynadesk::storage {

// Each waiter sleeps on its own mutex and condition variable rather than the
// queue's: a woken caller then takes a lock nobody else wants, instead of piling
// onto the queue mutex the committer is about to need for the next batch (that
// contention cost a futex wait and an extra thread switch per write).
struct GroupCommitQueue::Waiter {
  Request request;
  std::mutex mutex;
  bool done = false;  // guarded by mutex
  std::condition_variable wake;
};

GroupCommitQueue::GroupCommitQueue(BatchRunner runner, std::size_t maxBatch)
    : runner_(std::move(runner)), maxBatch_(maxBatch == 0 ? 1 : maxBatch) {
  committer_ = std::thread([this] { committerLoop(); });
}

GroupCommitQueue::~GroupCommitQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  committerWake_.notify_one();
  committer_.join();
}

Status GroupCommitQueue::submit(const WriteFn& fn) {
  Waiter self;
  self.request.fn = &fn;

  std::unique_lock lock(mutex_);
  queue_.push_back(&self);
  if (running_) {
    lock.unlock();
    std::unique_lock mine(self.mutex);
    self.wake.wait(mine, [&] { return self.done; });
    return std::move(self.request.status);
  }

  // Nothing runs, so the queue held nothing before us: run our own request here.
  running_ = true;
  runFrontBatch(lock, &self);
  if (queue_.empty()) {
    running_ = false;
  } else {
    committerOwns_ = true;  // others arrived meanwhile: the committer takes over
    committerWake_.notify_one();
  }
  return std::move(self.request.status);
}

void GroupCommitQueue::runFrontBatch(std::unique_lock<std::mutex>& lock, const Waiter* self) {
  batch_.clear();
  waiters_.clear();
  while (!queue_.empty() && batch_.size() < maxBatch_) {
    waiters_.push_back(queue_.front());
    batch_.push_back(&queue_.front()->request);
    queue_.pop_front();
  }
  lock.unlock();

  try {
    runner_(std::span<Request* const>(batch_));
  } catch (const std::exception& e) {
    for (Request* r : batch_) r->status = Status::internal(std::string("Write batch failed: ") + e.what());
  } catch (...) {
    for (Request* r : batch_) r->status = Status::internal("Write batch failed with an unknown exception");
  }

  // waiters_ is the owner's alone, so it is read without the queue lock. Each is
  // notified under its own mutex: the waiter lives on its caller's stack and may
  // be gone the moment it can take that mutex and sees done.
  for (Waiter* w : waiters_) {
    if (w == self) continue;
    std::lock_guard mine(w->mutex);
    w->done = true;
    w->wake.notify_one();
  }
  lock.lock();
}

void GroupCommitQueue::committerLoop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    committerWake_.wait(lock, [&] { return committerOwns_ || stopping_; });
    if (!committerOwns_) return;  // stopping, and nothing was handed over
    while (!queue_.empty()) runFrontBatch(lock, nullptr);
    committerOwns_ = false;
    running_ = false;
  }
}

}  // namespace dynadesk::storage
