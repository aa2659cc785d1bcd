#include "core/av_error.h"

#include <stdexcept>

extern "C" {
#include <libavutil/log.h>
#include <libavutil/error.h>
}

namespace chorus {

std::string av_error_text(int error) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  if (av_strerror(error, text, sizeof text) < 0) {
    return "unknown FFmpeg error " + std::to_string(error);
  }
  return text;
}

int av_check(int error, std::string_view what) {
  if (error < 0) {
    throw std::runtime_error(std::string(what) + ": " + av_error_text(error));
  }
  return error;
}

void quiet_ffmpeg_logging() { av_log_set_level(AV_LOG_ERROR); }

}  // namespace chorus
