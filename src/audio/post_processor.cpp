#include "audio/post_processor.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <utility>

#include "audio/chunk_fader.h"
#include "audio/resampler.h"
#include "audio/sample_convert.h"
#include "audio/tempo_filter.h"
#include "audio/watermark/watermark_embedder.h"
#include "core/audio_constants.h"
#include "core/speech_bounds.h"

namespace chorus {
namespace {

// Long enough to hide a discontinuity, short enough not to eat consonant onsets.
constexpr double kFadeSeconds = 0.004;
constexpr double kMinTempo = kMinSpeechSpeed;
constexpr double kMaxTempo = kMaxSpeechSpeed;
constexpr double kTempoTolerance = 1e-6;
// A pause is a breath between sentences; anything longer is a caller bug, not a request for memory.
constexpr double kMaxPauseSeconds = 60.0;

}  // namespace

// Order: resample first so the tempo filter and fades always run at the output rate, then
// tempo, then fades (after tempo, so the ramps keep their length), then the pause, then the
// watermark (on the final samples, pauses included, so positions count from the stream's
// start), then the 16-bit conversion.
struct PostProcessor::Impl {
  audio::Resampler resampler;
  std::optional<audio::TempoFilter> tempo;
  audio::ChunkFader fader;
  std::optional<audio::watermark::Embedder> watermark;
  std::size_t samples_out = 0;
  std::vector<float> marked;
  std::vector<float> resampled;
  std::vector<float> stretched;
  std::vector<float> faded;

  Impl(int engine_rate, double tempo_factor, std::optional<audio::watermark::Payload> payload)
      : resampler(engine_rate, kOutputSampleRate),
        fader(static_cast<std::size_t>(std::lround(kFadeSeconds * kOutputSampleRate))) {
    if (std::abs(tempo_factor - 1.0) > 1e-9) tempo.emplace(kOutputSampleRate, tempo_factor);
    if (payload) watermark.emplace(*payload);
  }

  // Runs the stages on `in`; with `end_of_chunk` every stage also gives up what it holds, and
  // with `end_of_stream` the watermark too.
  std::vector<int16_t> run(std::span<const float> in, bool end_of_chunk, double pause_seconds,
                           bool end_of_stream = false) {
    resampled.clear();
    resampler.process(in, resampled);
    if (end_of_chunk) resampler.drain(resampled);

    const std::vector<float>* current = &resampled;
    if (tempo) {
      stretched.clear();
      tempo->process(resampled, stretched);
      if (end_of_chunk) tempo->drain(stretched);
      current = &stretched;
    }

    faded.clear();
    fader.process(*current, faded);
    if (end_of_chunk) fader.end_chunk(faded);

    const std::size_t pause = PostProcessor::pause_samples(pause_seconds);
    samples_out += faded.size() + pause;
    std::vector<int16_t> out;
    if (!watermark) {
      audio::append_s16(faded, out);
      out.resize(out.size() + pause, 0);
      return out;
    }
    faded.resize(faded.size() + pause, 0.0f);
    marked.clear();
    watermark->process(faded, marked);
    if (end_of_stream) watermark->flush(marked);
    audio::append_s16(marked, out);
    return out;
  }
};

PostProcessor::PostProcessor(int engine_sample_rate, double tempo,
                             std::optional<audio::watermark::Payload> watermark) {
  if (engine_sample_rate <= 0) throw std::invalid_argument("engine sample rate must be positive");
  if (!std::isfinite(tempo) || tempo < kMinTempo - kTempoTolerance ||
      tempo > kMaxTempo + kTempoTolerance) {
    throw std::invalid_argument("tempo must be " + speech_speed_range_text());
  }
  impl_ = std::make_unique<Impl>(engine_sample_rate, tempo, watermark);
}

PostProcessor::~PostProcessor() = default;

std::vector<int16_t> PostProcessor::process(std::span<const float> samples) {
  return impl_->run(samples, false, 0.0);
}

std::size_t PostProcessor::pause_samples(double pause_seconds) {
  if (!std::isfinite(pause_seconds) || pause_seconds <= 0.0) return 0;
  pause_seconds = std::min(pause_seconds, kMaxPauseSeconds);
  return static_cast<std::size_t>(std::lround(pause_seconds * kOutputSampleRate));
}

std::vector<int16_t> PostProcessor::end_chunk(double pause_seconds) {
  return impl_->run({}, true, pause_seconds);
}

std::vector<int16_t> PostProcessor::flush() { return impl_->run({}, true, 0.0, true); }

std::size_t PostProcessor::samples_out() const { return impl_->samples_out; }

}  // namespace chorus
