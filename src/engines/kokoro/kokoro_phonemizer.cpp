#include "engines/kokoro/kokoro_phonemizer.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "engines/kokoro/kokoro_ipa_tables.h"
#include "engines/kokoro/kokoro_vocab.h"

namespace chorus::kokoro {
namespace {

// phonemizer's default punctuation set, the marks that split the text.
bool is_punctuation(char32_t c) {
  switch (c) {
    case U';': case U':': case U',': case U'.': case U'!': case U'?': case U'¡': case U'¿':
    case U'—': case U'…': case U'"': case U'«': case U'»': case U'“': case U'”': case U'(':
    case U')': case U'{': case U'}': case U'[': case U']':
      return true;
    default:
      return false;
  }
}

// The mark as Kokoro's vocabulary writes it; U'\0' when it has none (the mark is dropped).
char32_t kokoro_mark(char32_t c) {
  switch (c) {
    case U'«': return U'“';
    case U'»': return U'”';
    case U'{': case U'[': return U'(';
    case U'}': case U']': return U')';
    case U'¡': case U'¿': return U'\0';
    default: return c;
  }
}

bool opens(char32_t mark) { return mark == U'(' || mark == U'“'; }

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u00A0'; }

std::u32string trim(std::u32string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::u32string(s.substr(b, e - b));
}

// espeak output: collapse whitespace (clauses come back on separate lines) to single spaces.
std::u32string normalize_spaces(std::u32string_view s) {
  std::u32string out;
  for (char32_t c : s) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != U' ') out.push_back(U' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == U' ') out.pop_back();
  return out;
}

}  // namespace

const std::vector<PhonemizerLanguage>& phonemizer_languages() {
  // espeak_SetVoiceByName takes voice file names: libespeak-ng 1.51 has no "en-gb" or "fr-fr"
  // there (British English is "en", gmw/en; French is "fr", roa/fr).
  static const std::vector<PhonemizerLanguage> languages = {
      {"en-us", "en-us", true, false}, {"en-gb", "en", true, true},  {"es", "es", false, false},
      {"fr", "fr", false, false},      {"hi", "hi", false, false},   {"it", "it", false, false},
      {"pt-br", "pt-br", false, false}, {"ja", "", false, false, true},
  };
  return languages;
}

std::optional<PhonemizerLanguage> find_phonemizer_language(std::string_view tag) {
  std::string t(tag);
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) {
    return c == '_' ? '-' : static_cast<char>(std::tolower(c));
  });
  if (t == "en" || t == "en-us" || t == "a") t = "en-us";
  else if (t == "en-gb" || t == "en-uk" || t == "b") t = "en-gb";
  else if (t == "fr-fr" || t == "fr") t = "fr";
  else if (t == "pt" || t == "pt-br") t = "pt-br";
  else if (t.rfind("es-", 0) == 0) t = "es";
  else if (t.rfind("it-", 0) == 0) t = "it";
  else if (t.rfind("hi-", 0) == 0) t = "hi";
  else if (t == "j" || t.rfind("ja-", 0) == 0) t = "ja";
  for (const auto& language : phonemizer_languages()) {
    if (language.tag == t) return language;
  }
  return std::nullopt;
}

std::string Phonemizer::phonemize(std::string_view text, const PhonemizerLanguage& language) const {
  if (language.japanese) {
    if (!japanese_) throw std::runtime_error("no Japanese phonemizer (MeCab's dictionary did not load)");
    return japanese_(text);
  }
  const std::u32string input = utf8_to_u32(text);
  std::u32string out;
  auto append_words = [&](std::u32string_view words) {
    const std::u32string trimmed = trim(words);
    if (trimmed.empty()) return;
    std::string ipa = ipa_(u32_to_utf8(trimmed), language.espeak_voice);
    ipa = language.english ? postprocess_english_ipa(ipa, language.british) : postprocess_espeak_ipa(ipa);
    const std::u32string phonemes = normalize_spaces(utf8_to_u32(ipa));
    if (phonemes.empty()) return;
    if (!out.empty() && out.back() != U' ' && !opens(out.back())) out.push_back(U' ');
    out += phonemes;
  };
  std::size_t start = 0;
  for (std::size_t i = 0; i <= input.size(); ++i) {
    if (i < input.size() && !is_punctuation(input[i])) continue;
    append_words(std::u32string_view(input).substr(start, i - start));
    start = i + 1;
    if (i == input.size()) break;
    const char32_t mark = kokoro_mark(input[i]);
    if (mark == U'\0') continue;
    if (opens(mark)) {
      if (!out.empty() && out.back() != U' ') out.push_back(U' ');
    } else {
      while (!out.empty() && out.back() == U' ') out.pop_back();
    }
    out.push_back(mark);
  }
  return u32_to_utf8(normalize_spaces(out));
}

}  // namespace chorus::kokoro
