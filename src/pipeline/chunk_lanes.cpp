#include "pipeline/chunk_lanes.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <utility>

namespace chorus {

ChunkLanes::ChunkLanes(Engine& engine, std::size_t count, int lanes,
                       std::function<SynthesisRequest(std::size_t)> request,
                       std::function<bool(std::size_t)> blank, bool word_timings,
                       std::size_t max_chunk_samples, const CancelToken& cancel)
    : engine_(engine),
      request_(std::move(request)),
      blank_(std::move(blank)),
      word_timings_(word_timings),
      max_chunk_samples_(max_chunk_samples),
      window_(static_cast<std::size_t>(std::max(1, lanes))),
      cancel_(cancel),
      slots_(count),
      limit_(count) {
  const std::size_t threads = std::min(window_, count);
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { run_lane(); });
}

ChunkLanes::~ChunkLanes() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (auto& thread : threads_) thread.join();
}

bool ChunkLanes::stopped() const { return stopping_ || cancel_.cancelled(); }

void ChunkLanes::run_lane() {
  for (;;) {
    // A lane claims a chunk and gets its request under request_mutex_, so request() is called
    // in chunk order: claiming first and asking afterwards let a lane that claimed chunk k+1 ask
    // before the one that claimed k, and a preparer hands requests out only in order.
    std::unique_lock order(request_mutex_);
    std::size_t index = 0;
    {
      std::unique_lock lock(mutex_);
      // A lane runs at most window_ chunks ahead of the consumer: held audio stays bounded.
      changed_.wait(lock, [&] { return stopped() || next_ >= limit_ || next_ < taken_ + window_; });
      if (stopped() || next_ >= limit_) return;
      index = next_++;
    }
    ChunkAudio audio;
    std::exception_ptr error;
    try {
      SynthesisRequest request = request_(index);
      order.unlock();
      if (word_timings_) request.on_word = [&audio](const WordTiming& t) { audio.words.push_back(t); };
      const auto started = std::chrono::steady_clock::now();
      if (!blank_(index)) {
        engine_.synthesize(
            request,
            [&](std::span<const float> samples) {
              audio.samples.insert(audio.samples.end(), samples.begin(), samples.end());
              if (max_chunk_samples_ > 0 && audio.samples.size() > max_chunk_samples_) return false;
              std::lock_guard lock(mutex_);
              return !stopped();
            },
            cancel_);
      }
      audio.synthesis_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    } catch (...) {
      error = std::current_exception();
    }
    if (order.owns_lock()) order.unlock();
    std::lock_guard lock(mutex_);
    slots_[index].audio = std::move(audio);
    slots_[index].error = error;
    slots_[index].done = true;
    // The chunks after a failure are never taken: no lane claims them. The ones before it are
    // finished, as a sequential run would have delivered them.
    if (error) limit_ = std::min(limit_, index + 1);
    changed_.notify_all();
  }
}

ChunkAudio ChunkLanes::take(std::size_t index) {
  std::unique_lock lock(mutex_);
  if (index != taken_ || index >= slots_.size()) throw std::logic_error("ChunkLanes::take out of order");
  // A chunk no lane claimed (stopped before it) never completes: stop waiting then too.
  changed_.wait(lock, [&] { return slots_[index].done || (stopped() && index >= next_); });
  Slot slot = std::move(slots_[index]);
  taken_ = index + 1;
  changed_.notify_all();
  if (slot.error) std::rethrow_exception(slot.error);
  return std::move(slot.audio);
}

}  // namespace chorus
