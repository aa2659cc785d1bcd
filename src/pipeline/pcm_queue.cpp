#include "pipeline/pcm_queue.h"

#include <algorithm>

namespace chorus {

void PcmQueue::push(PcmItem item) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    const auto now = std::chrono::steady_clock::now();
    wake = item.kind != PcmItem::Kind::kSamples || now - last_wake_ >= kWakeInterval;
    if (wake) last_wake_ = now;
    buffered_ += item.samples.size() + item.pcm.size();
    items_.push_back(std::move(item));
  }
  if (wake) changed_.notify_all();
}

void PcmQueue::wait_for_item(std::unique_lock<std::mutex>& lock,
                             std::chrono::steady_clock::time_point deadline) {
  while (!closed_ && items_.empty()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return;
    changed_.wait_until(lock, std::min(deadline, now + kWakeInterval));
  }
}

bool PcmQueue::wait_for_room() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return closed_ || buffered_ < max_buffered_; });
  return !closed_;
}

PcmItem PcmQueue::take_front(std::unique_lock<std::mutex>& lock) {
  PcmItem item = std::move(items_.front());
  items_.pop_front();
  buffered_ -= item.samples.size() + item.pcm.size();
  lock.unlock();
  changed_.notify_all();  // a producer may be waiting for room
  return item;
}

std::optional<PcmItem> PcmQueue::pop() {
  std::unique_lock lock(mutex_);
  wait_for_item(lock, std::chrono::steady_clock::time_point::max());
  if (items_.empty()) return std::nullopt;
  return take_front(lock);
}

std::optional<PcmItem> PcmQueue::pop_for(std::chrono::milliseconds timeout, bool& timed_out) {
  std::unique_lock lock(mutex_);
  wait_for_item(lock, std::chrono::steady_clock::now() + timeout);
  timed_out = !closed_ && items_.empty();
  if (items_.empty()) return std::nullopt;
  return take_front(lock);
}

std::optional<PcmItem> PcmQueue::try_pop() {
  std::unique_lock lock(mutex_);
  if (items_.empty()) return std::nullopt;
  return take_front(lock);
}

void PcmQueue::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    items_.clear();
    buffered_ = 0;
  }
  changed_.notify_all();
}

bool PcmQueue::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

}  // namespace chorus
