#include "storage/map_resize_gate.h"

namespace dynadesk::storage {

void MapResizeGate::enterShared() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !exclusive_; });
  ++sharedHolders_;
}

void MapResizeGate::leaveShared() {
  std::lock_guard lock(mutex_);
  if (--sharedHolders_ == 0 && exclusive_) changed_.notify_all();
}

void MapResizeGate::enterExclusive() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !exclusive_; });
  exclusive_ = true;
  changed_.wait(lock, [this] { return sharedHolders_ == 0; });
}

void MapResizeGate::leaveExclusive() {
  std::lock_guard lock(mutex_);
  exclusive_ = false;
  changed_.notify_all();
}

}  // namespace dynadesk::storage
