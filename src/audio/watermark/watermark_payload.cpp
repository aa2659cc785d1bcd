#include "audio/watermark/watermark_payload.h"

#include <stdexcept>

namespace chorus::audio::watermark {

Payload payload_at(std::uint32_t server_id, std::int64_t unix_seconds) {
  if (server_id > kMaxServerId) throw std::invalid_argument("watermark server id out of range");
  const std::int64_t hours = unix_seconds < 0 ? 0 : unix_seconds / 3600;
  return Payload{server_id, static_cast<std::uint32_t>(hours) & ((1u << kHourBits) - 1)};
}

std::uint16_t crc16(std::uint32_t value) {
  std::uint16_t crc = 0xFFFF;
  for (int byte = 3; byte >= 0; --byte) {
    crc ^= static_cast<std::uint16_t>(((value >> (8 * byte)) & 0xFFu) << 8);
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc & 0x8000u) ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021u)
                            : static_cast<std::uint16_t>(crc << 1);
    }
  }
  return crc;
}

namespace {

std::uint32_t pack(const Payload& payload) {
  return (payload.server_id << kHourBits) | payload.hour;
}

}  // namespace

CodedBits encode_payload(const Payload& payload) {
  if (payload.server_id > kMaxServerId || payload.hour >= (1u << kHourBits)) {
    throw std::invalid_argument("watermark payload out of range");
  }
  const std::uint32_t value = pack(payload);
  const std::uint16_t crc = crc16(value);
  CodedBits bits{};
  for (int i = 0; i < kPayloadBits; ++i) bits[i] = (value >> (kPayloadBits - 1 - i)) & 1u;
  for (int i = 0; i < kCrcBits; ++i) bits[kPayloadBits + i] = (crc >> (kCrcBits - 1 - i)) & 1u;
  return bits;
}

std::optional<Payload> decode_payload(const CodedBits& bits) {
  std::uint32_t value = 0;
  for (int i = 0; i < kPayloadBits; ++i) value = (value << 1) | (bits[i] & 1u);
  std::uint16_t crc = 0;
  for (int i = 0; i < kCrcBits; ++i) {
    crc = static_cast<std::uint16_t>((crc << 1) | (bits[kPayloadBits + i] & 1u));
  }
  if (crc != crc16(value)) return std::nullopt;
  return Payload{value >> kHourBits, value & ((1u << kHourBits) - 1)};
}

}  // namespace chorus::audio::watermark
