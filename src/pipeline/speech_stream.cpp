#include "pipeline/speech_stream.h"

#include <optional>
#include <vector>

#include "core/api_error.h"
#include "core/audio_constants.h"
#include "pipeline/chunk_preparer.h"

namespace chorus {

SpeechStream::SpeechStream(SpeechPlan plan, StreamOptions options)
    : plan_(std::move(plan)),
      queue_(static_cast<std::size_t>(options.max_buffered_seconds *
                                      plan_.engine->info().sample_rate)),
      post_(plan_.engine->info().sample_rate, plan_.tempo) {
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
}

void SpeechStream::cancel() {
  cancel_.cancel();
  queue_.close();
}

double SpeechStream::audio_seconds() const {
  return static_cast<double>(post_.samples_out()) / kOutputSampleRate;
}

void SpeechStream::produce() {
  Engine& engine = *plan_.engine;
  try {
    std::vector<SynthesisRequest> requests;
    for (const TextChunk& chunk : plan_.chunks) {
      requests.push_back(SynthesisRequest{chunk.text, plan_.voice.id, plan_.language, plan_.engine_speed,
                                          plan_.speaker, nullptr});
    }
    // Declared after `requests` and inside the try: destroyed (thread joined) on every way out.
    std::optional<ChunkPreparer> preparer;
    if (engine.info().prepares_ahead && requests.size() > 1) {
      preparer.emplace(engine, std::move(requests), cancel_);
    }
    for (std::size_t index = 0; index < plan_.chunks.size(); ++index) {
      const TextChunk& chunk = plan_.chunks[index];
      if (cancel_.cancelled() || !queue_.wait_for_room()) return;
      SynthesisRequest request = preparer ? preparer->take(index) : std::move(requests[index]);
      auto started = std::chrono::steady_clock::now();
      // A chunk may be a pause alone ("[pause:1s]", SSML <break>): nothing to synthesize.
      bool blank = chunk.text.find_first_not_of(" \t\r\n") == std::string::npos;
      if (!blank) engine.synthesize(
          request,
          [this](std::span<const float> samples) {
            if (cancel_.cancelled()) return false;
            PcmItem item;
            item.samples.assign(samples.begin(), samples.end());
            queue_.push(std::move(item));
            return !queue_.closed();
          },
          cancel_);
      std::chrono::duration<double> spent = std::chrono::steady_clock::now() - started;
      synthesis_seconds_.store(synthesis_seconds_.load() + spent.count());
      PcmItem end_of_chunk;
      end_of_chunk.kind = PcmItem::Kind::kChunkEnd;
      end_of_chunk.pause_seconds = chunk.pause_after_seconds;
      queue_.push(std::move(end_of_chunk));
    }
    PcmItem end;
    end.kind = PcmItem::Kind::kEnd;
    queue_.push(std::move(end));
  } catch (...) {
    PcmItem failure;
    failure.kind = PcmItem::Kind::kError;
    failure.error = std::current_exception();
    queue_.push(std::move(failure));
  }
}

bool SpeechStream::next(std::string& out) { return next_impl(out, std::chrono::milliseconds(0)); }

bool SpeechStream::next_within(std::string& out, std::chrono::milliseconds timeout) {
  return next_impl(out, timeout);
}

bool SpeechStream::next_impl(std::string& out, std::chrono::milliseconds timeout) {
  while (pending_.empty()) {
    if (finished_) return false;
    bool timed_out = false;
    std::optional<PcmItem> item =
        timeout.count() > 0 ? queue_.pop_for(timeout, timed_out) : queue_.pop();
    if (timed_out) {
      throw EngineError("no audio from the " + plan_.engine->info().name + " engine within " +
                        std::to_string(timeout.count()) + " ms");
    }
    if (!item) return false;  // cancelled
    switch (item->kind) {
      case PcmItem::Kind::kSamples: {
        auto pcm = post_.process(match(item->samples, false));
        encoder_->write(pcm);
        break;
      }
      case PcmItem::Kind::kChunkEnd: {
        if (matcher_) encoder_->write(post_.process(match({}, true)));
        auto pcm = post_.end_chunk(item->pause_seconds);
        encoder_->write(pcm);
        break;
      }
      case PcmItem::Kind::kEnd: {
        auto pcm = post_.flush();
        encoder_->write(pcm);
        encoder_->finish();
        finished_ = true;
        break;
      }
      case PcmItem::Kind::kError:
        finished_ = true;
        std::rethrow_exception(item->error);
    }
  }
  out.swap(pending_);
  pending_.clear();
  return true;
}

}  // namespace chorus
