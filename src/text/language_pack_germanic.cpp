// German and Dutch normalization data.
#include "text/language_pack.h"

namespace chorus {

namespace {
using AW = AbbreviationWhen;
// German "ein" (not "eins") before masculine and neuter nouns: the speller's neuter form.
constexpr Gender kEin = Gender::kNeuter;
}  // namespace

const LanguagePack& language_pack_de() {
  static const LanguagePack pack{
      .language = "de",
      .decimal_separators = ",.",
      .group_separators = ". \u00A0\u202F'",
      .plural = plural_simple,
      .minus = "minus",
      .point = "Komma",
      .and_word = "und",
      .range_to = "bis",
      .over = "durch",
      .magnitude_of = "",
      .percent = {"Prozent", "Prozent", "Prozent", kEin},
      .magnitudes = {{{"tausend", "tausend", "tausend", kEin},
                      {"Million", "Millionen", "Millionen", Gender::kFeminine},
                      {"Milliarde", "Milliarden", "Milliarden", Gender::kFeminine},
                      {"Billion", "Billionen", "Billionen", Gender::kFeminine}}},
      .months = {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                 "September", "Oktober", "November", "Dezember"},
      .time_hm = "{h} Uhr {m}",
      .time_h = "{h} Uhr",
      .hour_gender = kEin,
      .time_suffix_words = {"Uhr", "h"},
      .date_template = "{d} {m} {y}",
      .day_is_ordinal = true,
      .day_suffix = "r",
      .day_suffix_after = {{"am", "n"}, {"vom", "n"}, {"zum", "n"}, {"dem", "n"}, {"den", "n"},
                           {"der", ""}, {"ab", "n"}, {"bis", "n"}},
      .currencies = {
          {"EUR", {"€"}, {"Euro", "Euro", "Euro", kEin}, {"Cent", "Cent", "Cent", kEin}},
          {"USD", {"$", "US$"}, {"Dollar", "Dollar", "Dollar", kEin}, {"Cent", "Cent", "Cent", kEin}},
          {"GBP", {"£"}, {"Pfund", "Pfund", "Pfund", kEin}, {"Penny", "Pence", "Pence", kEin}},
          {"CHF", {"Fr."}, {"Franken", "Franken", "Franken", kEin}, {"Rappen", "Rappen", "Rappen", kEin}},
          {"JPY", {"¥"}, {"Yen", "Yen", "Yen", kEin}, {}},
      },
      .units = {
          {"km", {"Kilometer", "Kilometer", "Kilometer", kEin}}, {"m", {"Meter", "Meter", "Meter", kEin}},
          {"cm", {"Zentimeter", "Zentimeter", "Zentimeter", kEin}}, {"mm", {"Millimeter", "Millimeter", "Millimeter", kEin}},
          {"kg", {"Kilogramm", "Kilogramm", "Kilogramm", kEin}}, {"g", {"Gramm", "Gramm", "Gramm", kEin}},
          {"l", {"Liter", "Liter", "Liter", kEin}}, {"ml", {"Milliliter", "Milliliter", "Milliliter", kEin}},
          {"°C", {"Grad Celsius", "Grad Celsius", "Grad Celsius", kEin}}, {"°", {"Grad", "Grad", "Grad", kEin}},
          {"km/h", {"Kilometer pro Stunde", "Kilometer pro Stunde", "Kilometer pro Stunde", kEin}},
          {"GB", {"Gigabyte", "Gigabyte", "Gigabyte", kEin}}, {"MB", {"Megabyte", "Megabyte", "Megabyte", kEin}},
          {"h", {"Stunde", "Stunden", "Stunden", Gender::kFeminine}},
          {"Std.", {"Stunde", "Stunden", "Stunden", Gender::kFeminine}},
          {"min", {"Minute", "Minuten", "Minuten", Gender::kFeminine}},
          {"s", {"Sekunde", "Sekunden", "Sekunden", Gender::kFeminine}},
      },
      .abbreviations = {
          {"z.B.", "zum Beispiel"}, {"z. B.", "zum Beispiel"}, {"bzw.", "beziehungsweise"},
          {"usw.", "und so weiter"}, {"d.h.", "das heißt"}, {"d. h.", "das heißt"},
          {"Dr.", "Doktor"}, {"Prof.", "Professor"}, {"Hr.", "Herr"}, {"Fr.", "Frau", AW::kBeforeCapital},
          {"Nr.", "Nummer", AW::kBeforeNumber}, {"ca.", "circa"}, {"evtl.", "eventuell"},
          {"ggf.", "gegebenenfalls"}, {"inkl.", "inklusive"}, {"vgl.", "vergleiche"},
          {"Str.", "Straße"}, {"u.a.", "unter anderem"}, {"u. a.", "unter anderem"},
          {"bspw.", "beispielsweise"}, {"sog.", "sogenannte"},
      },
      .symbols = {{"&", "und"}, {"+", "plus"}, {"=", "gleich"}, {"@", "at"}, {"%", "Prozent"},
                  {"°", "Grad"}, {"×", "mal"}, {"~", "etwa"}, {"#", "Nummer"},
                  {"€", "Euro"}, {"$", "Dollar"}},
      .dot = "Punkt",
      .at = "at",
      .slash = "Schrägstrich",
      .hashtag = "Hashtag",
      .year_context = {"im", "jahr", "jahre", "jahres", "seit", "bis", "von", "ab", "anno", "vor",
                       "nach", "um", "herbst", "winter", "sommer", "frühjahr", "frühling"},
  };
  return pack;
}

const LanguagePack& language_pack_nl() {
  static const LanguagePack pack{
      .language = "nl",
      .decimal_separators = ",.",
      .group_separators = ". \u00A0\u202F",
      .plural = plural_simple,
      .minus = "min",
      .point = "komma",
      .and_word = "en",
      .range_to = "tot",
      .over = "gedeeld door",
      .magnitude_of = "",
      .percent = {"procent", "procent", "procent"},
      .magnitudes = {{{"duizend", "duizend", "duizend"},
                      {"miljoen", "miljoen", "miljoen"},
                      {"miljard", "miljard", "miljard"},
                      {"biljoen", "biljoen", "biljoen"}}},
      .months = {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                 "september", "oktober", "november", "december"},
      .time_hm = "{h} uur {m}",
      .time_h = "{h} uur",
      .time_suffix_words = {"uur", "u"},
      .date_template = "{d} {m} {y}",
      .currencies = {
          {"EUR", {"€"}, {"euro", "euro", "euro"}, {"cent", "cent", "cent"}},
          {"USD", {"$", "US$"}, {"dollar", "dollar", "dollar"}, {"cent", "cent", "cent"}},
          {"GBP", {"£"}, {"pond", "pond", "pond"}, {"penny", "pence", "pence"}},
          {"JPY", {"¥"}, {"yen", "yen", "yen"}, {}},
      },
      .units = {
          {"km", {"kilometer", "kilometer", "kilometer"}}, {"m", {"meter", "meter", "meter"}},
          {"cm", {"centimeter", "centimeter", "centimeter"}}, {"mm", {"millimeter", "millimeter", "millimeter"}},
          {"kg", {"kilo", "kilo", "kilo"}}, {"g", {"gram", "gram", "gram"}},
          {"l", {"liter", "liter", "liter"}}, {"ml", {"milliliter", "milliliter", "milliliter"}},
          {"°C", {"graad Celsius", "graden Celsius", "graden Celsius"}}, {"°", {"graad", "graden", "graden"}},
          {"km/u", {"kilometer per uur", "kilometer per uur", "kilometer per uur"}},
          {"km/h", {"kilometer per uur", "kilometer per uur", "kilometer per uur"}},
          {"GB", {"gigabyte", "gigabyte", "gigabyte"}}, {"MB", {"megabyte", "megabyte", "megabyte"}},
          {"u", {"uur", "uur", "uur"}}, {"h", {"uur", "uur", "uur"}},
          {"min", {"minuut", "minuten", "minuten"}}, {"s", {"seconde", "seconden", "seconden"}},
      },
      .abbreviations = {
          {"bijv.", "bijvoorbeeld"}, {"d.w.z.", "dat wil zeggen"}, {"dhr.", "de heer"},
          {"Dhr.", "de heer"}, {"mevr.", "mevrouw"}, {"Mevr.", "mevrouw"}, {"enz.", "enzovoort"},
          {"nr.", "nummer", AW::kBeforeNumber}, {"ca.", "circa"}, {"o.a.", "onder andere"},
          {"Dr.", "dokter"}, {"Prof.", "professor"}, {"m.b.t.", "met betrekking tot"},
      },
      .symbols = {{"&", "en"}, {"+", "plus"}, {"=", "is gelijk aan"}, {"@", "apenstaartje"},
                  {"%", "procent"}, {"°", "graden"}, {"×", "keer"}, {"~", "ongeveer"},
                  {"#", "nummer"}, {"€", "euro"}, {"$", "dollar"}},
      .dot = "punt",
      .at = "apenstaartje",
      .slash = "slash",
      .hashtag = "hashtag",
      .year_context = {"in", "sinds", "tot", "jaar", "van", "vanaf", "rond", "voor", "na"},
      .ordinal_suffixes = {"ste", "de", "e"},
  };
  return pack;
}

}  // namespace chorus
