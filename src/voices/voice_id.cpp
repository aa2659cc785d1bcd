#include "voices/voice_id.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <system_error>

namespace chorus::voices {
namespace {

constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
constexpr std::size_t kIdChars = 24;

}  // namespace

std::string new_voice_id() {
  std::array<unsigned char, kIdChars> random{};
  std::size_t filled = 0;
  while (filled < random.size()) {
    const ssize_t got = getrandom(random.data() + filled, random.size() - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "getrandom");
    }
    filled += static_cast<std::size_t>(got);
  }
  std::string id(kVoiceIdPrefix);
  // 5 bits of each byte: 32 symbols, no modulo bias.
  for (unsigned char byte : random) id += kAlphabet[byte & 31u];
  return id;
}

bool looks_like_voice_id(std::string_view id) {
  if (id.size() <= kVoiceIdPrefix.size() || id.substr(0, kVoiceIdPrefix.size()) != kVoiceIdPrefix) {
    return false;
  }
  for (char c : id.substr(kVoiceIdPrefix.size())) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return id.size() <= 64;
}

}  // namespace chorus::voices
