#include <array>

#include "text/number_words.h"

namespace chorus {

namespace {

constexpr std::array<std::string_view, 20> kUnits{
    "zero",    "one",     "two",       "three",    "four",     "five",    "six",
    "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
constexpr std::array<std::string_view, 10> kTens{
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
constexpr std::array<std::string_view, 5> kScales{"", "thousand", "million", "billion",
                                                   "trillion"};

std::string below_thousand(unsigned n) {
  std::string out;
  if (n >= 100) {
    out = std::string(kUnits[n / 100]) + " hundred";
    n %= 100;
    if (n == 0) return out;
    out += ' ';
  }
  if (n < 20) return out + std::string(kUnits[n]);
  out += kTens[n / 10];
  if (n % 10) out += "-" + std::string(kUnits[n % 10]);
  return out;
}

// Irregular ordinal endings; the rest add "th" (twenty -> twentieth via the y rule).
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kOrdinalIrregular{{
    {"one", "first"}, {"two", "second"}, {"three", "third"},
    {"five", "fifth"}, {"eight", "eighth"}, {"nine", "ninth"},
}};

}  // namespace

std::string cardinal_en(std::uint64_t n, Gender) {
  if (n == 0) return "zero";
  std::string out;
  std::uint64_t scale = 1'000'000'000'000ULL;
  for (int i = 4; i >= 0; --i, scale /= 1000) {
    const auto group = static_cast<unsigned>((n / scale) % 1000);
    if (group == 0) continue;
    if (!out.empty()) out += ' ';
    out += below_thousand(group);
    if (i > 0) out += " " + std::string(kScales[static_cast<std::size_t>(i)]);
  }
  return out;
}

std::string ordinal_en(std::uint64_t n, Gender g) {
  std::string words = cardinal_en(n, g);
  const auto cut = words.find_last_of(" -");
  const std::size_t start = cut == std::string::npos ? 0 : cut + 1;
  const std::string last = words.substr(start);
  for (const auto& [card, ord] : kOrdinalIrregular) {
    if (last == card) return words.substr(0, start) + std::string(ord);
  }
  if (last == "twelve") return words.substr(0, start) + "twelfth";
  if (!last.empty() && last.back() == 'y') return words.substr(0, words.size() - 1) + "ieth";
  return words + "th";
}

std::string year_en(std::uint64_t n) {
  if (n < 1000 || n > 9999 || n % 1000 == 0 || (n >= 2000 && n < 2010)) return cardinal_en(n, {});
  const auto high = static_cast<unsigned>(n / 100);
  const auto low = static_cast<unsigned>(n % 100);
  std::string out = below_thousand(high);
  if (low == 0) return out + " hundred";
  if (low < 10) return out + " oh " + std::string(kUnits[low]);
  return out + " " + below_thousand(low);
}

}  // namespace chorus
