#include "cache/redis_value.h"

namespace chorus {
namespace {

constexpr std::string_view kMagic = "CHORUSRC";  // chorus result cache
constexpr std::size_t kHeaderBytes = 8 + 4 + 8;  // magic, version, payload length

// Integers are written least significant byte first whatever the host's byte order, so any
// replica reads what another wrote.
void put_le(std::string& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

std::uint64_t get_le(std::string_view in, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) {
    value |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[static_cast<std::size_t>(i)]))
             << (8 * i);
  }
  return value;
}

}  // namespace

std::string encode_redis_value(const CachedSpeech& entry) {
  std::string payload = serialize_cached_speech(entry);
  std::string value;
  value.reserve(kHeaderBytes + payload.size());
  value += kMagic;
  put_le(value, kRedisValueVersion, 4);
  put_le(value, payload.size(), 8);
  value += payload;
  return value;
}

std::optional<CachedSpeech> decode_redis_value(std::string_view value) {
  if (value.size() < kHeaderBytes || value.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  if (get_le(value.substr(8), 4) != kRedisValueVersion) return std::nullopt;
  if (get_le(value.substr(12), 8) != value.size() - kHeaderBytes) return std::nullopt;
  return parse_cached_speech(value.substr(kHeaderBytes));
}

}  // namespace chorus
