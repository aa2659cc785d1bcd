#pragma once
#include <string>
#include <string_view>

namespace chorus {

// Standard base64 (RFC 4648, padded), via libavutil.
std::string base64_encode(std::string_view bytes);

}  // namespace chorus
