#pragma once
// Decodes an uploaded recording held in memory (wav, mp3, ogg/opus, webm, m4a, flac, ...) with
// FFmpeg into mono float at the file's own rate. Only container formats a browser or phone
// produces are accepted, and the demuxer may not open any other file or URL (an uploaded
// playlist must not read the server's disk).
#include <cstddef>
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

// Throws ApiError 400 (code "invalid_audio") when the bytes are not a supported audio file and
// 400 ("corrupt_audio") when the file is recognized but cannot be decoded. Stops after
// `max_seconds` of audio with `truncated` set.
DecodedAudio decode_audio(std::string_view bytes, double max_seconds);

}  // namespace chorus::voices
