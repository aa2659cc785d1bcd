#pragma once
// A validated speech request, independent of how it arrived (HTTP JSON, CLI flags).
#include <optional>
#include <string>

#include "codec/audio_format.h"

namespace chorus {

enum class StreamFormat { kAudio, kSse };

struct SpeechRequest {
  std::string model = "tts-1";
  std::string input;
  std::string voice = "alloy";
  AudioFormat format = AudioFormat::kMp3;
  double speed = 1.0;
  StreamFormat stream_format = StreamFormat::kAudio;
  std::string instructions;             // accepted; engines that cannot use it ignore it
  std::optional<std::string> language;  // normalized lower-case BCP-47 tag
};

}  // namespace chorus
