// German and Dutch numbers: written as one word up to a million, units before tens.
#include <array>

#include "text/number_words.h"

namespace chorus {

namespace {

constexpr std::array<std::string_view, 20> kDeUnits{
    "null",  "eins",   "zwei",     "drei",     "vier",     "fünf",    "sechs",
    "sieben", "acht",  "neun",     "zehn",     "elf",      "zwölf",   "dreizehn",
    "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"};
constexpr std::array<std::string_view, 10> kDeTens{"",        "",        "zwanzig", "dreißig",
                                                   "vierzig", "fünfzig", "sechzig", "siebzig",
                                                   "achtzig", "neunzig"};

// final: the number ends here, so 1 is "eins"; inside a compound it is "ein".
std::string de_below_hundred(unsigned n, bool final) {
  if (n == 1) return final ? "eins" : "ein";
  if (n < 20) return std::string(kDeUnits[n]);
  const unsigned u = n % 10;
  if (u == 0) return std::string(kDeTens[n / 10]);
  return std::string(u == 1 ? "ein" : kDeUnits[u]) + "und" + std::string(kDeTens[n / 10]);
}

std::string de_below_thousand(unsigned n, bool final) {
  std::string out;
  if (n >= 100) out = de_below_hundred(n / 100, false) + "hundert";
  if (n % 100) out += de_below_hundred(n % 100, final);
  return out;
}

constexpr std::array<std::string_view, 20> kNlUnits{
    "nul",    "een",    "twee",     "drie",     "vier",      "vijf",     "zes",
    "zeven",  "acht",   "negen",    "tien",     "elf",       "twaalf",   "dertien",
    "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"};
constexpr std::array<std::string_view, 10> kNlTens{"",        "",         "twintig", "dertig",
                                                   "veertig", "vijftig",  "zestig",  "zeventig",
                                                   "tachtig", "negentig"};

std::string nl_below_hundred(unsigned n) {
  if (n < 20) return std::string(kNlUnits[n]);
  const unsigned u = n % 10;
  if (u == 0) return std::string(kNlTens[n / 10]);
  const std::string unit(kNlUnits[u]);
  // "en" takes a diaeresis after a final e: tweeëntwintig, drieëntwintig.
  const bool diaeresis = unit.back() == 'e';
  return unit + (diaeresis ? "ën" : "en") + std::string(kNlTens[n / 10]);
}

std::string nl_below_thousand(unsigned n) {
  std::string out;
  if (n >= 100) out = (n / 100 == 1 ? "" : nl_below_hundred(n / 100)) + "honderd";
  if (n % 100) out += nl_below_hundred(n % 100);
  return out;
}

struct BigName {
  std::uint64_t scale;
  std::string_view one;
  std::string_view many;
};

}  // namespace

std::string cardinal_de(std::uint64_t n, Gender g) {
  if (n == 0) return "null";
  static constexpr std::array<BigName, 3> kBig{{{1'000'000'000'000ULL, "Billion", "Billionen"},
                                                {1'000'000'000ULL, "Milliarde", "Milliarden"},
                                                {1'000'000ULL, "Million", "Millionen"}}};
  std::string out;
  std::uint64_t rest = n;
  for (const auto& b : kBig) {
    const auto count = static_cast<unsigned>(rest / b.scale);
    rest %= b.scale;
    if (count == 0) continue;
    if (!out.empty()) out += ' ';
    out += count == 1 ? "eine " + std::string(b.one)
                      : de_below_thousand(count, true) + " " + std::string(b.many);
  }
  const auto th = static_cast<unsigned>(rest / 1000);
  const auto r = static_cast<unsigned>(rest % 1000);
  std::string small;
  if (th) small = de_below_thousand(th, false) + "tausend";
  if (r) small += de_below_thousand(r, true);
  if (!small.empty()) out = out.empty() ? small : out + " " + small;
  // Before a noun a lone 1 agrees with it: "eine Stunde", "ein Euro" (the packs use the
  // neuter form for masculine and neuter nouns); counting, it is "eins".
  if (g == Gender::kFeminine && out == "eins") return "eine";
  if (g == Gender::kNeuter && out == "eins") return "ein";
  return out;
}

std::string ordinal_de(std::uint64_t n, Gender) {
  std::string w = cardinal_de(n, Gender::kMasculine);
  const auto r = n % 100;
  auto ends = [&](std::string_view s) { return w.size() >= s.size() && w.substr(w.size() - s.size()) == s; };
  if (r >= 1 && r < 20) {
    if (ends("eins")) return w.substr(0, w.size() - 4) + "erste";
    if (ends("drei")) return w.substr(0, w.size() - 4) + "dritte";
    if (ends("sieben")) return w.substr(0, w.size() - 6) + "siebte";
    if (ends("acht")) return w + "e";
    return w + "te";
  }
  if (ends("Million") || ends("Milliarde")) {
    if (ends("e")) w.pop_back();
    return w + "ste";
  }
  return w + "ste";
}

std::string year_de(std::uint64_t n) {
  // 1100-1999 are said in hundreds: neunzehnhundertneunundneunzig.
  if (n >= 1100 && n <= 1999) {
    std::string out = de_below_hundred(static_cast<unsigned>(n / 100), false) + "hundert";
    if (n % 100) out += de_below_hundred(static_cast<unsigned>(n % 100), true);
    return out;
  }
  return cardinal_de(n, Gender::kMasculine);
}

std::string cardinal_nl(std::uint64_t n, Gender) {
  if (n == 0) return "nul";
  static constexpr std::array<BigName, 3> kBig{{{1'000'000'000'000ULL, "biljoen", "biljoen"},
                                                {1'000'000'000ULL, "miljard", "miljard"},
                                                {1'000'000ULL, "miljoen", "miljoen"}}};
  std::string out;
  std::uint64_t rest = n;
  for (const auto& b : kBig) {
    const auto count = static_cast<unsigned>(rest / b.scale);
    rest %= b.scale;
    if (count == 0) continue;
    if (!out.empty()) out += ' ';
    out += nl_below_thousand(count) + " " + std::string(b.one);
  }
  const auto th = static_cast<unsigned>(rest / 1000);
  const auto r = static_cast<unsigned>(rest % 1000);
  std::string small;
  if (th) small = (th == 1 ? "" : nl_below_thousand(th)) + "duizend";
  if (r) small += (th ? " " : "") + nl_below_thousand(r);
  if (!small.empty()) out = out.empty() ? small : out + " " + small;
  return out;
}

std::string ordinal_nl(std::uint64_t n, Gender) {
  std::string w = cardinal_nl(n, Gender::kMasculine);
  auto ends = [&](std::string_view s) { return w.size() >= s.size() && w.substr(w.size() - s.size()) == s; };
  const auto r = n % 100;
  if (r >= 1 && r < 20 && !(n > 100 && r == 0)) {
    if (r == 1 && ends("een")) return w.substr(0, w.size() - 3) + "eerste";
    if (r == 3 && ends("drie")) return w.substr(0, w.size() - 4) + "derde";
    if (r == 8) return w + "ste";
    return w + "de";
  }
  return w + "ste";
}

std::string year_nl(std::uint64_t n) {
  // 1100-1999 drop "honderd" when spoken: negentien negenennegentig.
  if (n >= 1100 && n <= 1999) {
    const auto low = static_cast<unsigned>(n % 100);
    std::string out = nl_below_hundred(static_cast<unsigned>(n / 100));
    if (low == 0) return out + "honderd";
    return out + " " + nl_below_hundred(low);
  }
  return cardinal_nl(n, Gender::kMasculine);
}

}  // namespace chorus
