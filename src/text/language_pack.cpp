#include "text/language_pack.h"

#include <array>

#include "text/language.h"

namespace chorus {

namespace {

struct PackEntry {
  std::string_view language;
  const LanguagePack& (*get)();
};

constexpr std::array<PackEntry, 17> kPacks{{
    {"en", language_pack_en}, {"es", language_pack_es}, {"fr", language_pack_fr},
    {"de", language_pack_de}, {"it", language_pack_it}, {"pt", language_pack_pt},
    {"pl", language_pack_pl}, {"tr", language_pack_tr}, {"ru", language_pack_ru},
    {"nl", language_pack_nl}, {"cs", language_pack_cs}, {"ar", language_pack_ar},
    {"zh", language_pack_zh}, {"ja", language_pack_ja}, {"hu", language_pack_hu},
    {"ko", language_pack_ko}, {"hi", language_pack_hi},
}};

}  // namespace

const LanguagePack& language_pack(std::string_view language) {
  const std::string primary = primary_subtag(language);
  for (const auto& p : kPacks) {
    if (p.language == primary) return p.get();
  }
  return language_pack_en();
}

bool has_language_pack(std::string_view language) {
  const std::string primary = primary_subtag(language);
  for (const auto& p : kPacks) {
    if (p.language == primary) return true;
  }
  return false;
}

PluralCategory plural_simple(std::uint64_t n) {
  return n == 1 ? PluralCategory::kOne : PluralCategory::kMany;
}

PluralCategory plural_french(std::uint64_t n) {
  return n <= 1 ? PluralCategory::kOne : PluralCategory::kMany;
}

PluralCategory plural_east_slavic(std::uint64_t n) {
  const auto m10 = n % 10;
  const auto m100 = n % 100;
  if (m10 == 1 && m100 != 11) return PluralCategory::kOne;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return PluralCategory::kFew;
  return PluralCategory::kMany;
}

PluralCategory plural_polish(std::uint64_t n) {
  if (n == 1) return PluralCategory::kOne;
  const auto m10 = n % 10;
  const auto m100 = n % 100;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return PluralCategory::kFew;
  return PluralCategory::kMany;
}

PluralCategory plural_czech(std::uint64_t n) {
  if (n == 1) return PluralCategory::kOne;
  if (n >= 2 && n <= 4) return PluralCategory::kFew;
  return PluralCategory::kMany;
}

PluralCategory plural_none(std::uint64_t) { return PluralCategory::kMany; }

std::string_view noun_form(const NounForms& forms, const LanguagePack& pack, std::uint64_t n) {
  switch (pack.plural(n)) {
    case PluralCategory::kOne: return forms.one;
    case PluralCategory::kFew: return forms.few;
    case PluralCategory::kMany: return forms.many;
  }
  return forms.many;
}

}  // namespace chorus
