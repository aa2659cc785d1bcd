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
      window_(2 * static_cast<std::size_t>(std::max(1, lanes))),
      cancel_(cancel),
      slots_(count),
      limit_(count) {
  const std::size_t threads = std::min(static_cast<std::size_t>(std::max(1, lanes)), count);
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
      // A lane runs at most window_ chunks ahead of the consumer: held audio stays bounded. Twice
      // the lanes, so that a lane done with a short chunk starts another while a long one before
      // it is still being synthesized, instead of waiting for it.
      changed_.wait(lock, [&] { return stopped() || next_ >= limit_ || next_ < taken_ + window_; });
      if (stopped() || next_ >= limit_) return;
      index = next_++;
    }
    // The samples go into the slot as they come, under mutex_, for next_samples(); words and
    // the time spent when the chunk is done.
    ChunkAudio audio;
    std::size_t samples = 0;
    std::exception_ptr error;
    try {
      SynthesisRequest request = request_(index);
      order.unlock();
      if (word_timings_) request.on_word = [&audio](const WordTiming& t) { audio.words.push_back(t); };
      const auto started = std::chrono::steady_clock::now();
      if (!blank_(index)) {
        engine_.synthesize(
            request,
            [&](std::span<const float> piece) {
              std::lock_guard lock(mutex_);
              auto& held = slots_[index].audio.samples;
              held.insert(held.end(), piece.begin(), piece.end());
              samples += piece.size();
              changed_.notify_all();
              if (max_chunk_samples_ > 0 && samples > max_chunk_samples_) return false;
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
    slots_[index].audio.words = std::move(audio.words);
    slots_[index].audio.synthesis_seconds = audio.synthesis_seconds;
    slots_[index].error = error;
    slots_[index].done = true;
    // The chunks after a failure are never taken: no lane claims them. The ones before it are
    // finished, as a sequential run would have delivered them.
    if (error) limit_ = std::min(limit_, index + 1);
    changed_.notify_all();
  }
}

// A chunk no lane claimed (stopped before it) never completes: stop waiting then too.
bool ChunkLanes::finished(std::size_t index) const {
  return slots_[index].done || (stopped() && index >= next_);
}

bool ChunkLanes::next_samples(std::size_t index, std::vector<float>& out) {
  out.clear();
  std::unique_lock lock(mutex_);
  if (index != taken_ || index >= slots_.size()) throw std::logic_error("ChunkLanes::next_samples out of order");
  Slot& slot = slots_[index];
  changed_.wait(lock, [&] { return !slot.audio.samples.empty() || finished(index); });
  out.swap(slot.audio.samples);
  return !out.empty();
}

ChunkAudio ChunkLanes::take(std::size_t index) {
  std::unique_lock lock(mutex_);
  if (index != taken_ || index >= slots_.size()) throw std::logic_error("ChunkLanes::take out of order");
  changed_.wait(lock, [&] { return finished(index); });
  Slot slot = std::move(slots_[index]);
  taken_ = index + 1;
  changed_.notify_all();
  if (slot.error) std::rethrow_exception(slot.error);
  return std::move(slot.audio);
}

}  // namespace chorus
