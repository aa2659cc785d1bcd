#include "text/number_words.h"

#include <array>

#include "text/language.h"

namespace chorus {

namespace {

const std::array<NumberSpeller, 17>& spellers() {
  static const std::array<NumberSpeller, 17> table{{
      {"en", cardinal_en, ordinal_en, year_en},
      {"es", cardinal_es, ordinal_es, nullptr},
      {"fr", cardinal_fr, ordinal_fr, nullptr},
      {"de", cardinal_de, ordinal_de, year_de},
      {"it", cardinal_it, ordinal_it, nullptr},
      {"pt", cardinal_pt, ordinal_pt, nullptr},
      {"pl", cardinal_pl, ordinal_pl, nullptr},
      {"tr", cardinal_tr, ordinal_tr, nullptr},
      {"ru", cardinal_ru, ordinal_ru, nullptr},
      {"nl", cardinal_nl, ordinal_nl, year_nl},
      {"cs", cardinal_cs, ordinal_cs, nullptr},
      {"ar", cardinal_ar, ordinal_ar, nullptr},
      {"zh", cardinal_zh, ordinal_zh, year_zh},
      {"ja", cardinal_ja, ordinal_ja, nullptr},
      {"hu", cardinal_hu, ordinal_hu, nullptr},
      {"ko", cardinal_ko, ordinal_ko, nullptr},
      {"hi", cardinal_hi, ordinal_hi, year_hi},
  }};
  return table;
}

}  // namespace

const NumberSpeller& number_speller(std::string_view language) {
  const std::string primary = primary_subtag(language);
  for (const auto& s : spellers()) {
    if (s.language == primary) return s;
  }
  return spellers()[0];
}

std::string cardinal_words(std::uint64_t n, std::string_view language, Gender gender) {
  if (n > kMaxSpelledNumber) return digit_words(std::to_string(n), language);
  return number_speller(language).cardinal(n, gender);
}

std::string ordinal_words(std::uint64_t n, std::string_view language, Gender gender) {
  if (n > kMaxSpelledNumber) return digit_words(std::to_string(n), language);
  return number_speller(language).ordinal(n, gender);
}

std::string year_words(std::uint64_t n, std::string_view language) {
  const NumberSpeller& s = number_speller(language);
  return s.year ? s.year(n) : cardinal_words(n, language);
}

std::string digit_words(std::string_view digits, std::string_view language) {
  const NumberSpeller& s = number_speller(language);
  std::string out;
  for (char c : digits) {
    if (c < '0' || c > '9') continue;
    if (!out.empty()) out += ' ';
    out += s.cardinal(static_cast<std::uint64_t>(c - '0'), Gender::kMasculine);
  }
  return out;
}

}  // namespace chorus
