// Spanish, French, Italian and Portuguese numbers.
#include <array>
#include <tuple>

#include "text/number_words.h"

namespace chorus {

namespace {

using Words = std::array<std::string_view, 30>;

std::string feminine_o(std::string s) {
  // Ordinal adjectives: every word's final -o becomes -a ("vigésima primera").
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == 'o' && (i + 1 == s.size() || s[i + 1] == ' ')) s[i] = 'a';
  }
  return s;
}

// ---------------- Spanish ----------------
constexpr Words kEsUnits{"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete",
                         "ocho", "nueve", "diez", "once", "doce", "trece", "catorce", "quince",
                         "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte",
                         "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco",
                         "veintiséis", "veintisiete", "veintiocho", "veintinueve"};
constexpr std::array<std::string_view, 10> kEsTens{"",        "",         "",        "treinta",
                                                   "cuarenta", "cincuenta", "sesenta", "setenta",
                                                   "ochenta", "noventa"};
constexpr std::array<std::string_view, 10> kEsHundreds{
    "",           "ciento",       "doscientos", "trescientos", "cuatrocientos",
    "quinientos", "seiscientos", "setecientos", "ochocientos", "novecientos"};

// apocope: "uno" -> "un" before a noun ("veintiún mil", "un millón").
std::string es_below_thousand(unsigned n, Gender g, bool apocope) {
  std::string out;
  const unsigned h = n / 100;
  const unsigned r = n % 100;
  if (h > 0) {
    std::string hw = (h == 1 && r == 0) ? "cien" : std::string(kEsHundreds[h]);
    if (g == Gender::kFeminine && h > 1) hw = hw.substr(0, hw.size() - 2) + "as";
    out = hw;
    if (r == 0) return out;
    out += ' ';
  }
  std::string rw;
  if (r < 30) {
    rw = kEsUnits[r];
  } else {
    rw = kEsTens[r / 10];
    if (r % 10) rw += " y " + std::string(kEsUnits[r % 10]);
  }
  if (r % 10 == 1 && r != 11) {
    if (apocope) {
      rw = r == 21 ? rw.substr(0, rw.size() - 3) + "ún" : rw.substr(0, rw.size() - 1);
    } else if (g == Gender::kFeminine) {
      rw = rw.substr(0, rw.size() - 1) + "a";
    }
  }
  return out + rw;
}

std::string es_below_million(unsigned n, Gender g, bool apocope) {
  const unsigned th = n / 1000;
  const unsigned r = n % 1000;
  std::string out;
  if (th == 1) {
    out = "mil";
  } else if (th > 1) {
    out = es_below_thousand(th, g, true) + " mil";
  }
  if (r > 0) {
    if (!out.empty()) out += ' ';
    out += es_below_thousand(r, g, apocope);
  }
  return out;
}

constexpr std::array<std::string_view, 10> kEsOrdUnits{
    "", "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno"};
constexpr std::array<std::string_view, 10> kEsOrdTens{
    "",            "décimo",      "vigésimo",     "trigésimo",   "cuadragésimo",
    "quincuagésimo", "sexagésimo", "septuagésimo", "octogésimo", "nonagésimo"};
constexpr std::array<std::string_view, 10> kEsOrdTeens{
    "décimo",        "undécimo",      "duodécimo",   "decimotercero", "decimocuarto",
    "decimoquinto", "decimosexto", "decimoséptimo", "decimoctavo",   "decimonoveno"};

// ---------------- French ----------------
constexpr std::array<std::string_view, 17> kFrUnits{
    "zéro", "un",   "deux", "trois",    "quatre", "cinq",     "six",    "sept", "huit",
    "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"};
constexpr std::array<std::string_view, 7> kFrTens{"", "dix", "vingt", "trente", "quarante",
                                                  "cinquante", "soixante"};

