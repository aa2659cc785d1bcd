#pragma once
// Guessing the language of a text: by script first (Hangul, kana, Han, Devanagari, Arabic,
// Cyrillic decide alone), then with libexttextcat's n-gram models restricted to the
// Latin-script XTTS languages. Short or ambiguous texts fall back to a caller's default.
#include <string>
#include <string_view>
#include <vector>

#include "text/unicode.h"

namespace chorus {

struct DetectedLanguage {
  std::string language;     // primary subtag, e.g. "fr"; empty when nothing could be decided
  bool reliable = false;    // false: the fallback was used or the guess is weak
  Script script = Script::kCommon;  // dominant script of the letters
  std::string method;       // "script", "textcat", "diacritics", "fallback" (for diagnostics)
};

// Texts with fewer letters than this are too short for n-gram statistics.
inline constexpr std::size_t kMinLettersForStatistics = 12;

// Detects the language of text; `fallback` (the voice's or the configured default language)
// is returned, marked unreliable, when the text is too short or ambiguous.
DetectedLanguage detect_language(std::string_view text, std::string_view fallback = "en");

// The dominant script of the letters in text (kCommon when there are none).
Script dominant_script(std::string_view text);

// The language a script implies on its own, or empty for scripts shared by several of the
// XTTS languages (Latin).
std::string_view language_for_script(Script script, std::string_view text_hint = {});

// Whether libexttextcat's models could be loaded (Latin detection falls back otherwise).
bool textcat_available();

// Empties the memo of classifications (up to 4096 recent texts). For the fuzz target: a memo
// that grows with every new input makes libFuzzer repeat each such input with a leak check.
void forget_language_classifications();

}  // namespace chorus
