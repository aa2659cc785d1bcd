#pragma once
// Checks an audio file for chorus's watermark: decodes it with FFmpeg (any format the voice
// upload accepts), converts it to 24 kHz mono, runs the detector and describes the result as
// JSON. Shared by POST /v1/audio/watermark/detect and `chorus watermark detect`.
#include <string_view>

#include <nlohmann/json.hpp>

#include "audio/watermark/watermark_detector.h"
#include "voices/audio_decoder.h"

namespace chorus {

// Audio past this is not read: it bounds the detector's work, and a mark repeats every 1.4 s.
inline constexpr double kMaxWatermarkCheckSeconds = 300.0;

// Throws ApiError 400 when the bytes are not audio FFmpeg can decode, or decode to nothing.
// `bounds` limit the decode (the fuzz target lowers them; the API and the CLI keep the default).
audio::watermark::Detection check_watermark(
    std::string_view file_bytes,
    const voices::DecodeBounds& bounds = voices::DecodeBounds{kMaxWatermarkCheckSeconds});

// {"watermarked": bool, "confidence": x, "payload": {...} or null, "sync_score": z, ...}
nlohmann::json watermark_json(const audio::watermark::Detection& detection);

}  // namespace chorus
