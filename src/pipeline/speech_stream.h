#pragma once
// One request's synthesis as a two-thread pipeline: a producer thread runs the engine chunk by
// chunk into a PcmQueue; the caller's thread pulls encoded bytes with next(), doing
// post-processing and encoding, so chunk k+1 is synthesized while chunk k is sent. For engines
// with a text stage (EngineInfo::prepares_ahead) a ChunkPreparer thread runs that stage for chunk
// k+1 while the producer synthesizes chunk k.
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "audio/post_processor.h"
#include "audio/voice_match.h"
#include "codec/encoder.h"
#include "core/cancel_token.h"
#include "pipeline/chunk_word_times.h"
#include "pipeline/pcm_queue.h"
#include "router/speech_plan.h"

namespace chorus {

struct StreamOptions {
  double max_buffered_seconds = 60.0;  // PCM the producer may run ahead of the client
  bool streaming_container = true;     // false only when the caller wants exact WAV sizes
};

class SpeechStream {
 public:
  explicit SpeechStream(SpeechPlan plan, StreamOptions options = {});
  ~SpeechStream();
  SpeechStream(const SpeechStream&) = delete;
  SpeechStream& operator=(const SpeechStream&) = delete;

  // Fills `out` with the next encoded bytes. Returns false once the stream is complete.
  // Rethrows the engine's error if synthesis failed.
  bool next(std::string& out);
  // Like next(), but throws EngineError when the engine produced nothing for `timeout`.
  bool next_within(std::string& out, std::chrono::milliseconds timeout);

  // Stops synthesis (client went away). Safe from any thread.
  void cancel();

  const SpeechPlan& plan() const { return plan_; }
  // True once the whole audio was encoded (not merely stopped by cancel()).
  bool completed() const { return completed_; }
  double audio_seconds() const;
  // Word timings per chunk when plan().word_timings; complete once next() returned false.
  const std::vector<ChunkWordTimes>& word_times() const { return word_times_; }
  // Seconds the engine spent synthesizing so far (for the real-time factor).
  double synthesis_seconds() const { return synthesis_seconds_.load(); }

 private:
  void produce();
  bool next_impl(std::string& out, std::chrono::milliseconds timeout);
  // Post-processes and encodes one queued item into pending_; an engine error is kept in error_.
  void consume(PcmItem item);

  SpeechPlan plan_;
  CancelToken cancel_;
  PcmQueue queue_;
  PostProcessor post_;
  std::unique_ptr<audio::VoiceMatcher> matcher_;  // set when plan_.match is
  std::vector<float> matched_;
  // The voice-matching stage (engine rate, before post_): the samples to post-process.
  std::span<const float> match(std::span<const float> samples, bool end_of_chunk);
  std::string pending_;
  std::unique_ptr<Encoder> encoder_;
  bool finished_ = false;
  bool delivered_any_ = false;
  // The rest of the first piece after its head went out (see consume()); taken before the queue.
  std::optional<PcmItem> held_;
  std::optional<PcmItem> take_held() { return std::exchange(held_, std::nullopt); }
  std::exception_ptr error_;
  std::size_t chunk_index_ = 0;         // chunks the consumer has finished
  std::size_t chunk_output_start_ = 0;  // output samples before the current chunk
  std::vector<ChunkWordTimes> word_times_;
  bool completed_ = false;
  std::atomic<double> synthesis_seconds_{0.0};
  std::thread producer_;
};

}  // namespace chorus
