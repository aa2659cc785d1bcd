#pragma once
// Hands audio from one thread of a request's pipeline to the next: the engine's samples to the
// post-processing thread, post-processed samples to the thread that encodes and sends them.
// Bounded between items (the engine's producer waits only between chunks), so a slow client
// never makes an engine wait while it holds a global lock, yet memory stays bounded.
//
// Waking the consumer is a system call, and a fast engine (espeak-ng, a thousand times real
// time) pushes hundreds of pieces per second. So a sample piece wakes the consumer only when
// kWakeInterval passed since the last wake; a waiting consumer looks again at that interval
// anyway. A slow engine's pieces (further apart than that) and every chunk end, end and error
// still wake it at once, so neither the first audio nor the end of a stream is delayed.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <cstdint>
#include <vector>

#include "engines/word_timing.h"
#include "pipeline/chunk_word_times.h"

namespace chorus {

struct PcmItem {
  enum class Kind { kSamples, kChunkEnd, kEnd, kError };
  Kind kind = Kind::kSamples;
  // kSamples: the engine's samples at its rate, or, once post-processed, 24 kHz output to encode.
  std::vector<float> samples;
  std::vector<int16_t> pcm;
  // kChunkEnd from the engine: the pause after the chunk and, with word timings wanted, what
  // the engine reported and the samples it produced; once post-processed, the chunk's words
  // on the output's time line.
  double pause_seconds = 0.0;
  std::vector<WordTiming> words;
  std::size_t engine_samples = 0;
  std::optional<ChunkWordTimes> word_times;
  std::exception_ptr error;    // kError
};

class PcmQueue {
 public:
  // Bounds the samples queued (engine samples and output samples alike).
  explicit PcmQueue(std::size_t max_buffered_samples) : max_buffered_(max_buffered_samples) {}

  void push(PcmItem item);
  // Blocks the producer until the buffer drained below its bound or the queue was closed.
  // Returns false when closed (the consumer went away).
  bool wait_for_room();
  // Blocks until an item is available. Returns nullopt once closed and empty.
  std::optional<PcmItem> pop();
  // Like pop(), but gives up after `timeout`; `timed_out` tells the two empty results apart.
  std::optional<PcmItem> pop_for(std::chrono::milliseconds timeout, bool& timed_out);
  // Takes an item only if one is already queued; never waits.
  std::optional<PcmItem> try_pop();
  // Consumer side: no more items are wanted; wakes a waiting producer.
  void close();
  bool closed() const;

 private:
  static constexpr std::chrono::milliseconds kWakeInterval{5};

  // Waits until an item is queued, the queue is closed or `deadline` passes.
  void wait_for_item(std::unique_lock<std::mutex>& lock,
                     std::chrono::steady_clock::time_point deadline);
  // Removes the front item (there must be one) and releases `lock`.
  PcmItem take_front(std::unique_lock<std::mutex>& lock);

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<PcmItem> items_;
  std::size_t buffered_ = 0;
  std::size_t max_buffered_;
  bool closed_ = false;
  std::chrono::steady_clock::time_point last_wake_{};  // epoch: the first piece wakes at once
};

}  // namespace chorus
