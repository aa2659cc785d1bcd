// Turkish and Hungarian numbers (agglutinative: ordinals are suffixes with vowel harmony).
#include <array>

#include "text/number_words.h"

namespace chorus {

namespace {

constexpr std::array<std::string_view, 10> kTrUnits{"sıfır", "bir",   "iki",   "üç",    "dört",
                                                    "beş",   "altı",  "yedi",  "sekiz", "dokuz"};
constexpr std::array<std::string_view, 10> kTrTens{"",      "on",     "yirmi",  "otuz",  "kırk",
                                                   "elli",  "altmış", "yetmiş", "seksen", "doksan"};

std::string tr_below_thousand(unsigned n) {
  std::string out;
  auto add = [&](std::string_view w) {
    if (!out.empty()) out += ' ';
    out += w;
  };
  if (n >= 100) {
    if (n / 100 > 1) add(kTrUnits[n / 100]);
    add("yüz");
  }
  if ((n % 100) / 10) add(kTrTens[(n % 100) / 10]);
  if (n % 10) add(kTrUnits[n % 10]);
  return out;
}

// The last vowel decides the suffix vowel (Turkish four-way harmony).
std::string_view tr_harmony(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kVowels{
      {{"a", "ı"}, {"ı", "ı"}, {"e", "i"}, {"i", "i"}, {"o", "u"}, {"u", "u"}, {"ö", "ü"}, {"ü", "ü"}}};
  std::size_t best = std::string_view::npos;
  std::string_view result = "i";
  for (const auto& [v, h] : kVowels) {
    const auto p = word.rfind(v);
    if (p != std::string_view::npos && (best == std::string_view::npos || p > best)) {
      best = p;
      result = h;
    }
  }
  return result;
}

constexpr std::array<std::string_view, 10> kHuUnits{"nulla", "egy", "kettő", "három", "négy",
                                                    "öt",    "hat", "hét",   "nyolc", "kilenc"};
constexpr std::array<std::string_view, 10> kHuTensAlone{"",       "tíz",    "húsz",    "harminc",
                                                        "negyven", "ötven", "hatvan", "hetven",
                                                        "nyolcvan", "kilencven"};
constexpr std::array<std::string_view, 10> kHuTensJoined{"",        "tizen",  "huszon",  "harminc",
                                                         "negyven", "ötven",  "hatvan",  "hetven",
                                                         "nyolcvan", "kilencven"};

// Inside compounds 2 is "két" (kétszáz, kétezer); at the end it is "kettő".
std::string hu_below_thousand(unsigned n, bool final) {
  std::string out;
  if (n >= 100) {
    const unsigned h = n / 100;
    if (h > 1) out += h == 2 ? "két" : std::string(kHuUnits[h]);
    out += "száz";
  }
  const unsigned r = n % 100;
  const unsigned t = r / 10;
  const unsigned u = r % 10;
  if (u == 0) {
    out += kHuTensAlone[t];
  } else {
    out += kHuTensJoined[t];
    out += (u == 2 && !final) ? "két" : std::string(kHuUnits[u]);
  }
  return out;
}

// Ordinal endings replacing the last element of the cardinal.
constexpr std::array<std::pair<std::string_view, std::string_view>, 21> kHuOrdinalEndings{{
    {"millió", "milliomodik"},
    {"egy", "egyedik"},       {"kettő", "kettedik"},     {"három", "harmadik"},
    {"négy", "negyedik"},     {"öt", "ötödik"},          {"hat", "hatodik"},
    {"hét", "hetedik"},       {"nyolc", "nyolcadik"},    {"kilenc", "kilencedik"},
    {"tíz", "tizedik"},       {"húsz", "huszadik"},      {"harminc", "harmincadik"},
    {"negyven", "negyvenedik"}, {"ötven", "ötvenedik"},  {"hatvan", "hatvanadik"},
    {"hetven", "hetvenedik"}, {"nyolcvan", "nyolcvanadik"}, {"kilencven", "kilencvenedik"},
    {"száz", "századik"},     {"ezer", "ezredik"},
}};

}  // namespace

std::string cardinal_tr(std::uint64_t n, Gender) {
  if (n == 0) return "sıfır";
  static constexpr std::array<std::pair<std::uint64_t, std::string_view>, 4> kBig{
      {{1'000'000'000'000ULL, "trilyon"}, {1'000'000'000ULL, "milyar"}, {1'000'000ULL, "milyon"}, {1000ULL, "bin"}}};
  std::string out;
  std::uint64_t rest = n;
  for (const auto& [scale, name] : kBig) {
    const auto count = static_cast<unsigned>(rest / scale);
    rest %= scale;
    if (count == 0) continue;
    if (!out.empty()) out += ' ';
    // "bin" alone means one thousand; the other scales say "bir milyon".
    if (!(count == 1 && scale == 1000)) out += tr_below_thousand(count) + " ";
    out += name;
  }
  if (rest) {
    if (!out.empty()) out += ' ';
    out += tr_below_thousand(static_cast<unsigned>(rest));
  }
  return out;
}

std::string ordinal_tr(std::uint64_t n, Gender) {
  std::string w = cardinal_tr(n, Gender::kMasculine);
  const std::string_view v = tr_harmony(w);
  // dört -> dördüncü: the final t softens before a vowel.
  if (w.size() >= 5 && w.substr(w.size() - 5) == "dört") w.replace(w.size() - 1, 1, "d");
  static constexpr std::string_view kVowels = "aeıioöuü";
  const std::string last = w.substr(w.size() - (static_cast<unsigned char>(w.back()) >= 0x80 ? 2 : 1));
  const bool ends_in_vowel = kVowels.find(last) != std::string_view::npos;
  return w + (ends_in_vowel ? "" : std::string(v)) + "nc" + std::string(v);
}

std::string cardinal_hu(std::uint64_t n, Gender) {
  if (n == 0) return "nulla";
  static constexpr std::array<std::pair<std::uint64_t, std::string_view>, 4> kBig{
      {{1'000'000'000'000ULL, "billió"}, {1'000'000'000ULL, "milliárd"}, {1'000'000ULL, "millió"}, {1000ULL, "ezer"}}};
  std::string out;
  std::uint64_t rest = n;
  // Above 2000 the groups are joined with hyphens: kétezer-huszonnégy.
  const bool hyphens = n > 2000;
  for (const auto& [scale, name] : kBig) {
    const auto count = static_cast<unsigned>(rest / scale);
    rest %= scale;
    if (count == 0) continue;
    if (!out.empty()) out += hyphens ? "-" : "";
    if (!(count == 1 && scale == 1000)) out += hu_below_thousand(count, false);
    out += name;
  }
  if (rest) {
    if (!out.empty()) out += hyphens ? "-" : "";
    out += hu_below_thousand(static_cast<unsigned>(rest), true);
  }
  return out;
}

std::string ordinal_hu(std::uint64_t n, Gender) {
  if (n == 1) return "első";
  if (n == 2) return "második";
  const std::string w = cardinal_hu(n, Gender::kMasculine);
  for (const auto& [card, ord] : kHuOrdinalEndings) {
    if (w.size() >= card.size() && w.substr(w.size() - card.size()) == card) {
      return w.substr(0, w.size() - card.size()) + std::string(ord);
    }
  }
  return w + "odik";
}

}  // namespace chorus
