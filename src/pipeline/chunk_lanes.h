#pragma once
// Synthesizes several chunks of one request at once, for engines whose single Run leaves cores
// idle (EngineInfo::parallel_chunks; Kokoro's recurrent layers and Piper's text encoder gain
// little from a second thread, but two Runs side by side finish two sentences sooner than one
// after the other). Each lane thread takes the next chunk in order and synthesizes it into its
// own buffer; take() hands the chunks back in order, and next_samples() streams the one next in
// order as it grows (an engine that starts its sentences early, Piper, is then heard early). At
// most twice `lanes` chunks are in flight or waiting to be taken, so the memory held is bounded
// by a few chunks of audio.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/cancel_token.h"
#include "engines/engine.h"
#include "engines/word_timing.h"

namespace chorus {

struct ChunkAudio {
  std::vector<float> samples;     // at the engine's rate
  std::vector<WordTiming> words;  // when word timings were asked for
  double synthesis_seconds = 0;   // time the engine spent on this chunk
};

class ChunkLanes {
 public:
  // request(i) gives chunk i's request; it is called in order, one call at a time. blank(i)
  // says chunk i has nothing to synthesize (a pause alone). Stops a chunk that grows past
  // `max_chunk_samples` (0 = no bound): the caller's audio limit is exceeded anyway.
  ChunkLanes(Engine& engine, std::size_t count, int lanes,
             std::function<SynthesisRequest(std::size_t)> request,
             std::function<bool(std::size_t)> blank, bool word_timings,
             std::size_t max_chunk_samples, const CancelToken& cancel);
  // Stops the lanes after their current chunk (returning promptly on cancel) and joins them.
  ~ChunkLanes();
  ChunkLanes(const ChunkLanes&) = delete;
  ChunkLanes& operator=(const ChunkLanes&) = delete;

  // The samples of chunk `index` that arrived since the last call, as the engine hands them
  // over: waits for some, and returns false (with `out` empty) once the chunk is finished and
  // every sample was handed out. The chunk next in order streams this way while later ones are
  // synthesized; take(index) follows for the rest. Errors are left to take().
  bool next_samples(std::size_t index, std::vector<float>& out);

  // Chunk `index` once synthesized (its samples not yet handed out by next_samples()); indices
  // in order, each once. Rethrows what the engine (or request()) threw for this chunk. After
  // cancellation the audio may be cut short.
  ChunkAudio take(std::size_t index);

 private:
  void run_lane();
  bool stopped() const;  // caller holds mutex_

  struct Slot {
    ChunkAudio audio;
    std::exception_ptr error;
    bool done = false;
  };
  bool finished(std::size_t index) const;  // caller holds mutex_

  Engine& engine_;
  std::function<SynthesisRequest(std::size_t)> request_;
  std::function<bool(std::size_t)> blank_;
  bool word_timings_;
  std::size_t max_chunk_samples_;
  std::size_t window_;  // chunks in flight or held at most (twice the lanes)
  const CancelToken& cancel_;
  std::mutex request_mutex_;  // held from claiming a chunk to getting its request: calls in order
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Slot> slots_;
  std::size_t limit_;      // chunks a lane may claim: all, or up to the first that failed
  std::size_t next_ = 0;   // the next chunk a lane claims
  std::size_t taken_ = 0;  // chunks handed out by take()
  bool stopping_ = false;  // set by the destructor or after a failure
  std::vector<std::thread> threads_;
};

}  // namespace chorus
