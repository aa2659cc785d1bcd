#include "voices/pcm16.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace chorus::voices {

std::string encode_pcm16(const std::vector<float>& audio) {
  std::string out(audio.size() * 2, '\0');
  for (std::size_t i = 0; i < audio.size(); ++i) {
    const auto v = static_cast<std::int16_t>(
        std::lround(std::clamp(audio[i], -1.0f, 1.0f) * 32767.0f));
    const auto u = static_cast<std::uint16_t>(v);
    out[2 * i] = static_cast<char>(u & 0xFF);
    out[2 * i + 1] = static_cast<char>(u >> 8);
  }
  return out;
}

std::vector<float> decode_pcm16(const std::string& bytes) {
  std::vector<float> out(bytes.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto lo = static_cast<unsigned char>(bytes[2 * i]);
    const auto hi = static_cast<unsigned char>(bytes[2 * i + 1]);
    const auto v = static_cast<std::int16_t>(static_cast<std::uint16_t>(lo | (hi << 8)));
    out[i] = static_cast<float>(v) / 32767.0f;
  }
  return out;
}

}  // namespace chorus::voices
