#include "server/watermark_check.h"

#include <cstdint>
#include <ctime>
#include <vector>

#include "audio/resampler.h"
#include "audio/watermark/watermark_layout.h"
#include "core/api_error.h"

namespace chorus {

audio::watermark::Detection check_watermark(std::string_view file_bytes,
                                            const voices::DecodeBounds& bounds) {
  voices::DecodedAudio decoded = voices::decode_audio(file_bytes, bounds);
  if (decoded.samples.empty() || decoded.sample_rate <= 0) {
    throw ApiError::invalid("The uploaded file holds no audio.", "file", "invalid_audio");
  }
  std::vector<float> samples;
  audio::Resampler resampler(decoded.sample_rate, audio::watermark::kSampleRate);
  resampler.process(decoded.samples, samples);
  resampler.drain(samples);
  return audio::watermark::detect(samples);
}

nlohmann::json watermark_json(const audio::watermark::Detection& detection) {
  nlohmann::json payload = nullptr;
  if (detection.payload) {
    const std::int64_t unix_seconds = static_cast<std::int64_t>(detection.payload->hour) * 3600;
    const std::time_t start = static_cast<std::time_t>(unix_seconds);
    std::tm utc{};
    gmtime_r(&start, &utc);
    char hour[32];
    std::strftime(hour, sizeof hour, "%Y-%m-%dT%H:00:00Z", &utc);
    payload = {{"server_id", detection.payload->server_id},
               {"hour", detection.payload->hour},
               {"hour_start", hour}};
  }
  return {{"watermarked", detection.watermarked},
          {"confidence", detection.confidence},
          {"payload", payload},
          {"corrected_bits", detection.corrected_bits},
          {"payload_probability", detection.payload_probability},
          {"sync_score", detection.sync_score},
          {"analysed_frames", detection.frames}};
}

}  // namespace chorus
