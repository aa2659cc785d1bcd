#pragma once
// FFmpeg reports failures as negative integers; the rest of chorus speaks exceptions.
#include <string>
#include <string_view>

namespace chorus {

// The av_strerror text for an FFmpeg error code.
std::string av_error_text(int error);

// Throws std::runtime_error("<what>: <av_strerror text>") when `error` is negative; returns it
// otherwise so call sites can keep positive results.
int av_check(int error, std::string_view what);

// FFmpeg logs warnings to stderr by itself (e.g. every streamed FLAC); chorus reports failures
// as exceptions, so only FFmpeg's errors are worth printing. Call once at start.
void quiet_ffmpeg_logging();

}  // namespace chorus