std::string fr_below_hundred(unsigned n) {
  if (n < 17) return std::string(kFrUnits[n]);
  if (n < 20) return "dix-" + std::string(kFrUnits[n - 10]);
  const unsigned t = n / 10;
  const unsigned u = n % 10;
  if (t <= 6) {
    std::string base(kFrTens[t]);
    if (u == 0) return base;
    if (u == 1) return base + " et un";
    return base + "-" + std::string(kFrUnits[u]);
  }
  if (t == 7) return u == 1 ? "soixante et onze" : "soixante-" + fr_below_hundred(10 + u);
  if (t == 8) return u == 0 ? "quatre-vingts" : "quatre-vingt-" + std::string(kFrUnits[u]);
  return "quatre-vingt-" + fr_below_hundred(10 + u);
}

// final: nothing but a noun follows, so "cents"/"vingts" keep their s (not before "mille").
std::string fr_below_thousand(unsigned n, bool final) {
  const unsigned h = n / 100;
  const unsigned r = n % 100;
  std::string out;
  if (h == 1) out = "cent";
  if (h > 1) out = std::string(kFrUnits[h]) + " cent" + (r == 0 && final ? "s" : "");
  if (r > 0) {
    std::string rw = fr_below_hundred(r);
    if (!final && rw == "quatre-vingts") rw = "quatre-vingt";
    out = out.empty() ? rw : out + " " + rw;
  }
  return out;
}

// ---------------- Italian ----------------
constexpr std::array<std::string_view, 20> kItUnits{
    "zero",   "uno",     "due",      "tre",     "quattro",   "cinque",     "sei",
    "sette",  "otto",    "nove",     "dieci",   "undici",    "dodici",     "tredici",
    "quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove"};
constexpr std::array<std::string_view, 10> kItTens{"",          "",         "venti",
                                                   "trenta",    "quaranta", "cinquanta",
                                                   "sessanta",  "settanta", "ottanta", "novanta"};

std::string it_below_thousand(unsigned n) {
  const unsigned h = n / 100;
  const unsigned r = n % 100;
  std::string out;
  if (h == 1) out = "cento";
  if (h > 1) out = std::string(kItUnits[h]) + "cento";
  if (r == 0) return out;
  std::string rw;
  if (r < 20) {
    rw = kItUnits[r];
  } else {
    rw = kItTens[r / 10];
    const unsigned u = r % 10;
    // The tens lose their final vowel before "uno" and "otto": ventuno, trentotto.
    if (u == 1 || u == 8) rw.pop_back();
    if (u) rw += kItUnits[u];
  }
  return out + rw;
}

// ---------------- Portuguese ----------------
constexpr std::array<std::string_view, 20> kPtUnits{
    "zero",  "um",    "dois",   "três",    "quatro",   "cinco",     "seis",
    "sete",  "oito",  "nove",   "dez",     "onze",     "doze",      "treze",
    "catorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove"};
constexpr std::array<std::string_view, 10> kPtTens{"",         "",         "vinte",
                                                   "trinta",   "quarenta", "cinquenta",
                                                   "sessenta", "setenta",  "oitenta", "noventa"};
constexpr std::array<std::string_view, 10> kPtHundreds{
    "",          "cento",      "duzentos",  "trezentos", "quatrocentos",
    "quinhentos", "seiscentos", "setecentos", "oitocentos", "novecentos"};

std::string pt_unit(unsigned u, Gender g) {
  if (g == Gender::kFeminine && u == 1) return "uma";
  if (g == Gender::kFeminine && u == 2) return "duas";
  return std::string(kPtUnits[u]);
}

std::string pt_below_thousand(unsigned n, Gender g) {
  const unsigned h = n / 100;
  const unsigned r = n % 100;
  std::string out;
  if (h > 0) {
    out = (h == 1 && r == 0) ? "cem" : std::string(kPtHundreds[h]);
    if (g == Gender::kFeminine && h > 1) out = out.substr(0, out.size() - 2) + "as";
  }
  if (r == 0) return out;
  std::string rw;
  if (r < 20) {
    rw = pt_unit(r, g);
  } else {
    rw = kPtTens[r / 10];
    if (r % 10) rw += " e " + pt_unit(r % 10, g);
  }
  return out.empty() ? rw : out + " e " + rw;
}

// Groups are joined with "e" when the rest is below 100 or a round hundred ("mil e quinhentos").
std::string pt_join(std::string head, unsigned rest, Gender g) {
  if (rest == 0) return head;
  const std::string rw = pt_below_thousand(rest, g);
  return head + ((rest < 100 || rest % 100 == 0) ? " e " : " ") + rw;
}

