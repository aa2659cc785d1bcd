// Russian, Polish and Czech normalization data.
#include "text/language_pack.h"

namespace chorus {

namespace {
using AW = AbbreviationWhen;
constexpr Gender kF = Gender::kFeminine;
constexpr Gender kN = Gender::kNeuter;

std::string ru_year_in_date(std::uint64_t y) { return ordinal_genitive_ru(y) + " года"; }
std::string pl_day(std::uint64_t d) { return ordinal_genitive_pl(d); }
std::string pl_year_in_date(std::uint64_t y) { return ordinal_genitive_pl(y) + " roku"; }
std::string cs_day(std::uint64_t d) { return ordinal_genitive_cs(d); }
// Polish says the hour as a feminine ordinal: "piętnasta trzydzieści".
std::string pl_hour(unsigned h) { return ordinal_pl(h, Gender::kFeminine); }
}  // namespace

const LanguagePack& language_pack_ru() {
  static const LanguagePack pack{
      .language = "ru",
      .decimal_separators = ",.",
      .group_separators = " \u00A0\u202F",
      .plural = plural_east_slavic,
      .minus = "минус",
      .point = "запятая",
      .and_word = "",
      .range_to = "—",
      .over = "дробь",
      .magnitude_of = "",
      .percent = {"процент", "процента", "процентов"},
      .magnitudes = {{{"тысяча", "тысячи", "тысяч", kF},
                      {"миллион", "миллиона", "миллионов"},
                      {"миллиард", "миллиарда", "миллиардов"},
                      {"триллион", "триллиона", "триллионов"}}},
      .months = {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                 "сентября", "октября", "ноября", "декабря"},
      .time_hm = "{h} {hn} {m} {mn}",
      .time_h = "{h} {hn}",
      .minute_gender = kF,
      .hour_noun = {"час", "часа", "часов"},
      .minute_noun = {"минута", "минуты", "минут", kF},
      .time_suffix_words = {"ч"},
      .date_template = "{d} {m} {y}",
      .day_is_ordinal = true,
      .day_gender = kN,
      .year_in_date = ru_year_in_date,
      .currencies = {
          {"RUB", {"₽", "руб."}, {"рубль", "рубля", "рублей"}, {"копейка", "копейки", "копеек", kF}},
          {"USD", {"$"}, {"доллар", "доллара", "долларов"}, {"цент", "цента", "центов"}},
          {"EUR", {"€"}, {"евро", "евро", "евро", kN}, {"цент", "цента", "центов"}},
          {"GBP", {"£"}, {"фунт", "фунта", "фунтов"}, {"пенс", "пенса", "пенсов"}},
      },
      .units = {
          {"км", {"километр", "километра", "километров"}}, {"km", {"километр", "километра", "километров"}},
          {"м", {"метр", "метра", "метров"}}, {"m", {"метр", "метра", "метров"}},
          {"см", {"сантиметр", "сантиметра", "сантиметров"}}, {"кг", {"килограмм", "килограмма", "килограммов"}},
          {"kg", {"килограмм", "килограмма", "килограммов"}}, {"г", {"грамм", "грамма", "граммов"}},
          {"л", {"литр", "литра", "литров"}}, {"°C", {"градус Цельсия", "градуса Цельсия", "градусов Цельсия"}},
          {"°", {"градус", "градуса", "градусов"}},
          {"км/ч", {"километр в час", "километра в час", "километров в час"}},
          {"ГБ", {"гигабайт", "гигабайта", "гигабайт"}}, {"GB", {"гигабайт", "гигабайта", "гигабайт"}},
          {"ч", {"час", "часа", "часов"}}, {"мин", {"минута", "минуты", "минут", kF}},
          {"сек", {"секунда", "секунды", "секунд", kF}}, {"с", {"секунда", "секунды", "секунд", kF}},
      },
      .abbreviations = {
          {"т.е.", "то есть"}, {"т. е.", "то есть"}, {"т.д.", "так далее"}, {"т. д.", "так далее"},
          {"т.п.", "тому подобное"}, {"т. п.", "тому подобное"}, {"ул.", "улица"}, {"им.", "имени"},
          {"см.", "смотри"}, {"стр.", "страница"}, {"напр.", "например"}, {"др.", "другие"},
          {"тыс.", "тысяч"}, {"млн", "миллионов"}, {"млрд", "миллиардов"},
          {"№", "номер", AW::kBeforeNumber},
      },
      .symbols = {{"&", "и"}, {"+", "плюс"}, {"=", "равно"}, {"@", "собака"}, {"%", "процентов"},
                  {"°", "градусов"}, {"×", "на"}, {"~", "около"}, {"#", "номер"},
                  {"€", "евро"}, {"$", "долларов"}},
      .dot = "точка",
      .at = "собака",
      .slash = "слэш",
      .hashtag = "хэштег",
      .ordinal_suffixes = {"-й", "-ый", "-ой", "-ий"},
      .feminine_ordinal_suffixes = {"-я", "-ая"},
  };
  return pack;
}

const LanguagePack& language_pack_pl() {
  static const LanguagePack pack{
      .language = "pl",
      .decimal_separators = ",.",
      .group_separators = " \u00A0\u202F.",
      .plural = plural_polish,
      .minus = "minus",
      .point = "przecinek",
      .and_word = "i",
      .range_to = "do",
      .over = "przez",
      .magnitude_of = "",
      .percent = {"procent", "procent", "procent"},
      .magnitudes = {{{"tysiąc", "tysiące", "tysięcy"},
                      {"milion", "miliony", "milionów"},
                      {"miliard", "miliardy", "miliardów"},
                      {"bilion", "biliony", "bilionów"}}},
      .months = {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
                 "sierpnia", "września", "października", "listopada", "grudnia"},
      .time_hm = "{h} {m}",
      .time_h = "{h}",
      .minute_gender = kF,
      .hour_words = pl_hour,
      .date_template = "{d} {m} {y}",
      .day_words = pl_day,
      .year_in_date = pl_year_in_date,
      .currencies = {
          {"PLN", {"zł"}, {"złoty", "złote", "złotych"}, {"grosz", "grosze", "groszy"}},
          {"EUR", {"€"}, {"euro", "euro", "euro", kN}, {"cent", "centy", "centów"}},
          {"USD", {"$"}, {"dolar", "dolary", "dolarów"}, {"cent", "centy", "centów"}},
          {"GBP", {"£"}, {"funt", "funty", "funtów"}, {"pens", "pensy", "pensów"}},
      },
      .units = {
          {"km", {"kilometr", "kilometry", "kilometrów"}}, {"m", {"metr", "metry", "metrów"}},
          {"cm", {"centymetr", "centymetry", "centymetrów"}}, {"kg", {"kilogram", "kilogramy", "kilogramów"}},
          {"g", {"gram", "gramy", "gramów"}}, {"l", {"litr", "litry", "litrów"}},
          {"°C", {"stopień Celsjusza", "stopnie Celsjusza", "stopni Celsjusza"}},
          {"°", {"stopień", "stopnie", "stopni"}},
          {"km/h", {"kilometr na godzinę", "kilometry na godzinę", "kilometrów na godzinę"}},
          {"GB", {"gigabajt", "gigabajty", "gigabajtów"}}, {"MB", {"megabajt", "megabajty", "megabajtów"}},
          {"h", {"godzina", "godziny", "godzin", kF}}, {"min", {"minuta", "minuty", "minut", kF}},
          {"s", {"sekunda", "sekundy", "sekund", kF}},
      },
      .abbreviations = {
          {"np.", "na przykład"}, {"tzn.", "to znaczy"}, {"itd.", "i tak dalej"},
          {"itp.", "i tym podobne"}, {"dr", "doktor"}, {"prof.", "profesor"}, {"ul.", "ulica"},
          {"nr", "numer", AW::kBeforeNumber}, {"godz.", "godzina"}, {"ok.", "około"},
          {"tys.", "tysięcy"}, {"mln", "milionów"}, {"mld", "miliardów"}, {"m.in.", "między innymi"},
          {"tj.", "to jest"}, {"r.", "roku"},
      },
      .symbols = {{"&", "i"}, {"+", "plus"}, {"=", "równa się"}, {"@", "małpa"}, {"%", "procent"},
                  {"°", "stopni"}, {"×", "razy"}, {"~", "około"}, {"#", "numer"},
                  {"€", "euro"}, {"$", "dolarów"}},
      .dot = "kropka",
      .at = "małpa",
      .slash = "ukośnik",
      .hashtag = "hashtag",
  };
  return pack;
}

const LanguagePack& language_pack_cs() {
  static const LanguagePack pack{
      .language = "cs",
      .decimal_separators = ",.",
      .group_separators = " \u00A0\u202F.",
      .plural = plural_czech,
      .minus = "mínus",
      .point = "celá",
      .and_word = "a",
      .range_to = "až",
      .over = "lomeno",
      .magnitude_of = "",
      .percent = {"procento", "procenta", "procent", kN},
      .magnitudes = {{{"tisíc", "tisíce", "tisíc"},
                      {"milion", "miliony", "milionů"},
                      {"miliarda", "miliardy", "miliard", kF},
                      {"bilion", "biliony", "bilionů"}}},
      .months = {"ledna", "února", "března", "dubna", "května", "června", "července", "srpna",
                 "září", "října", "listopadu", "prosince"},
      .time_hm = "{h} {hn} {m} {mn}",
      .time_h = "{h} {hn}",
      .hour_gender = kF,
      .minute_gender = kF,
      .hour_noun = {"hodina", "hodiny", "hodin", kF},
      .minute_noun = {"minuta", "minuty", "minut", kF},
      .date_template = "{d} {m} {y}",
      .day_words = cs_day,
      .currencies = {
          {"CZK", {"Kč"}, {"koruna", "koruny", "korun", kF}, {"haléř", "haléře", "haléřů"}},
          {"EUR", {"€"}, {"euro", "eura", "eur", kN}, {"cent", "centy", "centů"}},
          {"USD", {"$"}, {"dolar", "dolary", "dolarů"}, {"cent", "centy", "centů"}},
          {"GBP", {"£"}, {"libra", "libry", "liber", kF}, {"pence", "pence", "pencí"}},
      },
      .units = {
          {"km", {"kilometr", "kilometry", "kilometrů"}}, {"m", {"metr", "metry", "metrů"}},
          {"cm", {"centimetr", "centimetry", "centimetrů"}}, {"kg", {"kilogram", "kilogramy", "kilogramů"}},
          {"g", {"gram", "gramy", "gramů"}}, {"l", {"litr", "litry", "litrů"}},
          {"°C", {"stupeň Celsia", "stupně Celsia", "stupňů Celsia"}}, {"°", {"stupeň", "stupně", "stupňů"}},
          {"km/h", {"kilometr za hodinu", "kilometry za hodinu", "kilometrů za hodinu"}},
          {"GB", {"gigabajt", "gigabajty", "gigabajtů"}}, {"MB", {"megabajt", "megabajty", "megabajtů"}},
          {"h", {"hodina", "hodiny", "hodin", kF}}, {"min", {"minuta", "minuty", "minut", kF}},
          {"s", {"sekunda", "sekundy", "sekund", kF}},
      },
      .abbreviations = {
          {"např.", "například"}, {"tzv.", "takzvaný"}, {"tj.", "to jest"}, {"atd.", "a tak dále"},
          {"apod.", "a podobně"}, {"č.", "číslo", AW::kBeforeNumber}, {"ul.", "ulice"},
          {"Ing.", "inženýr"}, {"Mgr.", "magistr"}, {"MUDr.", "doktor"}, {"Dr.", "doktor"},
          {"prof.", "profesor"}, {"resp.", "respektive"}, {"tis.", "tisíc"}, {"mil.", "milionů"},
      },
      .symbols = {{"&", "a"}, {"+", "plus"}, {"=", "rovná se"}, {"@", "zavináč"}, {"%", "procent"},
                  {"°", "stupňů"}, {"×", "krát"}, {"~", "asi"}, {"#", "číslo"},
                  {"€", "eur"}, {"$", "dolarů"}},
      .dot = "tečka",
      .at = "zavináč",
      .slash = "lomítko",
      .hashtag = "hashtag",
  };
  return pack;
}

}  // namespace chorus
