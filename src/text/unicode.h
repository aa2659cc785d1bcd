#pragma once
// Just enough Unicode character knowledge for the text front-end (no ICU dependency): the
// tables cover the scripts of the 17 XTTS languages plus the punctuation and symbols that
// appear in ordinary prose.
#include <string>
#include <string_view>

namespace chorus {

enum class Script {
  kCommon,  // digits, punctuation, symbols, spaces: belong to whatever surrounds them
  kLatin,
  kCyrillic,
  kGreek,
  kArabic,
  kDevanagari,
  kHan,
  kHiragana,
  kKatakana,
  kHangul,
  kHebrew,
  kThai,
  kOther,
};

bool is_space(char32_t cp);               // Unicode White_Space
bool is_control_or_format(char32_t cp);   // Cc and the Cf characters seen in real text
bool is_ascii_digit(char32_t cp);
bool is_letter(char32_t cp);              // any letter or combining mark of a known script
bool is_upper(char32_t cp);
bool is_lower(char32_t cp);
bool is_punctuation(char32_t cp);
bool is_emoji(char32_t cp);               // pictographs, dingbats, flags, joiners, selectors
bool is_cjk(char32_t cp);                 // Han, kana, Hangul: written without spaces
bool is_alnum(char32_t cp);               // letter or any decimal digit

Script script_of(char32_t cp);
std::string_view script_name(Script s);

// Simple (one-to-one) case mapping for Latin, Greek and Cyrillic.
char32_t to_lower(char32_t cp);
char32_t to_upper(char32_t cp);
std::string to_lower(std::string_view s);

// Value 0-9 of a decimal digit in any script the front-end knows (ASCII, Arabic-Indic,
// Eastern Arabic-Indic, Devanagari, fullwidth), or -1.
int digit_value(char32_t cp);

}  // namespace chorus
