#include "voices/reference_audio.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "audio/resampler.h"
#include "audio/voice_activity.h"
#include "core/api_error.h"
#include "voices/audio_decoder.h"
#include "voices/reference_checks.h"

namespace chorus::voices {
namespace {

// More than half the speech clipped means the level was wrong for the whole take; a few
// clipped plosives are normal and harmless.
constexpr double kMaxClippedFraction = 0.5;
// Speech has syllables (3 to 7 level peaks a second) and spreads its energy over many bands; a
// steady tone has no rhythm and puts nearly all of it in one band.
constexpr double kMinSyllablesPerSecond = 1.0;
constexpr double kMaxSingleBandShare = 0.7;

// The share of the long-term spectrum's power in its strongest band.
double strongest_band_share(const std::vector<float>& ltas_db) {
  double total = 0, strongest = 0;
  for (float db : ltas_db) {
    double power = std::pow(10.0, db / 10.0);
    total += power;
    strongest = std::max(strongest, power);
  }
  return total > 0 ? strongest / total : 1.0;
}

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", s);
  return buf;
}

ApiError rejected(const ReferenceLimits& limits, const std::string& message,
                  const std::string& code) {
  return ApiError::invalid(message, limits.field, code);
}

}  // namespace

ProcessedReference process_reference_audio(std::string_view bytes, const ReferenceLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    throw ApiError(413,
                   "The audio file is " + std::to_string(bytes.size()) +
                       " bytes; the limit is " + std::to_string(limits.max_bytes) + " bytes.",
                   "invalid_request_error", limits.field, "audio_too_large");
  }
  // Decode a little past the limit so "too long" is a measurement, not a guess.
  DecodedAudio decoded;
  try {
    decoded = decode_audio(bytes, limits.max_input_seconds + 1.0);
  } catch (const ApiError& error) {
    // The decoder does not know which form field it reads; name the one this route uses.
    throw ApiError(error.status(), error.what(), error.type(), limits.field, error.code());
  }
  const double decoded_seconds = static_cast<double>(decoded.samples.size()) / decoded.sample_rate;
  if (decoded.truncated || decoded_seconds > limits.max_input_seconds) {
    throw rejected(limits,
                   "The recording is longer than " + seconds(limits.max_input_seconds) +
                       "; send a shorter sample (6 to 30 s of clear speech works best).",
                   "audio_too_long");
  }

  const audio::Activity activity = audio::measure_activity(decoded.samples, decoded.sample_rate);
  if (activity.active_count() == 0) {
    throw rejected(limits, "The recording is silent: no speech was found.", "audio_silent");
  }
  // Clipping is judged at the file's own rate: resampling would smooth the flat tops away.
  if (clipped_fraction(decoded.samples, decoded.sample_rate) > kMaxClippedFraction) {
    throw rejected(limits,
                   "The recording is clipped throughout (recorded too loud); record again at a "
                   "lower input level.",
                   "audio_clipped");
  }

  ProcessedReference out;
  out.original_seconds = decoded_seconds;
  {
    audio::Resampler resampler(decoded.sample_rate, out.sample_rate);
    resampler.process(decoded.samples, out.audio);
    resampler.drain(out.audio);
  }
  auto [begin, end] = speech_bounds(out.audio, out.sample_rate);
  if (end <= begin) {
    throw rejected(limits, "The recording is silent: no speech was found.", "audio_silent");
  }
  out.audio.assign(out.audio.begin() + static_cast<std::ptrdiff_t>(begin),
                   out.audio.begin() + static_cast<std::ptrdiff_t>(end));
  const auto keep = static_cast<std::size_t>(limits.keep_seconds * out.sample_rate);
  if (out.audio.size() > keep) {
    const std::size_t start = best_window_start(out.audio, out.sample_rate, limits.keep_seconds);
    out.audio.assign(out.audio.begin() + static_cast<std::ptrdiff_t>(start),
                     out.audio.begin() + static_cast<std::ptrdiff_t>(start + keep));
  }

  const double speech = audio::measure_activity(out.audio, out.sample_rate)
                            .active_seconds(out.sample_rate);
  if (speech < limits.min_speech_seconds) {
    throw rejected(limits,
                   "The recording has only " + seconds(speech) + " of speech; at least " +
                       seconds(limits.min_speech_seconds) + " are needed (about 6 s is best).",
                   "audio_too_short");
  }
  normalize_speech_level(out.audio, out.sample_rate);
  out.analysis = audio::analyze_voice(out.audio, out.sample_rate);
  if (out.analysis.f0_median_hz <= 0) {
    throw rejected(limits,
                   "The recording has no voiced speech (no pitch was found); record a person "
                   "speaking.",
                   "audio_not_speech");
  }
  if (out.analysis.speaking_rate < kMinSyllablesPerSecond ||
      strongest_band_share(out.analysis.ltas_db) > kMaxSingleBandShare) {
    throw rejected(limits,
                   "The recording does not sound like speech (a steady tone or hum, without "
                   "syllables or the spread spectrum of a voice); record a person speaking.",
                   "audio_not_speech");
  }
  return out;
}

}  // namespace chorus::voices
