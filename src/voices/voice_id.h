#pragma once
// Cloned voice ids: "voice_" + 24 lower-case base32 characters (120 bits) from the kernel's
// CSPRNG. Never derived from the name or the audio, so ids reveal nothing and cannot collide
// by construction of the input.
#include <string>
#include <string_view>

namespace chorus::voices {

inline constexpr std::string_view kVoiceIdPrefix = "voice_";

std::string new_voice_id();

// True for strings shaped like a cloned voice id (prefix and charset); says nothing of existence.
bool looks_like_voice_id(std::string_view id);

}  // namespace chorus::voices
