#include "pipeline/speech_stream.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <utility>
#include <vector>

#include "core/api_error.h"
#include "core/audio_constants.h"
#include "pipeline/chunk_lanes.h"
#include "pipeline/chunk_preparer.h"

namespace chorus {

SpeechStream::SpeechStream(SpeechPlan plan, StreamOptions options)
    : plan_(std::move(plan)),
      engine_audio_(static_cast<std::size_t>(options.max_buffered_seconds *
                                             plan_.engine->info().sample_rate)),
      output_(static_cast<std::size_t>(options.max_buffered_seconds * kOutputSampleRate)),
      post_(plan_.engine->info().sample_rate, plan_.tempo, plan_.watermark) {
  encoder_ = make_encoder(plan_.format, kOutputSampleRate,
                          [this](std::string_view bytes) { pending_.append(bytes); },
                          options.streaming_container);
  if (plan_.match) {
    matcher_ = std::make_unique<audio::VoiceMatcher>(*plan_.match, plan_.engine->info().sample_rate);
  }
  producer_ = std::thread([this] { produce(); });
}

std::span<const float> SpeechStream::match(std::span<const float> samples, bool end_of_chunk) {
  if (!matcher_) return samples;
  matched_.clear();
  matcher_->process(samples, matched_);
  if (end_of_chunk) matcher_->end_chunk(matched_);
  return matched_;
}

SpeechStream::~SpeechStream() {
  cancel();
  if (producer_.joinable()) producer_.join();
  if (post_processor_.joinable()) post_processor_.join();
}

void SpeechStream::cancel() {
  cancel_.cancel();
  engine_audio_.close();
  output_.close();
}

double SpeechStream::audio_seconds() const {
  return static_cast<double>(samples_encoded_.load()) / kOutputSampleRate;
}

void SpeechStream::produce() {
  Engine& engine = *plan_.engine;
  try {
    std::vector<SynthesisRequest> requests;
    for (const TextChunk& chunk : plan_.chunks) {
      requests.push_back(SynthesisRequest{chunk.text, plan_.voice.id, plan_.language,
                                          plan_.engine_speed, plan_.speaker, {}, nullptr});
    }
    for (auto& request : requests) {  // the first chunk with words; one of pauses alone has no audio
      if (request.text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      request.opens_response = true;
      break;
    }
    // Declared after `requests` and inside the try: destroyed (thread joined) on every way out.
    std::optional<ChunkPreparer> preparer;
    if (engine.info().prepares_ahead && requests.size() > 1) {
      preparer.emplace(engine, std::move(requests), cancel_);
    }
    auto request_for = [&](std::size_t index) {
      return preparer ? preparer->take(index) : std::move(requests[index]);
    };
    auto blank = [this](std::size_t index) {
      // A chunk may be a pause alone ("[pause:1s]", SSML <break>): nothing to synthesize.
      return plan_.chunks[index].text.find_first_not_of(" \t\r\n") == std::string::npos;
    };
    // Output seconds produced so far; synthesis stops with 413 past plan_.max_audio_seconds.
    const double engine_rate = engine.info().sample_rate;
    const double tempo = plan_.tempo > 0 ? plan_.tempo : 1.0;
    double produced_seconds = 0;
    auto audio_too_long = [this] {
      return ApiError(413,
                      "The request produced more than " +
                          std::to_string(static_cast<long>(plan_.max_audio_seconds)) +
                          " s of audio (limits.max_audio_seconds).",
                      "invalid_request_error", "input", "audio_too_long");
    };
    // Counts `samples` against the limit; false once past it.
    auto within_limit = [&](std::size_t samples) {
      produced_seconds += samples / engine_rate / tempo;
      return plan_.max_audio_seconds <= 0 || produced_seconds <= plan_.max_audio_seconds;
    };
    auto end_chunk = [&](std::size_t index, std::vector<WordTiming> words, std::size_t engine_samples,
                         double spent) {
      const TextChunk& chunk = plan_.chunks[index];
      produced_seconds += chunk.pause_after_seconds;
      if (plan_.max_audio_seconds > 0 && produced_seconds > plan_.max_audio_seconds) {
        throw audio_too_long();
      }
      synthesis_seconds_.store(synthesis_seconds_.load() + spent);
      PcmItem end_of_chunk;
      end_of_chunk.kind = PcmItem::Kind::kChunkEnd;
      end_of_chunk.pause_seconds = chunk.pause_after_seconds;
      end_of_chunk.words = std::move(words);
      end_of_chunk.engine_samples = engine_samples;
      engine_audio_.push(std::move(end_of_chunk));
    };

    const int lanes = std::max(1, engine.info().parallel_chunks);
    if (lanes > 1 && plan_.chunks.size() > 1) {
      // Several chunks at once; each is handed on whole, in order, when it is done.
      const auto max_chunk_samples =
          plan_.max_audio_seconds > 0
              ? static_cast<std::size_t>((plan_.max_audio_seconds + 1) * engine_rate * tempo)
              : std::size_t{0};
      ChunkLanes parallel(engine, plan_.chunks.size(), lanes, request_for, blank, plan_.word_timings,
                          max_chunk_samples, cancel_);
      // The chunk next in order is passed on as its samples arrive (the first one's first
      // sentence early, when the engine starts sentences early).
      auto pass_on = [&](std::vector<float>&& samples) {
        if (!within_limit(samples.size())) throw audio_too_long();
        PcmItem item;
        item.samples = std::move(samples);
        engine_audio_.push(std::move(item));
      };
      for (std::size_t index = 0; index < plan_.chunks.size(); ++index) {
        if (cancel_.cancelled() || !engine_audio_.wait_for_room()) return;
        std::size_t engine_samples = 0;
        std::vector<float> piece;
        while (parallel.next_samples(index, piece)) {
          if (cancel_.cancelled()) return;
          engine_samples += piece.size();
          pass_on(std::move(piece));
        }
        ChunkAudio audio = parallel.take(index);
        if (cancel_.cancelled()) return;
        engine_samples += audio.samples.size();
        if (!audio.samples.empty()) pass_on(std::move(audio.samples));
        end_chunk(index, std::move(audio.words), engine_samples, audio.synthesis_seconds);
      }
    } else {
      for (std::size_t index = 0; index < plan_.chunks.size(); ++index) {
        if (cancel_.cancelled() || !engine_audio_.wait_for_room()) return;
        std::vector<WordTiming> words;
        std::size_t engine_samples = 0;
        bool over_limit = false;
        SynthesisRequest request = request_for(index);
        if (plan_.word_timings) request.on_word = [&words](const WordTiming& t) { words.push_back(t); };
        const auto started = std::chrono::steady_clock::now();
        if (!blank(index)) engine.synthesize(
            request,
            [&, this](std::span<const float> samples) {
              if (cancel_.cancelled()) return false;
              if (!within_limit(samples.size())) {
                over_limit = true;
                return false;
              }
              engine_samples += samples.size();
              PcmItem item;
              item.samples.assign(samples.begin(), samples.end());
              engine_audio_.push(std::move(item));
              return !engine_audio_.closed();
            },
            cancel_);
        if (over_limit) throw audio_too_long();
        const std::chrono::duration<double> spent = std::chrono::steady_clock::now() - started;
        end_chunk(index, std::move(words), engine_samples, spent.count());
      }
    }
    PcmItem end;
    end.kind = PcmItem::Kind::kEnd;
    engine_audio_.push(std::move(end));
  } catch (...) {
    PcmItem failure;
    failure.kind = PcmItem::Kind::kError;
    failure.error = std::current_exception();
    engine_audio_.push(std::move(failure));
  }
}

bool SpeechStream::next(std::string& out) { return next_impl(out, std::chrono::milliseconds(0)); }

bool SpeechStream::next_within(std::string& out, std::chrono::milliseconds timeout) {
  return next_impl(out, timeout);
}

namespace {
// Bytes a single next() gathers from items already queued. Coalescing them means one HTTP chunk
// and one socket write instead of one per engine piece whenever the engine is ahead of the
// client; nothing ever waits to fill it. The first bytes are never held back: encoding queued
// audio (MP3 is slow) would delay the time to first byte.
constexpr std::size_t kCoalesceBytes = 64 * 1024;
// The head of the first piece is 1/10 s: enough for every encoder to put out its first frame.
constexpr std::size_t kFirstHeadDivisor = 10;
}  // namespace

void SpeechStream::emit(PcmItem item) {
  if (post_inline_) {
    consume(std::move(item));
  } else {
    output_.push(std::move(item));
  }
}

void SpeechStream::emit_pcm(std::vector<int16_t> pcm) {
  if (pcm.empty()) return;
  PcmItem item;
  item.pcm = std::move(pcm);
  emit(std::move(item));
}

bool SpeechStream::post_process_item(PcmItem item) {
  switch (item.kind) {
    case PcmItem::Kind::kSamples:
      emit_pcm(post_.process(match(item.samples, false)));
      return true;
    case PcmItem::Kind::kChunkEnd: {
      if (matcher_) emit_pcm(post_.process(match({}, true)));
      emit_pcm(post_.end_chunk(item.pause_seconds));
      PcmItem end_of_chunk;
      end_of_chunk.kind = PcmItem::Kind::kChunkEnd;
      if (plan_.word_timings) {
        const std::size_t speech_end = post_.samples_out() - PostProcessor::pause_samples(item.pause_seconds);
        end_of_chunk.word_times =
            place_chunk_words(chunk_index_, item.words, item.engine_samples, chunk_output_start_, speech_end);
      }
      ++chunk_index_;
      chunk_output_start_ = post_.samples_out();
      emit(std::move(end_of_chunk));
      return true;
    }
    case PcmItem::Kind::kEnd:
      emit_pcm(post_.flush());
      emit(std::move(item));
      return false;
    case PcmItem::Kind::kError:
      emit(std::move(item));
      return false;
  }
  return false;
}

void SpeechStream::post_process() {
  try {
    while (std::optional<PcmItem> item = engine_audio_.pop()) {
      if (!output_.wait_for_room()) return;  // the caller went away
      if (!post_process_item(std::move(*item))) return;
    }
  } catch (...) {
    // Post-processing failed: the engine has nothing more to do for this stream.
    cancel_.cancel();
    engine_audio_.close();
    PcmItem failure;
    failure.kind = PcmItem::Kind::kError;
    failure.error = std::current_exception();
    output_.push(std::move(failure));
  }
}

std::optional<PcmItem> SpeechStream::take(std::chrono::milliseconds timeout) {
  if (post_inline_ && held_) return std::exchange(held_, std::nullopt);
  PcmQueue& queue = post_inline_ ? engine_audio_ : output_;
  bool timed_out = false;
  std::optional<PcmItem> item = timeout.count() > 0 ? queue.pop_for(timeout, timed_out) : queue.pop();
  if (timed_out) {
    throw EngineError("no audio from the " + plan_.engine->info().name + " engine within " +
                      std::to_string(timeout.count()) + " ms");
  }
  return item;
}

std::optional<PcmItem> SpeechStream::try_take() {
  if (post_inline_ && held_) return std::exchange(held_, std::nullopt);
  return (post_inline_ ? engine_audio_ : output_).try_pop();
}

void SpeechStream::handle(PcmItem item) {
  if (!post_inline_) {
    consume(std::move(item));
    return;
  }
  // The first bytes go out after the first piece's head: post-processing (the watermark) and
  // encoding a whole piece first (half a second from espeak-ng, a chunk from the neural
  // engines) would hold them back by its length. The rest follows on the next call.
  const std::size_t head = static_cast<std::size_t>(plan_.engine->info().sample_rate) / kFirstHeadDivisor;
  if (item.kind == PcmItem::Kind::kSamples && !delivered_any_ && pending_.empty() &&
      item.samples.size() > 2 * head) {
    PcmItem rest;
    rest.samples.assign(item.samples.begin() + static_cast<std::ptrdiff_t>(head), item.samples.end());
    item.samples.resize(head);
    held_ = std::move(rest);
  }
  post_process_item(std::move(item));
}

void SpeechStream::hand_post_processing_to_its_thread() {
  // Once the first bytes are out and the rest of their piece is post-processed, post-processing
  // moves to its own thread (post_inline_ is read there: it changes before the thread starts).
  if (post_inline_ && delivered_any_ && !held_ && !finished_ && !error_) {
    post_inline_ = false;
    post_processor_ = std::thread([this] { post_process(); });
  }
}

bool SpeechStream::next_impl(std::string& out, std::chrono::milliseconds timeout) {
  while (pending_.empty()) {
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
    if (finished_) return false;
    hand_post_processing_to_its_thread();
    std::optional<PcmItem> item = take(timeout);
    if (!item) return false;  // cancelled
    handle(std::move(*item));
  }
  while (delivered_any_ && !finished_ && pending_.size() < kCoalesceBytes) {
    hand_post_processing_to_its_thread();
    std::optional<PcmItem> item = try_take();
    if (!item) break;
    handle(std::move(*item));
  }
  // Audio encoded before an engine error still goes out; the error surfaces on the next call.
  out.swap(pending_);
  pending_.clear();
  delivered_any_ = true;
  return true;
}

void SpeechStream::consume(PcmItem item) {
  switch (item.kind) {
    case PcmItem::Kind::kSamples:
      encoder_->write(item.pcm);
      samples_encoded_ += item.pcm.size();
      break;
    case PcmItem::Kind::kChunkEnd:
      if (item.word_times) word_times_.push_back(std::move(*item.word_times));
      break;
    case PcmItem::Kind::kEnd:
      encoder_->finish();
      finished_ = true;
      completed_ = true;
      break;
    case PcmItem::Kind::kError:
      finished_ = true;
      error_ = item.error;
      break;
  }
}

}  // namespace chorus
