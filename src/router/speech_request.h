#pragma once
// A validated speech request, independent of how it arrived (HTTP JSON, CLI flags).
#include <memory>
#include <optional>
#include <string>

#include "codec/audio_format.h"
#include "text/lexicon.h"

namespace chorus {
namespace voices {
struct ClonedVoice;
}

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
  bool normalize = true;                // read numbers, money, dates... as words
  bool ssml = false;                    // input is an SSML document (<speak> root)
  std::shared_ptr<const Lexicon> lexicon;  // the request's "lexicon"; wins over the server's
  bool timestamps = false;              // word timestamps wanted (engines that report them only)
  // A voice cloned from audio sent with this request (POST /v1/audio/clone); `voice` is its id.
  std::shared_ptr<const voices::ClonedVoice> cloned_voice;
};

}  // namespace chorus