constexpr std::array<std::string_view, 10> kPtOrdUnits{
    "", "primeiro", "segundo", "terceiro", "quarto", "quinto", "sexto", "sétimo", "oitavo", "nono"};
constexpr std::array<std::string_view, 10> kPtOrdTens{
    "",              "décimo",     "vigésimo",    "trigésimo",  "quadragésimo",
    "quinquagésimo", "sexagésimo", "septuagésimo", "octogésimo", "nonagésimo"};

}  // namespace

std::string cardinal_es(std::uint64_t n, Gender g) {
  if (n == 0) return "cero";
  const auto billions = static_cast<unsigned>(n / 1'000'000'000'000ULL);
  const auto millions = static_cast<unsigned>((n / 1'000'000) % 1'000'000);
  const auto rest = static_cast<unsigned>(n % 1'000'000);
  std::string out;
  if (billions) out = billions == 1 ? "un billón" : es_below_million(billions, Gender::kMasculine, true) + " billones";
  if (millions) {
    if (!out.empty()) out += ' ';
    out += millions == 1 ? "un millón" : es_below_million(millions, Gender::kMasculine, true) + " millones";
  }
  if (rest) {
    if (!out.empty()) out += ' ';
    // Neuter stands for "masculine, before its noun": "un dólar", "veintiún kilómetros".
    out += es_below_million(rest, g, g == Gender::kNeuter);
  }
  return out;
}

std::string ordinal_es(std::uint64_t n, Gender g) {
  std::string out;
  if (n >= 1 && n < 100) {
    const unsigned t = static_cast<unsigned>(n / 10);
    const unsigned u = static_cast<unsigned>(n % 10);
    if (t == 1) {
      out = kEsOrdTeens[u];
    } else {
      out = std::string(kEsOrdTens[t]);
      if (u) out = out.empty() ? std::string(kEsOrdUnits[u]) : out + " " + std::string(kEsOrdUnits[u]);
    }
  } else if (n == 100) {
    out = "centésimo";
  } else {
    return cardinal_es(n, g);
  }
  return g == Gender::kFeminine ? feminine_o(out) : out;
}

