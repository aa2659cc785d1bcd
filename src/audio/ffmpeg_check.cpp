#include "audio/ffmpeg_check.h"

#include <stdexcept>
#include <string>

extern "C" {
#include <libavutil/error.h>
}

namespace chorus::audio {

int ffmpeg_check(int error, std::string_view what) {
  if (error >= 0) return error;
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  if (av_strerror(error, text, sizeof text) < 0) {
    throw std::runtime_error(std::string(what) + ": FFmpeg error " + std::to_string(error));
  }
  throw std::runtime_error(std::string(what) + ": " + text);
}

}  // namespace chorus::audio
