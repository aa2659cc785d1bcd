#include "engines/kokoro/kokoro_ipa_tables.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "engines/kokoro/kokoro_vocab.h"

namespace chorus::kokoro {
namespace {

using Rule = std::pair<std::u32string_view, std::u32string_view>;

void replace_all(std::u32string& s, std::u32string_view from, std::u32string_view to) {
  if (from.empty()) return;
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::u32string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

void erase_all(std::u32string& s, char32_t c) { std::erase(s, c); }

// misaki EspeakG2P (non-English).
constexpr Rule kOtherRules[] = {
    {U"a^ɪ", U"I"}, {U"a^ʊ", U"W"}, {U"d^z", U"ʣ"}, {U"d^ʒ", U"ʤ"}, {U"e^ɪ", U"A"}, {U"o^ʊ", U"O"},
    {U"ə^ʊ", U"Q"}, {U"s^s", U"S"}, {U"t^s", U"ʦ"}, {U"t^ʃ", U"ʧ"}, {U"ɔ^ɪ", U"Y"},
};

// misaki EspeakFallback (English); applied longest key first, as misaki sorts them.
constexpr Rule kEnglishRules[] = {
    {U"ʔˌn\u0329", U"tn"}, {U"ʔn\u0329", U"tn"}, {U"ʔn", U"tn"}, {U"ʔ", U"t"},
    {U"a^ɪ", U"I"},        {U"a^ʊ", U"W"},       {U"d^ʒ", U"ʤ"}, {U"e^ɪ", U"A"},
    {U"e", U"A"},          {U"t^ʃ", U"ʧ"},       {U"ɔ^ɪ", U"Y"}, {U"ə^l", U"ᵊl"},
    {U"ʲo", U"jo"},        {U"ʲə", U"jə"},       {U"ʲ", U""},    {U"ɚ", U"əɹ"},
    {U"r", U"ɹ"},          {U"x", U"k"},         {U"ç", U"k"},   {U"ɐ", U"ə"},
    {U"ɬ", U"l"},          {U"\u0303", U""},
};

const std::vector<Rule>& english_rules() {
  static const std::vector<Rule> rules = [] {
    std::vector<Rule> v(std::begin(kEnglishRules), std::end(kEnglishRules));
    std::stable_sort(v.begin(), v.end(),
                     [](const Rule& a, const Rule& b) { return a.first.size() > b.first.size(); });
    return v;
  }();
  return rules;
}

// A syllabic consonant X + U+0329 is what Kokoro writes as a schwa before X: "ᵊX".
void rewrite_syllabic(std::u32string& s) {
  std::u32string out;
  out.reserve(s.size() + 4);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i + 1 < s.size() && s[i + 1] == U'\u0329' && s[i] != U' ') {
      out.push_back(U'ᵊ');
      out.push_back(s[i]);
      ++i;
    } else if (s[i] != U'\u0329') {
      out.push_back(s[i]);
    }
  }
  s = std::move(out);
}

}  // namespace

std::string postprocess_espeak_ipa(std::string_view ipa) {
  std::u32string s = utf8_to_u32(ipa);
  for (const auto& [from, to] : kOtherRules) replace_all(s, from, to);
  erase_all(s, U'^');
  erase_all(s, U'-');
  std::replace(s.begin(), s.end(), U'«', U'(');
  std::replace(s.begin(), s.end(), U'»', U')');
  return u32_to_utf8(s);
}

std::string postprocess_english_ipa(std::string_view ipa, bool british, bool old_espeak) {
  std::u32string s = utf8_to_u32(ipa);
  for (const auto& [from, to] : english_rules()) replace_all(s, from, to);
  rewrite_syllabic(s);
  if (british) {
    replace_all(s, U"e^ə", U"ɛː");
    replace_all(s, U"iə", U"ɪə");
    replace_all(s, U"ə^ʊ", U"Q");
  } else {
    replace_all(s, U"o^ʊ", U"O");
    replace_all(s, U"ɜːɹ", U"ɜɹ");
    replace_all(s, U"ɜː", U"ɜɹ");
    replace_all(s, U"ɪə", U"iə");
    erase_all(s, U'ː');
  }
  if (old_espeak) std::replace(s.begin(), s.end(), U'o', U'ɔ');
  erase_all(s, U'^');
  // espeak marks morpheme boundaries with '-' in some words; Kokoro has no such symbol.
  erase_all(s, U'-');
  return u32_to_utf8(s);
}

std::string protect_brackets(std::string_view text) {
  std::u32string s = utf8_to_u32(text);
  std::replace(s.begin(), s.end(), U'«', U'“');
  std::replace(s.begin(), s.end(), U'»', U'”');
  std::replace(s.begin(), s.end(), U'(', U'«');
  std::replace(s.begin(), s.end(), U')', U'»');
  return u32_to_utf8(s);
}

}  // namespace chorus::kokoro
