#include "text/abbreviations.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "text/language.h"

namespace chorus {

namespace {

struct AbbreviationTable {
  std::string_view language;  // primary subtag, "*" for all languages
  AbbreviationKind kind;
  std::vector<std::string_view> words;
};

// Lists of common abbreviations (facts of each language's orthography), lower-case.
const std::array<AbbreviationTable, 22>& tables() {
  static const std::array<AbbreviationTable, 22> t{{
      {"*", AbbreviationKind::kNonTerminal,
       {"e.g", "i.e", "vs", "cf", "approx", "ca", "no", "nos", "nr", "fig", "figs", "vol", "pp",
        "p", "ch", "sec", "art", "dept", "est", "min", "max", "tel", "ext"}},
      {"*", AbbreviationKind::kAmbiguous, {"etc", "al", "ibid"}},
      {"en", AbbreviationKind::kNonTerminal,
       {"mr", "mrs", "ms", "mx", "dr", "prof", "st", "mt", "ft", "rev", "hon", "gen", "col", "lt",
        "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "pres", "supt", "messrs", "mme",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ave", "blvd",
        "rd", "hwy", "u.s", "u.k", "a.m", "p.m", "incl", "esp", "assn", "bros", "dist"}},
      {"en", AbbreviationKind::kAmbiguous,
       {"inc", "ltd", "co", "corp", "jr", "sr", "llc", "plc", "dept", "univ", "u.s.a"}},
      {"de", AbbreviationKind::kNonTerminal,
       {"z.b", "bzw", "usw", "u.a", "d.h", "hr", "hrn", "fr", "frl", "dr", "prof", "str", "evtl",
        "ggf", "inkl", "zzgl", "vgl", "s", "bd", "jh", "mio", "mrd", "abs", "geb", "gest", "sog",
        "u.u", "z.t", "o.g", "i.d.r", "dipl", "ing"}},
      {"de", AbbreviationKind::kAmbiguous, {"u.s.w", "usf", "gmbh", "ag", "e.v"}},
      {"fr", AbbreviationKind::kNonTerminal,
       {"m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "st", "ste", "env", "av",
        "bd", "cf", "p.ex", "c.-à-d", "c.à.d", "janv", "févr", "avr", "juil", "sept", "oct",
        "nov", "déc"}},
      {"fr", AbbreviationKind::kAmbiguous, {"cie", "sa"}},
      {"es", AbbreviationKind::kNonTerminal,
       {"sr", "sra", "srta", "sres", "dr", "dra", "ud", "uds", "vd", "vds", "d", "dña", "lic",
        "ing", "arq", "av", "avda", "pág", "págs", "núm", "aprox", "p.ej", "ej", "ene", "abr",
        "ago", "sept", "oct", "dic", "gral", "excmo", "sto", "sta"}},
      {"es", AbbreviationKind::kAmbiguous, {"cía", "s.a", "s.l"}},
      {"it", AbbreviationKind::kNonTerminal,
       {"sig", "sigg", "sig.ra", "sig.na", "dott", "dott.ssa", "prof", "prof.ssa", "ing", "avv",
        "arch", "geom", "rag", "on", "p.es", "pag", "pagg", "ecc", "gen", "feb", "mar", "apr",
        "giu", "lug", "ago", "set", "ott", "nov", "dic", "s", "v", "c.so", "p.za"}},
      {"it", AbbreviationKind::kAmbiguous, {"s.p.a", "s.r.l"}},
      {"pt", AbbreviationKind::kNonTerminal,
       {"sr", "sra", "srta", "dr", "dra", "prof", "profa", "eng", "av", "pág", "págs", "núm",
        "p.ex", "ex", "jan", "fev", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov",
        "dez", "exmo", "exma", "v.exa", "sto", "sta"}},
      {"pt", AbbreviationKind::kAmbiguous, {"ltda", "cia", "s.a"}},
      {"nl", AbbreviationKind::kNonTerminal,
       {"dhr", "mevr", "mw", "dr", "drs", "ir", "ing", "mr", "prof", "bijv", "bv", "o.a", "d.w.z",
        "m.a.w", "i.p.v", "t.o.v", "m.b.t", "z.g.a", "ca", "blz", "jl", "nl", "jan", "feb",
        "mrt", "apr", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}},
      {"nl", AbbreviationKind::kAmbiguous, {"enz", "e.d", "b.v", "n.v"}},
      {"pl", AbbreviationKind::kNonTerminal,
       {"p", "pan", "dr", "prof", "mgr", "inż", "hab", "ul", "al", "pl", "os", "godz", "ok",
        "np", "tj", "tzn", "tzw", "wg", "nr", "w", "ww", "ks", "św", "gen", "płk",
        "mjr", "kpt", "por", "im", "m.in", "zob", "s", "str", "tys", "mln", "mld"}},
      {"pl", AbbreviationKind::kAmbiguous, {"itd", "itp", "in", "r", "sp", "zł"}},
      {"cs", AbbreviationKind::kNonTerminal,
       {"p", "pí", "sl", "ing", "mgr", "mudr", "judr", "phdr", "rndr", "doc", "prof", "bc",
        "tzv", "tj", "např", "apod", "čp", "č", "ul", "nám", "str", "s", "r", "min", "mil",
        "tis", "mld", "kč", "atd", "aj", "resp", "sv"}},
      {"ru", AbbreviationKind::kNonTerminal,
       {"г", "гг", "ул", "д", "кв", "пр", "просп", "пл", "т.е", "т.к", "т.н", "т.д", "т.п",
        "др", "см", "стр", "с", "рис", "напр", "им", "акад", "проф", "доц", "тыс", "млн", "млрд",
        "руб", "коп", "р", "ок", "св", "гл", "ред", "изд", "каф", "янв", "февр", "апр", "авг",
        "сент", "окт", "нояб", "дек"}},
      {"tr", AbbreviationKind::kNonTerminal,
       {"dr", "prof", "doç", "av", "sn", "bkz", "vb", "vs", "örn", "yy", "no", "cad", "sok",
        "mah", "apt", "alb", "yzb", "ütğm", "tğm", "gn", "org", "ocak", "şub", "nis", "haz",
        "tem", "ağu", "eyl", "eki", "kas", "ara"}},
      {"hu", AbbreviationKind::kNonTerminal,
       {"dr", "prof", "id", "ifj", "özv", "stb", "pl", "ill", "kb", "kft", "bt", "rt", "u",
        "út", "krt", "sz", "szt", "jan", "febr", "márc", "ápr", "jún", "júl", "aug", "szept",
        "okt", "nov", "dec", "ún", "vö", "ld", "ua", "uo", "mb", "zrt", "nyrt", "hrsz"}},
  }};
  return t;
}

constexpr std::array<std::string_view, 9> kOrdinalPeriodLanguages{
    "de", "cs", "pl", "hu", "tr", "da", "no", "fi", "sk"};

}  // namespace

AbbreviationKind abbreviation_kind(std::string_view word, std::string_view language) {
  const std::string primary = primary_subtag(language);
  // The language's own lists decide first ("sr." is a title in Spanish, "Sr." a suffix in
  // English); the shared list only applies to words the language does not list.
  for (std::string_view scope : {std::string_view(primary), std::string_view("*")}) {
    AbbreviationKind found = AbbreviationKind::kNone;
    for (const auto& table : tables()) {
      if (table.language != scope) continue;
      if (std::find(table.words.begin(), table.words.end(), word) == table.words.end()) continue;
      if (found != AbbreviationKind::kNonTerminal) found = table.kind;
    }
    if (found != AbbreviationKind::kNone) return found;
  }
  return AbbreviationKind::kNone;
}

bool uses_ordinal_period(std::string_view language) {
  const std::string primary = primary_subtag(language);
  return std::find(kOrdinalPeriodLanguages.begin(), kOrdinalPeriodLanguages.end(), primary) !=
         kOrdinalPeriodLanguages.end();
}

namespace {

struct MonthTable {
  std::string_view language;
  std::vector<std::string_view> names;
};

// Only languages with ordinal periods need this: it tells "3. Oktober" from "Er war 3. Dann".
const std::vector<MonthTable>& month_tables() {
  static const std::vector<MonthTable> t{
      {"de", {"januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
              "september", "oktober", "november", "dezember", "jan", "feb", "mär", "apr", "jun",
              "jul", "aug", "sep", "sept", "okt", "nov", "dez"}},
      {"cs", {"ledna", "února", "března", "dubna", "května", "června", "července", "srpna",
              "září", "října", "listopadu", "prosince", "leden", "únor", "březen", "duben",
              "květen", "červen", "červenec", "srpen", "říjen", "listopad", "prosinec"}},
      {"pl", {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
              "września", "października", "listopada", "grudnia"}},
      {"hu", {"január", "február", "március", "április", "május", "június", "július",
              "augusztus", "szeptember", "október", "november", "december"}},
      {"tr", {"ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül",
              "ekim", "kasım", "aralık"}},
  };
  return t;
}

}  // namespace

bool is_month_name(std::string_view word, std::string_view language) {
  const std::string primary = primary_subtag(language);
  for (const auto& table : month_tables()) {
    if (table.language != primary) continue;
    return std::find(table.names.begin(), table.names.end(), word) != table.names.end();
  }
  return false;
}

}  // namespace chorus
