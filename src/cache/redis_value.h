#pragma once
// How one cache entry is stored as a Redis value: a fixed header (magic, format version,
// payload length) then the entry as the disk tier writes it (cached_speech.h: metadata, audio
// length and SHA-256, audio). Redis is shared with other programs and other chorus versions, so
// whatever comes back is checked before use: a value of another format, truncated, padded or
// altered decodes to nullopt, which the tier treats as a miss.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cache/cached_speech.h"

namespace chorus {

// Bump with any change to the value layout; also part of the key prefix (redis_tier.h), so
// a new format never even reads old values.
constexpr std::uint32_t kRedisValueVersion = 1;

std::string encode_redis_value(const CachedSpeech& entry);
std::optional<CachedSpeech> decode_redis_value(std::string_view value);

}  // namespace chorus
