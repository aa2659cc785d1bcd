#pragma once
// One request's synthesis as a pipeline of threads: a producer thread runs the engine chunk by
// chunk into a PcmQueue; the caller's thread pulls encoded bytes with next(), encoding and
// sending, so chunk k+1 is synthesized while chunk k is sent. Post-processing (voice matching,
// resampling, tempo, the watermark) runs on the caller's thread until the first bytes are out,
// then on a thread of its own between the two: for a fast engine encoding is the heavy stage
// (MP3 took four times espeak-ng's synthesis) and marking on the same thread added about 20% to
// a built-in engine response; the producer cannot take it over, as espeak-ng hands out samples
// under its process-wide lock. A third busy thread from the start would compete with the first
// bytes for the cores (a 2-core machine took 1-3 ms longer to the first byte). For engines with
// a text stage (EngineInfo::prepares_ahead) a ChunkPreparer thread runs that stage for chunk
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

  SpeechPlan plan_;
  CancelToken cancel_;
  PcmQueue engine_audio_;  // producer -> post-processing, engine samples
  PcmQueue output_;        // post-processing thread -> caller, 24 kHz samples

  // Post-processing, on the caller's thread while post_inline_, then on post_processor_.
  bool post_inline_ = true;
  PostProcessor post_;
  std::unique_ptr<audio::VoiceMatcher> matcher_;  // set when plan_.match is
  std::vector<float> matched_;
  std::size_t chunk_output_start_ = 0;  // output samples before the current chunk
  std::size_t chunk_index_ = 0;         // chunks post-processed
  // The voice-matching stage (engine rate, before post_): the samples to post-process.
  std::span<const float> match(std::span<const float> samples, bool end_of_chunk);
  // Post-processes one engine item and emits what comes out. False after the last item (the
  // end or an error).
  bool post_process_item(PcmItem item);
  // Hands post-processed audio on: encoded at once while inline, else queued for the caller.
  void emit(PcmItem item);
  void emit_pcm(std::vector<int16_t> pcm);
  // The post-processing thread's loop.
  void post_process();

  // The caller's thread: the next item to handle (the held rest of the first piece, an engine
  // item while inline, else a post-processed one), waiting up to `timeout` (0: no limit).
  std::optional<PcmItem> take(std::chrono::milliseconds timeout);
  std::optional<PcmItem> try_take();
  void handle(PcmItem item);
  // Starts the post-processing thread once the first bytes and the rest of their piece are out.
  void hand_post_processing_to_its_thread();
  // The rest of the first piece after its head went out (see handle()); taken before the queue.
  std::optional<PcmItem> held_;
  // Encodes one post-processed item into pending_; an engine error is kept in error_.
  void consume(PcmItem item);

  // The caller's thread's: encoding and what it reports.
  std::string pending_;
  std::unique_ptr<Encoder> encoder_;
  bool finished_ = false;
  bool delivered_any_ = false;
  std::exception_ptr error_;
  std::vector<ChunkWordTimes> word_times_;
  bool completed_ = false;
  std::atomic<std::size_t> samples_encoded_{0};
  std::atomic<double> synthesis_seconds_{0.0};
  std::thread producer_;
  std::thread post_processor_;
};

}  // namespace chorus
