#include "codec/base64.h"

extern "C" {
#include <libavutil/base64.h>
}

#include <climits>
#include <stdexcept>

namespace chorus {

std::string base64_encode(std::string_view bytes) {
  if (bytes.size() > INT_MAX / 2) throw std::length_error("base64_encode: input too large");
  std::string out(AV_BASE64_SIZE(bytes.size()), '\0');
  if (!av_base64_encode(out.data(), static_cast<int>(out.size()),
                        reinterpret_cast<const uint8_t*>(bytes.data()),
                        static_cast<int>(bytes.size()))) {
    throw std::runtime_error("base64_encode failed");
  }
  out.resize(out.find('\0'));
  return out;
}

}  // namespace chorus
