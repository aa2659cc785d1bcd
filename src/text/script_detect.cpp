#include <array>
#include <map>

#include "text/language_detect.h"
#include "text/utf8.h"

namespace chorus {

namespace {

// Scripts written by exactly one of the XTTS languages.
constexpr std::array<std::pair<Script, std::string_view>, 6> kScriptLanguages{{
    {Script::kHangul, "ko"},
    {Script::kHiragana, "ja"},
    {Script::kKatakana, "ja"},
    {Script::kDevanagari, "hi"},
    {Script::kArabic, "ar"},
    {Script::kCyrillic, "ru"},
}};

bool has_kana(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const Script s = script_of(decode_utf8(text, pos));
    if (s == Script::kHiragana || s == Script::kKatakana) return true;
  }
  return false;
}

}  // namespace

Script dominant_script(std::string_view text) {
  std::map<Script, std::size_t> counts;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = decode_utf8(text, pos);
    if (!is_letter(cp)) continue;
    const Script s = script_of(cp);
    if (s != Script::kCommon) ++counts[s];
  }
  // Japanese: any kana makes Han text Japanese, so kana and Han are counted together.
  const std::size_t kana = counts[Script::kHiragana] + counts[Script::kKatakana];
  if (kana > 0) {
    counts[Script::kHiragana] = kana + counts[Script::kHan];
    counts.erase(Script::kKatakana);
    counts.erase(Script::kHan);
  }
  Script best = Script::kCommon;
  std::size_t best_count = 0;
  for (const auto& [s, n] : counts) {
    if (n > best_count) {
      best = s;
      best_count = n;
    }
  }
  return best;
}

std::string_view language_for_script(Script script, std::string_view text_hint) {
  if (script == Script::kHan) return has_kana(text_hint) ? "ja" : "zh";
  for (const auto& [s, lang] : kScriptLanguages) {
    if (s == script) return lang;
  }
  return {};
}

}  // namespace chorus
