#pragma once
// A Piper voice's NAME.onnx.json: what the loader needs to turn phonemes into the model's inputs
// (docs: ../shared piper.md; keys as Piper's export writes them).
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace chorus::piper {

// A voice that cannot be used; the message names the file and the reason.
class PiperVoiceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PiperVoiceConfig {
  int sample_rate = 22050;
  std::string espeak_voice;                 // espeak.voice, e.g. "en-us"
  bool text_phonemes = false;               // phoneme_type "text": code points are the phonemes
  std::map<char32_t, std::vector<std::int64_t>> phoneme_id_map;  // has '_', '^', '$'
  std::map<char32_t, std::u32string> phoneme_map;                // applied before ids
  float noise_scale = 0.667f;
  float length_scale = 1.0f;
  float noise_w = 0.8f;
  std::map<char32_t, float> phoneme_silence;  // seconds of silence after a phoneme
  int num_speakers = 1;
  std::map<std::string, std::int64_t> speaker_id_map;  // name -> sid (multi-speaker voices)
  std::string language_code;  // language.code ("en_US"), may be empty
  std::string dataset;        // e.g. "joe"
  std::string quality;        // audio.quality ("medium"), may be empty

  bool multi_speaker() const { return num_speakers > 1; }
};

// Parses the JSON text of `path` (named in errors). Throws PiperVoiceError for invalid JSON,
// a missing or malformed phoneme_id_map, missing '_'/'^'/'$', ids that are not integers, a
// non-positive sample rate, or speaker ids outside 0..num_speakers-1.
PiperVoiceConfig parse_voice_config(const std::string& json_text, const std::string& path);
PiperVoiceConfig load_voice_config(const std::string& path);

}  // namespace chorus::piper
