#include "storage/group_commit.h"

#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace dynadesk::storage {

struct GroupCommitQueue::Waiter {
  Request request;
  bool done = false;
  std::condition_variable wake;
};

GroupCommitQueue::GroupCommitQueue(BatchRunner runner, std::size_t maxBatch)
    : runner_(std::move(runner)), maxBatch_(maxBatch == 0 ? 1 : maxBatch) {}

Status GroupCommitQueue::submit(const WriteFn& fn) {
  Waiter self;
  self.request.fn = &fn;

  std::unique_lock lock(mutex_);
  queue_.push_back(&self);
  self.wake.wait(lock, [&] { return self.done || queue_.front() == &self; });
  if (self.done) return std::move(self.request.status);

  // Leader. The batch stays at the front of the queue while it runs, so later
  // arrivals wait behind it and the next leader is whoever follows the batch.
  std::vector<Request*> batch;
  std::vector<Waiter*> waiters;
  for (Waiter* w : queue_) {
    if (batch.size() == maxBatch_) break;
    batch.push_back(&w->request);
    waiters.push_back(w);
  }
  lock.unlock();

  try {
    runner_(std::span<Request* const>(batch));
  } catch (const std::exception& e) {
    for (Request* r : batch) r->status = Status::internal(std::string("Write batch failed: ") + e.what());
  } catch (...) {
    for (Request* r : batch) r->status = Status::internal("Write batch failed with an unknown exception");
  }

  lock.lock();
  for (Waiter* w : waiters) {
    queue_.pop_front();
    if (w != &self) {
      w->done = true;
      w->wake.notify_one();
    }
  }
  if (!queue_.empty()) queue_.front()->wake.notify_one();
  lock.unlock();
  return std::move(self.request.status);
}

}  // namespace dynadesk::storage
