#pragma once
// What a mark says: the server that made the audio (watermark.server_id) and the hour it was
// made, 32 bits, followed by a CRC-16 that lets the detector tell a real payload from the
// noise of unmarked audio (one chance in 65536 per decoding attempt).
#include <array>
#include <cstdint>
#include <optional>

namespace chorus::audio::watermark {

inline constexpr int kServerIdBits = 12;
inline constexpr int kHourBits = 20;  // hours since 1970: enough until the year 2089
inline constexpr std::uint32_t kMaxServerId = (1u << kServerIdBits) - 1;
inline constexpr int kPayloadBits = kServerIdBits + kHourBits;
inline constexpr int kCrcBits = 16;
inline constexpr int kCodedBits = kPayloadBits + kCrcBits;

struct Payload {
  std::uint32_t server_id = 0;  // 0..kMaxServerId
  std::uint32_t hour = 0;       // hours since 1970-01-01T00:00Z, modulo 2^20

  bool operator==(const Payload&) const = default;
};

using CodedBits = std::array<std::uint8_t, kCodedBits>;  // each 0 or 1

// The payload for audio made at `unix_seconds` by `server_id` (throws above kMaxServerId).
Payload payload_at(std::uint32_t server_id, std::int64_t unix_seconds);

CodedBits encode_payload(const Payload& payload);
// The payload when the CRC matches, else nothing.
std::optional<Payload> decode_payload(const CodedBits& bits);

// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF).
std::uint16_t crc16(std::uint32_t value);

}  // namespace chorus::audio::watermark
