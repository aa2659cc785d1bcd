// Arabic (Modern Standard, nominative, masculine counting forms) and Hindi numbers.
#include <array>

#include "text/number_words.h"

namespace chorus {

namespace {

constexpr std::array<std::string_view, 11> kArUnits{
    "صفر", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"};
constexpr std::array<std::string_view, 10> kArTens{
    "", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"};
constexpr std::array<std::string_view, 10> kArHundreds{
    "", "مئة", "مئتان", "ثلاثمئة", "أربعمئة", "خمسمئة", "ستمئة", "سبعمئة", "ثمانمئة", "تسعمئة"};

std::string ar_below_hundred(unsigned n) {
  if (n <= 10) return std::string(kArUnits[n]);
  if (n == 11) return "أحد عشر";
  if (n == 12) return "اثنا عشر";
  if (n < 20) return std::string(kArUnits[n - 10]) + " عشر";
  const unsigned u = n % 10;
  if (u == 0) return std::string(kArTens[n / 10]);
  return std::string(kArUnits[u]) + " و" + std::string(kArTens[n / 10]);
}

std::string ar_below_thousand(unsigned n) {
  std::string out;
  if (n >= 100) out = kArHundreds[n / 100];
  if (n % 100) out = out.empty() ? ar_below_hundred(n % 100) : out + " و" + ar_below_hundred(n % 100);
  return out;
}

struct ArScale {
  std::uint64_t value;
  std::string_view one, two, plural;  // 1, 2, 3-10; 11+ uses `one`
};

constexpr std::array<std::string_view, 100> kHiBelowHundred{
    "शून्य", "एक", "दो", "तीन", "चार", "पाँच", "छह", "सात", "आठ", "नौ",
    "दस", "ग्यारह", "बारह", "तेरह", "चौदह", "पंद्रह", "सोलह", "सत्रह", "अठारह", "उन्नीस",
    "बीस", "इक्कीस", "बाईस", "तेईस", "चौबीस", "पच्चीस", "छब्बीस", "सत्ताईस", "अट्ठाईस", "उनतीस",
    "तीस", "इकतीस", "बत्तीस", "तैंतीस", "चौंतीस", "पैंतीस", "छत्तीस", "सैंतीस", "अड़तीस", "उनतालीस",
    "चालीस", "इकतालीस", "बयालीस", "तैंतालीस", "चवालीस", "पैंतालीस", "छियालीस", "सैंतालीस", "अड़तालीस", "उनचास",
    "पचास", "इक्यावन", "बावन", "तिरेपन", "चौवन", "पचपन", "छप्पन", "सत्तावन", "अट्ठावन", "उनसठ",
    "साठ", "इकसठ", "बासठ", "तिरसठ", "चौंसठ", "पैंसठ", "छियासठ", "सड़सठ", "अड़सठ", "उनहत्तर",
    "सत्तर", "इकहत्तर", "बहत्तर", "तिहत्तर", "चौहत्तर", "पचहत्तर", "छिहत्तर", "सतहत्तर", "अठहत्तर", "उन्यासी",
    "अस्सी", "इक्यासी", "बयासी", "तिरासी", "चौरासी", "पचासी", "छियासी", "सत्तासी", "अट्ठासी", "नवासी",
    "नब्बे", "इक्यानवे", "बानवे", "तिरानवे", "चौरानवे", "पचानवे", "छियानवे", "सत्तानवे", "अट्ठानवे", "निन्यानवे"};

}  // namespace

std::string cardinal_ar(std::uint64_t n, Gender) {
  if (n == 0) return "صفر";
  static constexpr std::array<ArScale, 4> kScales{{
      {1'000'000'000'000ULL, "تريليون", "تريليونان", "تريليونات"},
      {1'000'000'000ULL, "مليار", "ملياران", "مليارات"},
      {1'000'000ULL, "مليون", "مليونان", "ملايين"},
      {1000ULL, "ألف", "ألفان", "آلاف"},
  }};
  std::string out;
  std::uint64_t rest = n;
  for (const auto& s : kScales) {
    const auto count = static_cast<unsigned>(rest / s.value);
    rest %= s.value;
    if (count == 0) continue;
    std::string w;
    if (count == 1) {
      w = s.one;
    } else if (count == 2) {
      w = s.two;
    } else if (count <= 10) {
      w = ar_below_thousand(count) + " " + std::string(s.plural);
    } else {
      w = ar_below_thousand(count) + " " + std::string(s.one);
    }
    out = out.empty() ? w : out + " و" + w;
  }
  if (rest) {
    const std::string w = ar_below_thousand(static_cast<unsigned>(rest));
    out = out.empty() ? w : out + " و" + w;
  }
  return out;
}

std::string ordinal_ar(std::uint64_t n, Gender g) {
  static constexpr std::array<std::string_view, 11> kMasc{
      "", "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"};
  static constexpr std::array<std::string_view, 11> kFem{
      "", "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة", "العاشرة"};
  if (n >= 1 && n <= 10) return std::string(g == Gender::kFeminine ? kFem[n] : kMasc[n]);
  // Larger ordinals are read as "number N" (الرقم), which is correct if plain.
  return "رقم " + cardinal_ar(n, g);
}

std::string cardinal_hi(std::uint64_t n, Gender) {
  if (n < 100) return std::string(kHiBelowHundred[n]);
  // Indian grouping: crore (10^7), lakh (10^5), thousand, hundred.
  std::string out;
  auto add = [&](const std::string& w) { out = out.empty() ? w : out + " " + w; };
  const std::uint64_t crore = n / 10'000'000;
  if (crore) add(cardinal_hi(crore, Gender::kMasculine) + " करोड़");
  const auto lakh = static_cast<unsigned>((n / 100'000) % 100);
  if (lakh) add(std::string(kHiBelowHundred[lakh]) + " लाख");
  const auto thousand = static_cast<unsigned>((n / 1000) % 100);
  if (thousand) add(std::string(kHiBelowHundred[thousand]) + " हज़ार");
  const auto hundred = static_cast<unsigned>((n / 100) % 10);
  if (hundred) add(std::string(kHiBelowHundred[hundred]) + " सौ");
  const auto rest = static_cast<unsigned>(n % 100);
  if (rest) add(std::string(kHiBelowHundred[rest]));
  return out;
}

std::string ordinal_hi(std::uint64_t n, Gender g) {
  static constexpr std::array<std::string_view, 7> kMasc{"", "पहला", "दूसरा", "तीसरा", "चौथा", "पाँचवाँ", "छठा"};
  static constexpr std::array<std::string_view, 7> kFem{"", "पहली", "दूसरी", "तीसरी", "चौथी", "पाँचवीं", "छठी"};
  if (n >= 1 && n <= 6) return std::string(g == Gender::kFeminine ? kFem[n] : kMasc[n]);
  return cardinal_hi(n, g) + (g == Gender::kFeminine ? "वीं" : "वाँ");
}

std::string year_hi(std::uint64_t n) {
  // 1100-1999 are said in hundreds: उन्नीस सौ निन्यानवे.
  if (n >= 1100 && n <= 1999) {
    std::string out = std::string(kHiBelowHundred[n / 100]) + " सौ";
    if (n % 100) out += " " + std::string(kHiBelowHundred[n % 100]);
    return out;
  }
  return cardinal_hi(n, Gender::kMasculine);
}

}  // namespace chorus
