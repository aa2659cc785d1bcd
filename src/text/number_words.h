#pragma once
// Numbers spelled out in words, per language: en es fr de it pt pl tr ru nl cs ar zh ja hu ko
// hi have a speller; other languages fall back to English.
#include <cstdint>
#include <string>
#include <string_view>

namespace chorus {

enum class Gender { kMasculine, kFeminine, kNeuter };

// Largest number spelled as words; longer digit strings are read digit by digit.
inline constexpr std::uint64_t kMaxSpelledNumber = 999'999'999'999'999ULL;

std::string cardinal_words(std::uint64_t n, std::string_view language,
                           Gender gender = Gender::kMasculine);
std::string ordinal_words(std::uint64_t n, std::string_view language,
                          Gender gender = Gender::kMasculine);
// Years as people say them where that differs from the cardinal ("nineteen ninety-nine").
std::string year_words(std::uint64_t n, std::string_view language);
// Reads each digit ("0451" -> "zero four five one"); non-digits are skipped.
std::string digit_words(std::string_view digits, std::string_view language);

// Per-language spellers, registered in number_words.cpp.
struct NumberSpeller {
  std::string_view language;
  std::string (*cardinal)(std::uint64_t n, Gender gender);
  std::string (*ordinal)(std::uint64_t n, Gender gender);
  std::string (*year)(std::uint64_t n);  // nullptr: the cardinal
};

const NumberSpeller& number_speller(std::string_view language);

// Language spellers (numbers_*.cpp).
std::string cardinal_en(std::uint64_t n, Gender g);
std::string ordinal_en(std::uint64_t n, Gender g);
std::string year_en(std::uint64_t n);
std::string cardinal_es(std::uint64_t n, Gender g);
std::string ordinal_es(std::uint64_t n, Gender g);
std::string cardinal_fr(std::uint64_t n, Gender g);
std::string ordinal_fr(std::uint64_t n, Gender g);
std::string cardinal_it(std::uint64_t n, Gender g);
std::string ordinal_it(std::uint64_t n, Gender g);
std::string cardinal_pt(std::uint64_t n, Gender g);
std::string ordinal_pt(std::uint64_t n, Gender g);
std::string cardinal_de(std::uint64_t n, Gender g);
std::string ordinal_de(std::uint64_t n, Gender g);
std::string year_de(std::uint64_t n);
std::string cardinal_nl(std::uint64_t n, Gender g);
std::string ordinal_nl(std::uint64_t n, Gender g);
std::string year_nl(std::uint64_t n);
std::string cardinal_ru(std::uint64_t n, Gender g);
std::string ordinal_ru(std::uint64_t n, Gender g);
std::string ordinal_genitive_ru(std::uint64_t n);
std::string cardinal_pl(std::uint64_t n, Gender g);
std::string ordinal_pl(std::uint64_t n, Gender g);
std::string ordinal_genitive_pl(std::uint64_t n);
std::string cardinal_cs(std::uint64_t n, Gender g);
std::string ordinal_cs(std::uint64_t n, Gender g);
std::string ordinal_genitive_cs(std::uint64_t n);
std::string cardinal_tr(std::uint64_t n, Gender g);
std::string ordinal_tr(std::uint64_t n, Gender g);
std::string cardinal_hu(std::uint64_t n, Gender g);
std::string ordinal_hu(std::uint64_t n, Gender g);
std::string cardinal_ar(std::uint64_t n, Gender g);
std::string ordinal_ar(std::uint64_t n, Gender g);
std::string cardinal_hi(std::uint64_t n, Gender g);
std::string ordinal_hi(std::uint64_t n, Gender g);
std::string year_hi(std::uint64_t n);
std::string cardinal_zh(std::uint64_t n, Gender g);
std::string ordinal_zh(std::uint64_t n, Gender g);
std::string year_zh(std::uint64_t n);
std::string cardinal_ja(std::uint64_t n, Gender g);
std::string ordinal_ja(std::uint64_t n, Gender g);
std::string cardinal_ko(std::uint64_t n, Gender g);
std::string ordinal_ko(std::uint64_t n, Gender g);
std::string hour_ko(unsigned h);

}  // namespace chorus
