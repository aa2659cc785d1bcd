// Fuzz target: the watermark detector's input path. Selector byte 0: the rest goes through
// check_watermark() as an uploaded file (FFmpeg demuxing and decoding, resampling to 24 kHz,
// detection), as POST /v1/audio/watermark/detect and `chorus watermark detect` run it; any
// exception other than a 4xx ApiError is a failure. Selector 1: the rest is raw float samples
// for the detector itself (NaN, infinities, huge values included). Either way a result must be
// self-consistent: a payload exactly when marked, a confidence in [0, 1].
//
// Debian's FFmpeg is a prebuilt shared library: it runs here but is not instrumented.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "audio/watermark/watermark_detector.h"
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
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t selector = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (selector % 2 == 0) {
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
