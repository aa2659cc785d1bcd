#pragma once
// Everything language-specific the normalizer needs, as data: one LanguagePack per language
// (language_pack_<lang>.cpp). The rules in normalizer_*.cpp only read these tables.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/number_words.h"

namespace chorus {

enum class PluralCategory { kOne, kFew, kMany };

PluralCategory plural_simple(std::uint64_t n);    // 1 -> one, else many
PluralCategory plural_french(std::uint64_t n);    // 0 and 1 -> one
PluralCategory plural_east_slavic(std::uint64_t n);  // ru: 1, 21 one; 2-4, 22-24 few
PluralCategory plural_polish(std::uint64_t n);    // 1 only one; 2-4, 22-24 few
PluralCategory plural_czech(std::uint64_t n);     // 1 one; 2-4 few
PluralCategory plural_none(std::uint64_t n);      // languages whose nouns do not inflect

// A noun in the forms numbers need: "one" after 1, "few" after 2-4 in Slavic languages,
// "many" otherwise. Languages without a few-form repeat the many-form.
struct NounForms {
  std::string_view one{};
  std::string_view few{};
  std::string_view many{};
  Gender gender = Gender::kMasculine;
};

struct CurrencyWords {
  std::string_view code;                  // ISO 4217, "USD"
  std::vector<std::string_view> symbols;  // "$", "US$"
  NounForms major;                        // dollar / dollars
  NounForms minor;                        // cent / cents (empty one: no minor unit)
};

struct UnitWords {
  std::string_view symbol;  // as written after a number: "km", "°C", "GB"
  NounForms name;
};

enum class AbbreviationWhen {
  kAlways,
  kBeforeNumber,   // "No. 5" but not "No. I won't."
  kBeforeCapital,  // "St. Louis" (Saint), whereas "Main St." falls through to "Street"
};

struct Abbreviation {
  std::string_view written;    // as written, with its period: "Dr.", "z.B."
  std::string_view expansion;  // "doctor"
  AbbreviationWhen when = AbbreviationWhen::kAlways;
};

enum class DateOrder { kDayMonthYear, kMonthDayYear, kYearMonthDay };

struct LanguagePack {
  std::string_view language{};
  // Number syntax.
  std::string_view decimal_separators{};  // accepted decimal marks, first is the usual one
  std::string_view group_separators{};    // thousands separators (UTF-8, any of these code points)
  PluralCategory (*plural)(std::uint64_t n) = plural_simple;
  // Words.
  std::string_view minus{};
  std::string_view point{};     // spoken decimal mark: "point", "Komma"
  std::string_view and_word{};  // joins major and minor currency units: "and", "y"
  std::string_view range_to{};  // "10-20": "to", "bis"
  std::string_view over{};          // fractions other than the named ones: "3/7" -> "3 over 7"
  std::string_view magnitude_of{};  // between "million" and the currency: "de" (millones de dólares)
  NounForms percent{};
  bool percent_before = false;             // "yüzde elli", "百分之五十"
  bool fraction_denominator_first = false;  // "四分之三": denominator, word, numerator
  std::array<NounForms, 4> magnitudes{};  // thousand, million, billion, trillion (as nouns)
  std::array<std::string_view, 12> months{};
  // Time: templates with {h} hour, {hn} hour noun, {m} minutes, {mn} minute noun.
  std::string_view time_hm{};
  std::string_view time_h{};
  Gender hour_gender = Gender::kMasculine;
  Gender minute_gender = Gender::kMasculine;
  NounForms hour_noun{};
  NounForms minute_noun{};
  std::string (*hour_words)(unsigned h) = nullptr;  // Korean counts hours natively
  // Words written after a time that the template already says ("14:30 Uhr").
  std::vector<std::string_view> time_suffix_words{};
  // Dates: {d} day, {m} month name, {y} year.
  std::string_view date_template{};
  bool day_is_ordinal = false;
  bool first_day_ordinal = false;  // "premier mai", "primo maggio": only day 1 is ordinal
  Gender day_gender = Gender::kMasculine;
  std::string (*day_words)(std::uint64_t d) = nullptr;      // overrides the above (Slavic cases)
  std::string (*year_in_date)(std::uint64_t y) = nullptr;   // "двадцать четвёртого года"
  // German ordinal endings depend on the word before the date ("am dritten", "dritter").
  std::string_view day_suffix{};
  std::vector<std::pair<std::string_view, std::string_view>> day_suffix_after{};
  DateOrder numeric_date_order = DateOrder::kDayMonthYear;
  std::vector<CurrencyWords> currencies{};
  std::vector<UnitWords> units{};
  std::vector<Abbreviation> abbreviations{};
  // Symbol words: pairs of symbol and word.
  std::vector<std::pair<std::string_view, std::string_view>> symbols{};
  // Web words.
  std::string_view dot{};
  std::string_view at{};
  std::string_view slash{};
  std::string_view hashtag{};
  // Words after which a four-digit number is read as a year ("in 1999").
  std::vector<std::string_view> year_context{};
  // Written after a number, mark it as a year ("2024年").
  std::vector<std::string_view> year_suffixes{};
  bool no_spaces = false;  // written without spaces: words are joined directly
  // Ordinal markers written after digits: "st", "nd", "er", "º", "-й".
  std::vector<std::string_view> ordinal_suffixes{};
  Gender ordinal_suffix_gender = Gender::kMasculine;
  std::vector<std::string_view> feminine_ordinal_suffixes{};  // "ª", "-я"
};

// The pack for a tag (primary subtag decides); English for unknown languages.
const LanguagePack& language_pack(std::string_view language);
bool has_language_pack(std::string_view language);


std::string_view noun_form(const NounForms& forms, const LanguagePack& pack, std::uint64_t n);

// Packs (language_pack_*.cpp).
const LanguagePack& language_pack_en();
const LanguagePack& language_pack_es();
const LanguagePack& language_pack_fr();
const LanguagePack& language_pack_it();
const LanguagePack& language_pack_pt();
const LanguagePack& language_pack_de();
const LanguagePack& language_pack_nl();
const LanguagePack& language_pack_ru();
const LanguagePack& language_pack_pl();
const LanguagePack& language_pack_cs();
const LanguagePack& language_pack_tr();
const LanguagePack& language_pack_hu();
const LanguagePack& language_pack_ar();
const LanguagePack& language_pack_hi();
const LanguagePack& language_pack_zh();
const LanguagePack& language_pack_ja();
const LanguagePack& language_pack_ko();

}  // namespace chorus
