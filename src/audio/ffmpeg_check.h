#pragma once
// FFmpeg reports failures as negative integers; the audio stage speaks exceptions.
#include <string_view>

namespace chorus::audio {

// Throws std::runtime_error("<what>: <av_strerror text>") when `error` is negative.
int ffmpeg_check(int error, std::string_view what);

}  // namespace chorus::audio
