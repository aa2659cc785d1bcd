#pragma once
// Decodes an uploaded recording held in memory (wav, mp3, ogg/opus, webm, m4a, flac, ...) with
// FFmpeg into mono float at the file's own rate. Only container formats a browser or phone
// produces are accepted, and the demuxer may not open any other file or URL (an uploaded
// playlist must not read the server's disk).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace chorus::voices {

struct DecodedAudio {
  std::vector<float> samples;  // mono (channels averaged), [-1, 1] nominal
  int sample_rate = 0;
  bool truncated = false;      // decoding stopped at max_seconds
  std::size_t bad_packets = 0;  // packets the decoder rejected
  std::size_t packets = 0;
};

// How much work one decode may do. The probe bounds are FFmpeg's own defaults unless lowered:
// a caller that decodes small inputs (the fuzz target) lowers them so a file cannot make FFmpeg
// read and analyse megabytes before the first frame.
struct DecodeBounds {
  double max_seconds = 0.0;                  // decoded audio kept; more sets `truncated`
  std::int64_t probe_bytes = 5'000'000;      // probesize: bytes read to find the streams
  std::int64_t analyze_microseconds = 5'000'000;  // analyzeduration: stream time analysed
};

// Sample rates of real recordings (telephone speech to 384 kHz studio masters); files that
// claim another are refused as not audio.
inline constexpr int kMinSampleRate = 1000;
inline constexpr int kMaxSampleRate = 384000;

// The samples `max_seconds` of audio at `sample_rate` hold (rounded up).
inline std::size_t max_samples(double max_seconds, int sample_rate) {
  return static_cast<std::size_t>(std::ceil(max_seconds * sample_rate));
}

// Throws ApiError 400 (code "invalid_audio") when the bytes are not a supported audio file (or
// claim a sample rate outside kMinSampleRate..kMaxSampleRate) and
// 400 ("corrupt_audio") when the file is recognized but cannot be decoded. Stops after
// `max_seconds` of audio with `truncated` set, keeping max_samples(max_seconds, sample_rate).
DecodedAudio decode_audio(std::string_view bytes, const DecodeBounds& bounds);
inline DecodedAudio decode_audio(std::string_view bytes, double max_seconds) {
  return decode_audio(bytes, DecodeBounds{max_seconds});
}

}  // namespace chorus::voices
