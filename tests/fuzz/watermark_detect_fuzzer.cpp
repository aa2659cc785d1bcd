// Fuzz target: the watermark detector's input path. Selector byte (modulo 3) 0: the rest goes
// through check_watermark() as an uploaded file (FFmpeg demuxing and decoding, resampling to
// 24 kHz, detection), as POST /v1/audio/watermark/detect and `chorus watermark detect` run it;
// any exception other than a 4xx ApiError is a failure. 1: the rest is raw float samples for the
// detector itself (NaN, infinities, huge values included). 2: the rest edits a marked clip made
// at start (3 s: no input of at most 4 KiB holds a whole mark, so only this path reaches the
// payload's decoding): two bytes cut its start, then 3-byte records each set a stretch of samples
// to a value. Whatever the path, a result must be self-consistent: a payload exactly when
// marked, a confidence in [0, 1], a JSON answer that serializes; the unedited clip must come
// back with its payload.
//
// Debian's FFmpeg is a prebuilt shared library: it runs here but is not instrumented.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string_view>
#include <vector>

#include "audio/watermark/watermark_detector.h"
#include "audio/watermark/watermark_embedder.h"
#include "audio/watermark/watermark_payload.h"
#include "core/api_error.h"
#include "server/watermark_check.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void check_result(const chorus::audio::watermark::Detection& found) {
  check(found.watermarked == found.payload.has_value());
  check(std::isfinite(found.confidence) && found.confidence >= 0.0 && found.confidence <= 1.0);
  check(std::isfinite(found.sync_score));
  // The answer the API and the CLI send is built from it (a decoded hour goes through gmtime_r
  // and strftime): it must serialize, with a payload object exactly when marked.
  const nlohmann::json answer = chorus::watermark_json(found);
  check(answer.at("payload").is_object() == found.watermarked);
  check(!answer.dump().empty());
}

constexpr std::uint32_t kClipServer = 42;

// A marked clip of a voice-like signal: harmonics of a gliding pitch under a moving formant, in
// syllables, over a little noise (the unit tests' recipe), 3 s long.
const std::vector<float>& marked_clip() {
  static const std::vector<float> clip = [] {
    using namespace chorus::audio::watermark;
    std::mt19937 random(7);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    const std::size_t n = kSampleRate * 3;
    std::vector<float> voice(n);
    double phase = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double t = static_cast<double>(i) / kSampleRate;
      const double f0 = 145.0 + 45.0 * std::sin(2 * M_PI * 0.7 * t);
      phase += 2 * M_PI * f0 / kSampleRate;
      const double formant = 600.0 + 250.0 * std::sin(2 * M_PI * 1.3 * t);
      double sample = 0.0;
      for (int h = 1; h * f0 < 7000.0; ++h) {
        sample += (1.0 / (1.0 + std::pow((h * f0 - formant) / 150.0, 2)) + 0.02) * std::sin(h * phase);
      }
      const double syllable = std::max(0.0, std::sin(2 * M_PI * 4.0 * t));
      voice[i] = static_cast<float>(0.08 * syllable * sample) + 0.002f * noise(random);
    }
    Embedder embedder(payload_at(kClipServer, 1'800'000'000));
    std::vector<float> out;
    embedder.process(voice, out);
    embedder.flush(out);
    return out;
  }();
  return clip;
}

chorus::audio::watermark::Detection detect_edited_clip(std::string_view edits) {
  std::vector<float> clip = marked_clip();
  if (edits.size() >= 2) {
    const std::size_t cut = (static_cast<std::uint8_t>(edits[0]) << 8 | static_cast<std::uint8_t>(edits[1])) % 4800;
    clip.erase(clip.begin(), clip.begin() + static_cast<std::ptrdiff_t>(cut));
    edits.remove_prefix(2);
  }
  for (; edits.size() >= 3; edits.remove_prefix(3)) {
    const std::size_t at = static_cast<std::uint8_t>(edits[0]) * clip.size() / 256;
    const std::size_t length = static_cast<std::uint8_t>(edits[1]) * 4u;
    const float value = static_cast<float>(static_cast<std::int8_t>(edits[2])) / 64.0f;
    for (std::size_t i = at; i < std::min(clip.size(), at + length); ++i) clip[i] = value;
  }
  return chorus::audio::watermark::detect(clip);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t selector = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (selector % 3 == 2) {
    const auto found = detect_edited_clip(rest);
    check_result(found);
    if (rest.empty()) check(found.watermarked && found.payload->server_id == kClipServer);
    return 0;
  }
  if (selector % 3 == 0) {
    try {
      check_result(chorus::check_watermark(rest));
    } catch (const chorus::ApiError& error) {
      check(error.status() >= 400 && error.status() < 500);
    }
  } else {
    std::vector<float> samples(rest.size() / sizeof(float));
    if (!samples.empty()) std::memcpy(samples.data(), rest.data(), samples.size() * sizeof(float));
    check_result(chorus::audio::watermark::detect(samples));
  }
  return 0;
}
