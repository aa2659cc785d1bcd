#pragma once
// The common form of marked-up input: inline markup, the lexicon and SSML all produce a list
// of segments, which analyze_text() normalizes and chunks.
#include <string>
#include <vector>

namespace chorus {

struct TextSegment {
  enum class Kind {
    kText,      // text to normalize and speak
    kPhonemes,  // `text` spoken as the IPA in `phonemes`
    kPause,     // silence of `pause_seconds`
  };
  Kind kind = Kind::kText;
  std::string text;
  std::string phonemes;
  double pause_seconds = 0;
  std::string language;   // overrides the document language for this segment (SSML <lang>)
  bool normalize = true;  // false when the text is already in words (say-as, sub)
  double rate = 1.0;      // SSML <prosody rate>

  static TextSegment plain(std::string t) { return {Kind::kText, std::move(t), {}, 0, {}, true, 1.0}; }
  static TextSegment phoneme(std::string t, std::string ipa) {
    return {Kind::kPhonemes, std::move(t), std::move(ipa), 0, {}, true, 1.0};
  }
  static TextSegment pause(double seconds) { return {Kind::kPause, {}, {}, seconds, {}, true, 1.0}; }
};

// Longest pause a request may ask for; longer ones are clamped.
inline constexpr double kMaxPauseSeconds = 10.0;

}  // namespace chorus
