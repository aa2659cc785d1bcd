#include "engines/espeak/espeak_ipa_mnemonics.h"

#include <utility>

#include "text/utf8.h"

namespace chorus {
namespace {

// Longest IPA sequences first: the converter takes the first entry that matches.
constexpr std::pair<std::string_view, std::string_view> kTable[] = {
    // Diphthongs and r-coloured vowels (espeak-ng English names).
    {"eɪ", "eI"}, {"aɪ", "aI"}, {"ɔɪ", "OI"}, {"aʊ", "aU"}, {"oʊ", "oU"}, {"əʊ", "oU"},
    {"ɪə", "i@"}, {"ɪɹ", "i@3"}, {"eə", "e@"}, {"ɛə", "e@"}, {"ɛɹ", "e@"}, {"ʊə", "U@"},
    {"ʊɹ", "U@"}, {"ɑːɹ", "A@"}, {"ɑɹ", "A@"}, {"ɔːɹ", "o@"}, {"ɔɹ", "o@"},
    // Long vowels.
    {"ɑː", "A:"}, {"ɜː", "3:"}, {"iː", "i:"}, {"uː", "u:"}, {"ɔː", "O:"},
    // Affricates.
    {"tʃ", "tS"}, {"dʒ", "dZ"}, {"t͡ʃ", "tS"}, {"d͡ʒ", "dZ"}, {"ʧ", "tS"}, {"ʤ", "dZ"},
    // Syllabic consonants.
    {"əl", "@L"}, {"l̩", "@L"}, {"n̩", "n-"},
    // Vowels.
    {"æ", "a"}, {"a", "a"}, {"ɑ", "A:"}, {"ɒ", "0"}, {"ʌ", "V"}, {"ə", "@"}, {"ɐ", "a#"},
    {"ɚ", "3"}, {"ɝ", "3:"}, {"ɜ", "3:"}, {"ɛ", "E"}, {"e", "eI"}, {"ɪ", "I"}, {"ᵻ", "I"},
    {"i", "i"}, {"ʊ", "U"}, {"u", "u:"}, {"ɔ", "O:"}, {"o", "oU"}, {"ᵊ", "@"},
    // Misaki's diphthong letters.
    {"A", "eI"}, {"I", "aI"}, {"O", "oU"}, {"Q", "oU"}, {"W", "aU"}, {"Y", "OI"},
    // Consonants whose names differ from the IPA letter.
    {"θ", "T"}, {"ð", "D"}, {"ʃ", "S"}, {"ʒ", "Z"}, {"ŋ", "N"}, {"ɹ", "r"}, {"ɾ", "t"},
    {"T", "t"}, {"ʔ", "?"}, {"ɡ", "g"}, {"ɫ", "l"}, {"ç", "C"}, {"x", "x"},
    // Stress marks.
    {"ˈ", "'"}, {"ˌ", ","},
    // Consonants written alike.
    {"b", "b"}, {"d", "d"}, {"f", "f"}, {"g", "g"}, {"h", "h"}, {"j", "j"}, {"k", "k"},
};

// The remaining ASCII consonants are their own mnemonics.
bool same_letter(char c) {
  switch (c) {
    case 'l': case 'm': case 'n': case 'p': case 'r': case 's': case 't': case 'v': case 'w':
    case 'z':
      return true;
    default:
      return false;
  }
}

// Marks that carry no phoneme of their own here: length after a vowel the table did not
// lengthen, ties, syllabicity, espeak's own tie '^'.
bool ignorable(char32_t cp) {
  return cp == U'ː' || cp == U'\u0361' || cp == U'\u035C' || cp == U'\u0329' || cp == U'^' ||
         cp == U'.' || cp == U'‿';
}

}  // namespace

EspeakMnemonics ipa_to_espeak_mnemonics(std::string_view ipa) {
  EspeakMnemonics out;
  std::size_t pos = 0;
  while (pos < ipa.size()) {
    if (ipa[pos] == ' ' || ipa[pos] == '\t' || ipa[pos] == '\n') {
      if (!out.phonemes.empty() && out.phonemes.back() != ' ') out.phonemes.push_back(' ');
      ++pos;
      continue;
    }
    bool matched = false;
    for (const auto& [symbol, mnemonic] : kTable) {
      if (ipa.substr(pos, symbol.size()) == symbol) {
        out.phonemes += mnemonic;
        pos += symbol.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (same_letter(ipa[pos])) {
      out.phonemes.push_back(ipa[pos++]);
      continue;
    }
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(ipa, pos);
    if (!ignorable(cp)) out.unknown.emplace_back(ipa.substr(start, pos - start));
  }
  while (!out.phonemes.empty() && out.phonemes.back() == ' ') out.phonemes.pop_back();
  return out;
}

}  // namespace chorus
