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

// Japanese text is Han plus kana; kana and Han count as one script for run splitting.
Script run_script(Script s) {
  return (s == Script::kHiragana || s == Script::kKatakana) ? Script::kHan : s;
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

std::vector<ScriptRun> split_script_runs(std::string_view text, std::string_view latin_fallback) {
  std::vector<ScriptRun> runs;
  std::string pending_common;  // characters of no script, waiting for the next run
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(text, pos);
    const Script s = is_letter(cp) ? run_script(script_of(cp)) : Script::kCommon;
    const std::string_view piece = text.substr(start, pos - start);
    if (s == Script::kCommon) {
      if (runs.empty()) {
        pending_common.append(piece);
      } else {
        runs.back().text.append(piece);
      }
      continue;
    }
    if (runs.empty() || runs.back().script != s) {
      // Trailing spaces and punctuation stay with the run they end; a new run starts clean.
      runs.push_back({pending_common, s, {}});
      pending_common.clear();
    }
    runs.back().text.append(piece);
  }
  if (runs.empty()) {
    if (!is_blank(pending_common)) runs.push_back({pending_common, Script::kCommon, std::string(latin_fallback)});
    return runs;
  }
  for (auto& run : runs) {
    const std::string_view lang = language_for_script(run.script, run.text);
    if (!lang.empty()) {
      run.language = lang;
    } else {
      run.language = detect_language(run.text, latin_fallback).language;
    }
    if (run.script == Script::kHan && has_kana(run.text)) run.script = Script::kHiragana;
  }
  return runs;
}

}  // namespace chorus
