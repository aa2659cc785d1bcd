// Russian, Polish and Czech numbers: gendered 1 and 2, and nouns (thousand, million) whose
// form depends on the number before them.
#include <array>
#include <vector>

#include "text/number_words.h"

namespace chorus {

namespace {

using Arr10 = std::array<std::string_view, 10>;

struct SlavicTables {
  Arr10 units;               // 0-9, masculine
  std::string_view one_f, one_n, two_f, two_n;
  Arr10 teens;               // 10-19
  Arr10 tens;                // index 2-9
  Arr10 hundreds;            // index 1-9
  // scale nouns: one/few/many forms, gender of the noun, and whether "1 thousand" drops the 1
  struct Scale {
    std::uint64_t value;
    std::string_view one, few, many;
    Gender gender;
  };
  std::array<Scale, 4> scales;
  int (*category)(std::uint64_t);  // 0 one, 1 few, 2 many
};

int cat_ru(std::uint64_t n) {
  const auto m10 = n % 10, m100 = n % 100;
  if (m10 == 1 && m100 != 11) return 0;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return 1;
  return 2;
}
int cat_pl(std::uint64_t n) {
  if (n == 1) return 0;
  const auto m10 = n % 10, m100 = n % 100;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return 1;
  return 2;
}
int cat_cs(std::uint64_t n) {
  if (n == 1) return 0;
  if (n >= 2 && n <= 4) return 1;
  return 2;
}

const SlavicTables kRu{
    {"ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"},
    "одна", "одно", "две", "два",
    {"десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
     "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"},
    {"", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят",
     "восемьдесят", "девяносто"},
    {"", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот",
     "девятьсот"},
    {{{1'000'000'000'000ULL, "триллион", "триллиона", "триллионов", Gender::kMasculine},
      {1'000'000'000ULL, "миллиард", "миллиарда", "миллиардов", Gender::kMasculine},
      {1'000'000ULL, "миллион", "миллиона", "миллионов", Gender::kMasculine},
      {1'000ULL, "тысяча", "тысячи", "тысяч", Gender::kFeminine}}},
    cat_ru};

const SlavicTables kPl{
    {"zero", "jeden", "dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć"},
    "jedna", "jedno", "dwie", "dwa",
    {"dziesięć", "jedenaście", "dwanaście", "trzynaście", "czternaście", "piętnaście",
     "szesnaście", "siedemnaście", "osiemnaście", "dziewiętnaście"},
    {"", "", "dwadzieścia", "trzydzieści", "czterdzieści", "pięćdziesiąt", "sześćdziesiąt",
     "siedemdziesiąt", "osiemdziesiąt", "dziewięćdziesiąt"},
    {"", "sto", "dwieście", "trzysta", "czterysta", "pięćset", "sześćset", "siedemset",
     "osiemset", "dziewięćset"},
    {{{1'000'000'000'000ULL, "bilion", "biliony", "bilionów", Gender::kMasculine},
      {1'000'000'000ULL, "miliard", "miliardy", "miliardów", Gender::kMasculine},
      {1'000'000ULL, "milion", "miliony", "milionów", Gender::kMasculine},
      {1'000ULL, "tysiąc", "tysiące", "tysięcy", Gender::kMasculine}}},
    cat_pl};

const SlavicTables kCs{
    {"nula", "jeden", "dva", "tři", "čtyři", "pět", "šest", "sedm", "osm", "devět"},
    "jedna", "jedno", "dvě", "dvě",
    {"deset", "jedenáct", "dvanáct", "třináct", "čtrnáct", "patnáct", "šestnáct", "sedmnáct",
     "osmnáct", "devatenáct"},
    {"", "", "dvacet", "třicet", "čtyřicet", "padesát", "šedesát", "sedmdesát", "osmdesát",
     "devadesát"},
    {"", "sto", "dvě stě", "tři sta", "čtyři sta", "pět set", "šest set", "sedm set", "osm set",
     "devět set"},
    {{{1'000'000'000'000ULL, "bilion", "biliony", "bilionů", Gender::kMasculine},
      {1'000'000'000ULL, "miliarda", "miliardy", "miliard", Gender::kFeminine},
      {1'000'000ULL, "milion", "miliony", "milionů", Gender::kMasculine},
      {1'000ULL, "tisíc", "tisíce", "tisíc", Gender::kMasculine}}},
    cat_cs};

std::string below_thousand(const SlavicTables& t, unsigned n, Gender g) {
  std::vector<std::string_view> parts;
  if (n >= 100) parts.push_back(t.hundreds[n / 100]);
  const unsigned r = n % 100;
  if (r >= 10 && r < 20) {
    parts.push_back(t.teens[r - 10]);
  } else {
    if (r >= 20) parts.push_back(t.tens[r / 10]);
    const unsigned u = r % 10;
    if (u == 1) {
      parts.push_back(g == Gender::kFeminine ? t.one_f : g == Gender::kNeuter ? t.one_n : t.units[1]);
    } else if (u == 2) {
      parts.push_back(g == Gender::kFeminine ? t.two_f : g == Gender::kNeuter ? t.two_n : t.units[2]);
    } else if (u > 0) {
      parts.push_back(t.units[u]);
    }
  }
  std::string out;
  for (auto p : parts) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

std::string cardinal(const SlavicTables& t, std::uint64_t n, Gender g) {
  if (n == 0) return std::string(t.units[0]);
  std::string out;
  std::uint64_t rest = n;
  for (const auto& s : t.scales) {
    const auto count = static_cast<unsigned>(rest / s.value);
    rest %= s.value;
    if (count == 0) continue;
    const int c = t.category(count);
    const std::string_view noun = c == 0 ? s.one : c == 1 ? s.few : s.many;
    if (!out.empty()) out += ' ';
    // A lone thousand or million is just the noun: "тысяча", "tysiąc", "milion".
    out += count == 1 ? std::string(noun) : below_thousand(t, count, s.gender) + " " + std::string(noun);
  }
  if (rest) {
    if (!out.empty()) out += ' ';
    out += below_thousand(t, static_cast<unsigned>(rest), g);
  }
  return out;
}

// Ordinals (masculine nominative) of 1-19, tens and hundreds; larger ones are built from them.
struct OrdinalTables {
  std::array<std::string_view, 20> small;
  Arr10 tens;
  Arr10 hundreds;
  std::string_view thousandth;
  Arr10 compound_prefix;  // "двух" in "двухтысячный", index 2-9
  bool inflect_tens = true;  // Polish and Czech inflect "twenty" too; Russian only the last word
  // Gender and case endings: replace `masc` at a word end with the others.
  struct Ending {
    std::string_view masc, fem, neut, gen;
  };
  std::vector<Ending> endings;
};

const OrdinalTables kRuOrd{
    {"", "первый", "второй", "третий", "четвёртый", "пятый", "шестой", "седьмой", "восьмой",
     "девятый", "десятый", "одиннадцатый", "двенадцатый", "тринадцатый", "четырнадцатый",
     "пятнадцатый", "шестнадцатый", "семнадцатый", "восемнадцатый", "девятнадцатый"},
    {"", "", "двадцатый", "тридцатый", "сороковой", "пятидесятый", "шестидесятый",
     "семидесятый", "восьмидесятый", "девяностый"},
    {"", "сотый", "двухсотый", "трёхсотый", "четырёхсотый", "пятисотый", "шестисотый",
     "семисотый", "восьмисотый", "девятисотый"},
    "тысячный",
    {"", "", "двух", "трёх", "четырёх", "пяти", "шести", "семи", "восьми", "девяти"},
    false,
    {{"ий", "ья", "ье", "ьего"}, {"ый", "ая", "ое", "ого"}, {"ой", "ая", "ое", "ого"}}};

const OrdinalTables kPlOrd{
    {"", "pierwszy", "drugi", "trzeci", "czwarty", "piąty", "szósty", "siódmy", "ósmy",
     "dziewiąty", "dziesiąty", "jedenasty", "dwunasty", "trzynasty", "czternasty", "piętnasty",
     "szesnasty", "siedemnasty", "osiemnasty", "dziewiętnasty"},
    {"", "", "dwudziesty", "trzydziesty", "czterdziesty", "pięćdziesiąty", "sześćdziesiąty",
     "siedemdziesiąty", "osiemdziesiąty", "dziewięćdziesiąty"},
    {"", "setny", "dwusetny", "trzechsetny", "czterechsetny", "pięćsetny", "sześćsetny",
     "siedemsetny", "osiemsetny", "dziewięćsetny"},
    "tysięczny",
    {"", "", "dwu", "trzy", "cztero", "pięcio", "sześcio", "siedmio", "ośmio", "dziewięcio"},
    true,
    {{"gi", "ga", "gie", "giego"}, {"ci", "cia", "cie", "ciego"}, {"y", "a", "e", "ego"}}};

const OrdinalTables kCsOrd{
    {"", "první", "druhý", "třetí", "čtvrtý", "pátý", "šestý", "sedmý", "osmý", "devátý",
     "desátý", "jedenáctý", "dvanáctý", "třináctý", "čtrnáctý", "patnáctý", "šestnáctý",
     "sedmnáctý", "osmnáctý", "devatenáctý"},
    {"", "", "dvacátý", "třicátý", "čtyřicátý", "padesátý", "šedesátý", "sedmdesátý",
     "osmdesátý", "devadesátý"},
    {"", "stý", "dvoustý", "třístý", "čtyřstý", "pětistý", "šestistý", "sedmistý", "osmistý",
     "devítistý"},
    "tisící",
    {"", "", "dvou", "tří", "čtyř", "páti", "šesti", "sedmi", "osmi", "devíti"},
    true,
    {{"ý", "á", "é", "ého"}, {"í", "í", "í", "ího"}}};

enum class Form { kMasc, kFem, kNeut, kGen };

std::string inflect(const OrdinalTables& o, std::string_view word, Form f) {
  if (f == Form::kMasc) return std::string(word);
  for (const auto& e : o.endings) {
    if (word.size() >= e.masc.size() && word.substr(word.size() - e.masc.size()) == e.masc) {
      const std::string_view repl = f == Form::kFem ? e.fem : f == Form::kNeut ? e.neut : e.gen;
      return std::string(word.substr(0, word.size() - e.masc.size())) + std::string(repl);
    }
  }
  return std::string(word);
}

std::string ordinal(const SlavicTables& t, const OrdinalTables& o, std::uint64_t n, Form f) {
  if (n == 0) return cardinal(t, 0, Gender::kMasculine);
  const auto r100 = static_cast<unsigned>(n % 100);
  const auto h = static_cast<unsigned>((n / 100) % 10);
  std::vector<std::string_view> ord;  // the words that take ordinal form
  std::uint64_t head = 0;             // the part still read as a cardinal
  if (r100 != 0) {
    head = n - r100;
    if (r100 < 20) {
      ord.push_back(o.small[r100]);
    } else if (!o.inflect_tens && r100 % 10) {
      head = n - r100 % 10;
      ord.push_back(o.small[r100 % 10]);
    } else {
      ord.push_back(o.tens[r100 / 10]);
      if (r100 % 10) ord.push_back(o.small[r100 % 10]);
    }
  } else if (h != 0) {
    head = n - h * 100;
    ord.push_back(o.hundreds[h]);
  } else {
    head = n - (n % 1'000'000);
    const auto th = static_cast<unsigned>((n / 1000) % 1000);
    std::string out = head ? cardinal(t, head, Gender::kMasculine) + " " : "";
    if (th == 0) return cardinal(t, n, Gender::kMasculine);  // round millions: keep cardinal
    const std::string thousandth = inflect(o, o.thousandth, f);
    if (th == 1) return out + thousandth;
    if (th < 10) return out + std::string(o.compound_prefix[th]) + thousandth;
    return out + cardinal(t, th, Gender::kMasculine) + " " + thousandth;
  }
  std::string out = head ? cardinal(t, head, Gender::kMasculine) : "";
  for (auto w : ord) {
    if (!out.empty()) out += ' ';
    out += inflect(o, w, f);
  }
  return out;
}

Form form_for(Gender g) {
  return g == Gender::kFeminine ? Form::kFem : g == Gender::kNeuter ? Form::kNeut : Form::kMasc;
}

}  // namespace

std::string cardinal_ru(std::uint64_t n, Gender g) { return cardinal(kRu, n, g); }
std::string ordinal_ru(std::uint64_t n, Gender g) { return ordinal(kRu, kRuOrd, n, form_for(g)); }
std::string cardinal_pl(std::uint64_t n, Gender g) { return cardinal(kPl, n, g); }
std::string ordinal_pl(std::uint64_t n, Gender g) { return ordinal(kPl, kPlOrd, n, form_for(g)); }
std::string cardinal_cs(std::uint64_t n, Gender g) { return cardinal(kCs, n, g); }
std::string ordinal_cs(std::uint64_t n, Gender g) { return ordinal(kCs, kCsOrd, n, form_for(g)); }

std::string ordinal_genitive_ru(std::uint64_t n) { return ordinal(kRu, kRuOrd, n, Form::kGen); }
std::string ordinal_genitive_pl(std::uint64_t n) { return ordinal(kPl, kPlOrd, n, Form::kGen); }
std::string ordinal_genitive_cs(std::uint64_t n) { return ordinal(kCs, kCsOrd, n, Form::kGen); }

}  // namespace chorus
