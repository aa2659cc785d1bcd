// Fuzz target: the watermark detector's input path. Selector byte (modulo 3) 0: the rest goes
// through check_watermark() as an uploaded file (FFmpeg demuxing and decoding, resampling to
// 24 kHz, detection), as POST /v1/audio/watermark/detect and `chorus watermark detect` run it;
// any exception other than a 4xx ApiError is a failure. 1: the rest is raw float samples for the
// detector itself (NaN, infinities, huge values included). 2: up to 47 bytes: the 48 coded bits
// a detection reads (six bytes, low bit first): payload decoding and the JSON answer built from
// it; 48 bytes or more: the soft bits (one signed byte each, /16) that the payload is read from
// with its weakest bits corrected. No input of at most 4 KiB holds a whole mark (one period is 1.4 s of audio), so only this
// path reaches the payload's decoding; a marked clip edited per input reached it too, but each
// such input cost a detection of 3 s of audio (the target ran at 8 executions a second): damaged
// marks are checked in the unit tests instead (WatermarkDetector.DamagedMarkGivesItsPayloadOrNone).
// Whatever the path, a result must be self-consistent: a payload exactly when marked, a
// confidence in [0, 1], a JSON answer that serializes; a payload that decodes must encode back
// to the same bits.
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
#include "audio/watermark/watermark_payload.h"
#include "core/api_error.h"
#include "server/watermark_check.h"

namespace {

constexpr double kUploadSeconds = 0.1;

void check(bool ok) {
  if (!ok) std::abort();
}

void check_result(const chorus::audio::watermark::Detection& found) {
  check(found.watermarked == found.payload.has_value());
  check(found.corrected_bits >= 0 && (found.watermarked || found.corrected_bits == 0));
  check(found.watermarked ? found.payload_probability >= chorus::audio::watermark::kMinPosterior && found.payload_probability <= 1.0
                          : found.payload_probability == 0.0);
  check(std::isfinite(found.confidence) && found.confidence >= 0.0 && found.confidence <= 1.0);
  check(std::isfinite(found.sync_score));
  // The answer the API and the CLI send is built from it (a decoded hour goes through gmtime_r
  // and strftime): it must serialize, with a payload object exactly when marked.
  const nlohmann::json answer = chorus::watermark_json(found);
  check(answer.at("payload").is_object() == found.watermarked);
  check(!answer.dump().empty());
}

// Path 0's decode bounds: as the audio_decode target's, small probes and a short stretch of
// audio. With the API's 300 s, a 4 KiB file at a low sample rate decodes to seconds of audio
// that the detector then searches (up to 0.2 s per input here); the detector's work on long
// audio is the same code as on this stretch, only more of it.
chorus::voices::DecodeBounds upload_bounds() {
  chorus::voices::DecodeBounds bounds;
  bounds.max_seconds = kUploadSeconds;
  bounds.probe_bytes = 4096;
  bounds.analyze_microseconds = 250'000;
  return bounds;
}

// A fixed window, so that an input reads the same whatever the day.
const chorus::audio::watermark::HourWindow kHours{chorus::audio::watermark::kFirstMarkHour, 499083};

// Path 2, soft: a payload read with corrections is one whose bits differ from the hard
// decisions exactly where it says, a corrected one carries a possible hour, and its posterior
// is a probability at least the one required.
void decode_soft_bits(std::string_view bytes) {
  using namespace chorus::audio::watermark;
  SoftBits soft{};
  for (std::size_t i = 0; i < kCodedBits; ++i) soft[i] = static_cast<std::int8_t>(bytes[i]) / 16.0;
  const auto read = decode_soft(soft, kHours);
  if (!read) return;
  const CodedBits bits = encode_payload(read->payload);
  int differ = 0;
  for (std::size_t i = 0; i < kCodedBits; ++i) differ += bits[i] != (soft[i] > 0.0 ? 1 : 0);
  check(differ == read->corrected_bits);
  check(read->corrected_bits == 0 || kHours.contains(read->payload.hour));
  check(read->posterior >= kMinPosterior && read->posterior <= 1.0);
}

// Path 2: the bits of a detection's best candidate, as the detector hands them to
// decode_payload.
void decode_bits(std::string_view bytes) {
  using namespace chorus::audio::watermark;
  if (bytes.size() >= kCodedBits) {
    decode_soft_bits(bytes);
    return;
  }
  CodedBits bits{};
  for (std::size_t i = 0; i < kCodedBits && i / 8 < bytes.size(); ++i) {
    bits[i] = (static_cast<std::uint8_t>(bytes[i / 8]) >> (i % 8)) & 1u;
  }
  Detection found;
  found.payload = decode_payload(bits);
  found.watermarked = found.payload.has_value();
  if (found.payload) {
    check(found.payload->server_id <= kMaxServerId && found.payload->hour < (1u << kHourBits));
    check(encode_payload(*found.payload) == bits);
    found.confidence = 1.0;
    found.sync_score = kMinSyncScore;
    found.payload_probability = 1.0;  // an exact reading, as the detector reports it
  }
  check_result(found);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t selector = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (selector % 3 == 2) {
    decode_bits(rest);
    return 0;
  }
  if (selector % 3 == 0) {
    try {
      check_result(chorus::check_watermark(rest, upload_bounds()));
    } catch (const chorus::ApiError& error) {
      check(error.status() >= 400 && error.status() < 500);
    }
  } else {
    std::vector<float> samples(rest.size() / sizeof(float));
    if (!samples.empty()) std::memcpy(samples.data(), rest.data(), samples.size() * sizeof(float));
    check_result(chorus::audio::watermark::detect(samples, kHours));
  }
  return 0;
}
