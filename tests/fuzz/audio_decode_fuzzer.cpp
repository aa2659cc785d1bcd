// Fuzz target: the decoding of an uploaded voice sample (decode_audio) - FFmpeg's demuxers for
// the containers we allow, reading from our in-memory reader, and our conversion of what they
// decode to mono float. The input is the file itself. FFmpeg's probing is bounded and at most a
// quarter second is decoded, so one execution costs milliseconds, not the second or more a
// full-length probe and decode take. Any exception other than a 400 ApiError, or decoded audio
// that breaks its promises (rate, finite samples, an honest `truncated`), is a failure.
//
// Debian's FFmpeg is a prebuilt shared library: it runs here but is not instrumented, so
// coverage guidance and the sanitizers' bounds checks see our reader and conversion code only.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/api_error.h"
#include "voices/audio_decoder.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chorus;
  voices::DecodeBounds bounds;
  bounds.max_seconds = 0.25;
  bounds.probe_bytes = 4096;
  bounds.analyze_microseconds = 100'000;
  try {
    const auto decoded =
        voices::decode_audio(std::string_view(reinterpret_cast<const char*>(data), size), bounds);
    check(decoded.sample_rate > 0 && !decoded.samples.empty());
    check(decoded.bad_packets * 2 <= decoded.packets || decoded.packets == 0);
    // Never more than the bound, and exactly the bound when cut there (a packet may hold far
    // more at a low claimed rate).
    const std::size_t most = voices::max_samples(bounds.max_seconds, decoded.sample_rate);
    check(decoded.samples.size() <= most);
    check(!decoded.truncated || decoded.samples.size() == most);
    for (float s : decoded.samples) check(std::isfinite(s));
  } catch (const ApiError& error) {
    check(error.status() == 400);
  }
  return 0;
}
