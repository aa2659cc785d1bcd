#include "audio/voice_match.h"

#include <rubberband/rubberband-c.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace chorus::audio {
namespace {

constexpr std::size_t kBlock = 1024;  // largest block handed to the stretcher at once

}  // namespace

struct VoiceMatcher::Stretcher {
  RubberBandState state = nullptr;
  ~Stretcher() {
    if (state) rubberband_delete(state);
  }
};

VoiceMatcher::VoiceMatcher(const VoiceMatchProfile& profile, int sample_rate)
    : stretcher_(std::make_unique<Stretcher>()),
      eq_(profile.eq_gain_db, profile.output_gain_db, sample_rate) {
  // Real-time mode streams; the R3 ("finer") engine is the one that can scale formants apart
  // from pitch. Formants are preserved, then moved by formant_scale only.
  const RubberBandOptions options = RubberBandOptionProcessRealTime | RubberBandOptionEngineFiner |
                                    RubberBandOptionFormantPreserved |
                                    RubberBandOptionPitchHighConsistency |
                                    RubberBandOptionThreadingNever;
  time_ratio_ = std::clamp(profile.time_ratio, 0.5, 2.0);
  const double pitch_scale = std::clamp(profile.pitch_scale, 0.25, 4.0);
  stretcher_->state = rubberband_new(static_cast<unsigned>(sample_rate), 1, options, time_ratio_,
                                     pitch_scale);
  if (!stretcher_->state) throw std::runtime_error("cannot create the rubberband stretcher");
  rubberband_set_max_process_size(stretcher_->state, kBlock);
  if (std::abs(profile.formant_scale - 1.0) > 1e-3) {
    rubberband_set_formant_scale(stretcher_->state,
                                 std::clamp(profile.formant_scale, 0.5, 2.0));
  }
}

VoiceMatcher::~VoiceMatcher() = default;

void VoiceMatcher::retrieve(std::vector<float>& out, std::size_t limit) {
  RubberBandState state = stretcher_->state;
  for (int available = rubberband_available(state); available > 0;
       available = rubberband_available(state)) {
    const std::size_t old = shifted_.size();
    shifted_.resize(old + static_cast<std::size_t>(available));
    float* channel = shifted_.data() + old;
    const unsigned got = rubberband_retrieve(state, &channel, static_cast<unsigned>(available));
    shifted_.resize(old + got);
  }
  // The stretcher's output starts with its own latency: drop it so chunks keep their timing.
  const std::size_t drop = std::min(to_drop_, shifted_.size());
  to_drop_ -= drop;
  std::size_t keep = shifted_.size() - drop;
  keep = std::min(keep, limit > produced_ ? limit - produced_ : 0);
  produced_ += keep;
  eq_.process(std::span<const float>(shifted_).subspan(drop, keep), out);
  shifted_.clear();
}

void VoiceMatcher::feed(const float* data, std::size_t count) {
  rubberband_process(stretcher_->state, &data, static_cast<unsigned>(count), 0);
}

void VoiceMatcher::process(std::span<const float> in, std::vector<float>& out) {
  if (in.empty()) return;
  if (!started_) {
    // Padding the start with the preferred amount of silence keeps the first onset intact.
    const std::vector<float> pad(rubberband_get_preferred_start_pad(stretcher_->state), 0.0f);
    for (std::size_t i = 0; i < pad.size(); i += kBlock) {
      feed(pad.data() + i, std::min(kBlock, pad.size() - i));
    }
    to_drop_ = rubberband_get_start_delay(stretcher_->state);
    started_ = true;
  }
  for (std::size_t i = 0; i < in.size(); i += kBlock) {
    const std::size_t n = std::min(kBlock, in.size() - i);
    feed(in.data() + i, n);
    fed_ += n;
    retrieve(out, std::numeric_limits<std::size_t>::max());
  }
}

void VoiceMatcher::end_chunk(std::vector<float>& out) {
  if (started_) {
    // In real-time mode the stretcher never flushes its tail by itself: push silence through
    // until the chunk's full stretched length has come out, then cut exactly there.
    const auto expected = static_cast<std::size_t>(std::llround(static_cast<double>(fed_) * time_ratio_));
    const std::vector<float> silence(kBlock, 0.0f);
    for (int round = 0; round < 64 && produced_ < expected; ++round) {
      feed(silence.data(), silence.size());
      retrieve(out, expected);
    }
    rubberband_reset(stretcher_->state);
    started_ = false;
    to_drop_ = 0;
    fed_ = 0;
    produced_ = 0;
  }
  eq_.flush(out);
}

std::vector<float> VoiceMatcher::run(std::span<const float> in) {
  std::vector<float> out;
  process(in, out);
  end_chunk(out);
  return out;
}

}  // namespace chorus::audio