std::string cardinal_fr(std::uint64_t n, Gender g) {
  if (n == 0) return "zéro";
  static constexpr std::array<std::pair<std::uint64_t, std::string_view>, 3> kBig{
      {{1'000'000'000'000ULL, "billion"}, {1'000'000'000ULL, "milliard"}, {1'000'000ULL, "million"}}};
  std::string out;
  std::uint64_t rest = n;
  for (const auto& [scale, name] : kBig) {
    const auto count = static_cast<unsigned>(rest / scale);
    rest %= scale;
    if (count == 0) continue;
    if (!out.empty()) out += ' ';
    out += fr_below_thousand(count, true) + " " + std::string(name) + (count > 1 ? "s" : "");
  }
  const auto th = static_cast<unsigned>(rest / 1000);
  const auto r = static_cast<unsigned>(rest % 1000);
  if (th) {
    if (!out.empty()) out += ' ';
    out += th == 1 ? "mille" : fr_below_thousand(th, false) + " mille";
  }
  if (r) {
    if (!out.empty()) out += ' ';
    out += fr_below_thousand(r, true);
  }
  if (g == Gender::kFeminine && out.size() >= 2 && out.substr(out.size() - 2) == "un") out += 'e';
  return out;
}

std::string ordinal_fr(std::uint64_t n, Gender g) {
  if (n == 1) return g == Gender::kFeminine ? "première" : "premier";
  std::string w = cardinal_fr(n, Gender::kMasculine);
  auto ends = [&](std::string_view s) { return w.size() >= s.size() && w.substr(w.size() - s.size()) == s; };
  if (ends("cinq")) return w + "uième";
  if (ends("neuf")) return w.substr(0, w.size() - 1) + "vième";
  if (ends("cents") || ends("vingts") || ends("millions") || ends("milliards")) w.pop_back();
  if (ends("e")) w.pop_back();
  return w + "ième";
}

std::string cardinal_it(std::uint64_t n, Gender g) {
  if (n == 0) return "zero";
  if (n == 1) return g == Gender::kFeminine ? "una" : "uno";
  static constexpr std::array<std::tuple<std::uint64_t, std::string_view, std::string_view>, 3> kBig{
      {{1'000'000'000'000ULL, "un bilione", "bilioni"},
       {1'000'000'000ULL, "un miliardo", "miliardi"},
       {1'000'000ULL, "un milione", "milioni"}}};
  std::string out;
  std::uint64_t rest = n;
  for (const auto& [scale, one, many] : kBig) {
    const auto count = static_cast<unsigned>(rest / scale);
    rest %= scale;
    if (count == 0) continue;
    if (!out.empty()) out += ' ';
    out += count == 1 ? std::string(one) : it_below_thousand(count) + " " + std::string(many);
  }
  const auto th = static_cast<unsigned>(rest / 1000);
  const auto r = static_cast<unsigned>(rest % 1000);
  std::string small;
  if (th) small = th == 1 ? "mille" : it_below_thousand(th) + "mila";
  if (r) small += it_below_thousand(r);
  if (!small.empty()) out = out.empty() ? small : out + " " + small;
  // A final "tre" in a compound carries the accent: ventitré, centotré.
  if (out.size() > 3 && out.substr(out.size() - 3) == "tre") out.replace(out.size() - 1, 1, "é");
  return out;
}

std::string ordinal_it(std::uint64_t n, Gender g) {
  static constexpr std::array<std::string_view, 11> kSmall{
      "", "primo", "secondo", "terzo", "quarto", "quinto", "sesto", "settimo", "ottavo", "nono", "decimo"};
  std::string out;
  if (n >= 1 && n <= 10) {
    out = kSmall[n];
  } else {
    std::string w = cardinal_it(n, Gender::kMasculine);
    const std::string accent_tre = "tré";
    if (w.size() > accent_tre.size() && w.substr(w.size() - accent_tre.size()) == accent_tre) {
      out = w.substr(0, w.size() - accent_tre.size()) + "treesimo";
    } else if (w.size() >= 3 && w.substr(w.size() - 3) == "sei") {
      out = w + "esimo";
    } else {
      w.pop_back();
      out = w + "esimo";
    }
  }
  return g == Gender::kFeminine ? feminine_o(out) : out;
}

std::string cardinal_pt(std::uint64_t n, Gender g) {
  if (n == 0) return "zero";
  static constexpr std::array<std::tuple<std::uint64_t, std::string_view, std::string_view>, 3> kBig{
      {{1'000'000'000'000ULL, "um trilhão", "trilhões"},
       {1'000'000'000ULL, "um bilhão", "bilhões"},
       {1'000'000ULL, "um milhão", "milhões"}}};
  std::string out;
  std::uint64_t rest = n;
  for (const auto& [scale, one, many] : kBig) {
    const auto count = static_cast<unsigned>(rest / scale);
    rest %= scale;
    if (count == 0) continue;
    const std::string w = count == 1 ? std::string(one) : pt_below_thousand(count, Gender::kMasculine) + " " + std::string(many);
    out = out.empty() ? w : out + " " + w;
  }
  const auto th = static_cast<unsigned>(rest / 1000);
  const auto r = static_cast<unsigned>(rest % 1000);
  if (th) {
    const std::string w = th == 1 ? "mil" : pt_below_thousand(th, g) + " mil";
    out = out.empty() ? w : out + " " + w;
  }
  if (r) {
    if (out.empty()) return pt_below_thousand(r, g);
    return pt_join(out, r, g);
  }
  return out;
}

std::string ordinal_pt(std::uint64_t n, Gender g) {
  std::string out;
  if (n >= 1 && n < 100) {
    out = std::string(kPtOrdTens[n / 10]);
    if (n % 10) out = out.empty() ? std::string(kPtOrdUnits[n % 10]) : out + " " + std::string(kPtOrdUnits[n % 10]);
  } else if (n == 100) {
    out = "centésimo";
  } else {
    return cardinal_pt(n, g);
  }
  return g == Gender::kFeminine ? feminine_o(out) : out;
}

}  // namespace chorus
