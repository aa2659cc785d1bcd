// Turkish, Hungarian, Arabic and Hindi normalization data.
#include "text/language_pack.h"

namespace chorus {

namespace {
using AW = AbbreviationWhen;
}

const LanguagePack& language_pack_tr() {
  static const LanguagePack pack{
      .language = "tr",
      .decimal_separators = ",.",
      .group_separators = ". \u00A0\u202F",
      .plural = plural_none,
      .minus = "eksi",
      .point = "virgül",
      .and_word = "",
      .range_to = "ile",
      .over = "bölü",
      .magnitude_of = "",
      .percent = {"yüzde", "yüzde", "yüzde"},
      .percent_before = true,
      .magnitudes = {{{"bin", "bin", "bin"},
                      {"milyon", "milyon", "milyon"},
                      {"milyar", "milyar", "milyar"},
                      {"trilyon", "trilyon", "trilyon"}}},
      .months = {"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos",
                 "Eylül", "Ekim", "Kasım", "Aralık"},
      .time_hm = "saat {h} {m}",
      .time_h = "saat {h}",
      .date_template = "{d} {m} {y}",
      .currencies = {
          {"TRY", {"₺", "TL"}, {"lira", "lira", "lira"}, {"kuruş", "kuruş", "kuruş"}},
          {"USD", {"$"}, {"dolar", "dolar", "dolar"}, {"sent", "sent", "sent"}},
          {"EUR", {"€"}, {"avro", "avro", "avro"}, {"sent", "sent", "sent"}},
          {"GBP", {"£"}, {"sterlin", "sterlin", "sterlin"}, {"peni", "peni", "peni"}},
      },
      .units = {
          {"km", {"kilometre", "kilometre", "kilometre"}}, {"m", {"metre", "metre", "metre"}},
          {"cm", {"santimetre", "santimetre", "santimetre"}}, {"kg", {"kilogram", "kilogram", "kilogram"}},
          {"g", {"gram", "gram", "gram"}}, {"l", {"litre", "litre", "litre"}},
          {"°C", {"santigrat derece", "santigrat derece", "santigrat derece"}},
          {"°", {"derece", "derece", "derece"}}, {"km/s", {"kilometre saat", "kilometre saat", "kilometre saat"}},
          {"km/h", {"kilometre saat", "kilometre saat", "kilometre saat"}},
          {"GB", {"gigabayt", "gigabayt", "gigabayt"}}, {"MB", {"megabayt", "megabayt", "megabayt"}},
          {"sa", {"saat", "saat", "saat"}}, {"dk", {"dakika", "dakika", "dakika"}},
          {"sn", {"saniye", "saniye", "saniye"}},
      },
      .abbreviations = {
          {"Dr.", "doktor"}, {"Prof.", "profesör"}, {"Doç.", "doçent"}, {"vb.", "ve benzeri"},
          {"vs.", "vesaire"}, {"örn.", "örneğin"}, {"No.", "numara", AW::kBeforeNumber},
          {"Av.", "avukat"}, {"Sn.", "sayın"}, {"bkz.", "bakınız"},
      },
      .symbols = {{"&", "ve"}, {"+", "artı"}, {"=", "eşittir"}, {"@", "et"}, {"%", "yüzde"},
                  {"°", "derece"}, {"×", "çarpı"}, {"~", "yaklaşık"}, {"#", "numara"},
                  {"€", "avro"}, {"$", "dolar"}},
      .dot = "nokta",
      .at = "et",
      .slash = "eğik çizgi",
      .hashtag = "hashtag",
  };
  return pack;
}

const LanguagePack& language_pack_hu() {
  static const LanguagePack pack{
      .language = "hu",
      .decimal_separators = ",.",
      .group_separators = " \u00A0\u202F.",
      .plural = plural_none,
      .minus = "mínusz",
      .point = "egész",
      .and_word = "",
      .range_to = "–",
      .over = "per",
      .magnitude_of = "",
      .percent = {"százalék", "százalék", "százalék"},
      .magnitudes = {{{"ezer", "ezer", "ezer"},
                      {"millió", "millió", "millió"},
                      {"milliárd", "milliárd", "milliárd"},
                      {"billió", "billió", "billió"}}},
      .months = {"január", "február", "március", "április", "május", "június", "július",
                 "augusztus", "szeptember", "október", "november", "december"},
      .time_hm = "{h} óra {m} perc",
      .time_h = "{h} óra",
      .date_template = "{y} {m} {d}",
      .numeric_date_order = DateOrder::kYearMonthDay,
      .currencies = {
          {"HUF", {"Ft"}, {"forint", "forint", "forint"}, {"fillér", "fillér", "fillér"}},
          {"EUR", {"€"}, {"euró", "euró", "euró"}, {"cent", "cent", "cent"}},
          {"USD", {"$"}, {"dollár", "dollár", "dollár"}, {"cent", "cent", "cent"}},
          {"GBP", {"£"}, {"font", "font", "font"}, {"penny", "penny", "penny"}},
      },
      .units = {
          {"km", {"kilométer", "kilométer", "kilométer"}}, {"m", {"méter", "méter", "méter"}},
          {"cm", {"centiméter", "centiméter", "centiméter"}}, {"kg", {"kilogramm", "kilogramm", "kilogramm"}},
          {"g", {"gramm", "gramm", "gramm"}}, {"l", {"liter", "liter", "liter"}},
          {"°C", {"Celsius-fok", "Celsius-fok", "Celsius-fok"}}, {"°", {"fok", "fok", "fok"}},
          {"km/h", {"kilométer per óra", "kilométer per óra", "kilométer per óra"}},
          {"GB", {"gigabájt", "gigabájt", "gigabájt"}}, {"MB", {"megabájt", "megabájt", "megabájt"}},
          {"h", {"óra", "óra", "óra"}}, {"perc", {"perc", "perc", "perc"}},
          {"mp", {"másodperc", "másodperc", "másodperc"}},
      },
      .abbreviations = {
          {"pl.", "például"}, {"stb.", "satöbbi"}, {"dr.", "doktor"}, {"Dr.", "doktor"},
          {"kb.", "körülbelül"}, {"ill.", "illetve"}, {"ún.", "úgynevezett"}, {"u.", "utca"},
          {"sz.", "szám", AW::kBeforeNumber}, {"Kft.", "káefté"}, {"Zrt.", "zéerté"},
      },
      .symbols = {{"&", "és"}, {"+", "plusz"}, {"=", "egyenlő"}, {"@", "kukac"}, {"%", "százalék"},
                  {"°", "fok"}, {"×", "szorozva"}, {"~", "körülbelül"}, {"#", "szám"},
                  {"€", "euró"}, {"$", "dollár"}},
      .dot = "pont",
      .at = "kukac",
      .slash = "per",
      .hashtag = "hashtag",
  };
  return pack;
}

const LanguagePack& language_pack_ar() {
  static const LanguagePack pack{
      .language = "ar",
      .decimal_separators = ".,",
      .group_separators = ",",
      .plural = plural_none,
      .minus = "سالب",
      .point = "فاصلة",
      .and_word = "و",
      .range_to = "إلى",
      .over = "على",
      .magnitude_of = "",
      .percent = {"بالمئة", "بالمئة", "بالمئة"},
      .magnitudes = {{{"ألف", "ألف", "ألف"},
                      {"مليون", "مليون", "مليون"},
                      {"مليار", "مليار", "مليار"},
                      {"تريليون", "تريليون", "تريليون"}}},
      .months = {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                 "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
      .time_hm = "الساعة {h} و{m} دقيقة",
      .time_h = "الساعة {h}",
      .date_template = "{d} {m} {y}",
      .currencies = {
          {"USD", {"$"}, {"دولار", "دولار", "دولار"}, {"سنت", "سنت", "سنت"}},
          {"EUR", {"€"}, {"يورو", "يورو", "يورو"}, {"سنت", "سنت", "سنت"}},
          {"SAR", {"ر.س", "﷼"}, {"ريال", "ريال", "ريال"}, {"هللة", "هللة", "هللة"}},
          {"EGP", {"ج.م"}, {"جنيه", "جنيه", "جنيه"}, {"قرش", "قرش", "قرش"}},
          {"AED", {"د.إ"}, {"درهم", "درهم", "درهم"}, {"فلس", "فلس", "فلس"}},
          {"GBP", {"£"}, {"جنيه إسترليني", "جنيه إسترليني", "جنيه إسترليني"}, {"بنس", "بنس", "بنس"}},
      },
      .units = {
          {"كم", {"كيلومتر", "كيلومتر", "كيلومتر"}}, {"km", {"كيلومتر", "كيلومتر", "كيلومتر"}},
          {"م", {"متر", "متر", "متر"}}, {"كغ", {"كيلوغرام", "كيلوغرام", "كيلوغرام"}},
          {"kg", {"كيلوغرام", "كيلوغرام", "كيلوغرام"}}, {"°C", {"درجة مئوية", "درجة مئوية", "درجة مئوية"}},
          {"°", {"درجة", "درجة", "درجة"}}, {"GB", {"غيغابايت", "غيغابايت", "غيغابايت"}},
      },
      .abbreviations = {{"د.", "دكتور"}, {"م.", "مهندس"}},
      .symbols = {{"&", "و"}, {"+", "زائد"}, {"=", "يساوي"}, {"@", "آت"}, {"%", "بالمئة"},
                  {"°", "درجة"}, {"×", "ضرب"}, {"#", "رقم"}, {"€", "يورو"}, {"$", "دولار"}},
      .dot = "نقطة",
      .at = "آت",
      .slash = "شرطة مائلة",
      .hashtag = "وسم",
  };
  return pack;
}

const LanguagePack& language_pack_hi() {
  static const LanguagePack pack{
      .language = "hi",
      .decimal_separators = ".",
      .group_separators = ",",
      .plural = plural_simple,
      .minus = "ऋण",
      .point = "दशमलव",
      .and_word = "और",
      .range_to = "से",
      .over = "बटा",
      .magnitude_of = "",
      .percent = {"प्रतिशत", "प्रतिशत", "प्रतिशत"},
      .magnitudes = {{{"हज़ार", "हज़ार", "हज़ार"},
                      {"मिलियन", "मिलियन", "मिलियन"},
                      {"बिलियन", "बिलियन", "बिलियन"},
                      {"ट्रिलियन", "ट्रिलियन", "ट्रिलियन"}}},
      .months = {"जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर",
                 "अक्टूबर", "नवंबर", "दिसंबर"},
      .time_hm = "{h} बजकर {m} मिनट",
      .time_h = "{h} बजे",
      .date_template = "{d} {m} {y}",
      .currencies = {
          {"INR", {"₹", "Rs.", "Rs", "रु."}, {"रुपया", "रुपये", "रुपये"}, {"पैसा", "पैसे", "पैसे"}},
          {"USD", {"$"}, {"डॉलर", "डॉलर", "डॉलर"}, {"सेंट", "सेंट", "सेंट"}},
          {"EUR", {"€"}, {"यूरो", "यूरो", "यूरो"}, {"सेंट", "सेंट", "सेंट"}},
          {"GBP", {"£"}, {"पाउंड", "पाउंड", "पाउंड"}, {"पेंस", "पेंस", "पेंस"}},
      },
      .units = {
          {"km", {"किलोमीटर", "किलोमीटर", "किलोमीटर"}}, {"m", {"मीटर", "मीटर", "मीटर"}},
          {"kg", {"किलोग्राम", "किलोग्राम", "किलोग्राम"}}, {"g", {"ग्राम", "ग्राम", "ग्राम"}},
          {"l", {"लीटर", "लीटर", "लीटर"}}, {"°C", {"डिग्री सेल्सियस", "डिग्री सेल्सियस", "डिग्री सेल्सियस"}},
          {"°", {"डिग्री", "डिग्री", "डिग्री"}}, {"GB", {"गीगाबाइट", "गीगाबाइट", "गीगाबाइट"}},
          {"h", {"घंटा", "घंटे", "घंटे"}}, {"min", {"मिनट", "मिनट", "मिनट"}},
          {"s", {"सेकंड", "सेकंड", "सेकंड"}},
      },
      .abbreviations = {{"डॉ.", "डॉक्टर"}, {"Dr.", "डॉक्टर"}, {"श्री.", "श्री"}},
      .symbols = {{"&", "और"}, {"+", "प्लस"}, {"=", "बराबर"}, {"@", "एट"}, {"%", "प्रतिशत"},
                  {"°", "डिग्री"}, {"×", "गुणा"}, {"#", "नंबर"}, {"€", "यूरो"}, {"$", "डॉलर"}},
      .dot = "डॉट",
      .at = "एट",
      .slash = "स्लैश",
      .hashtag = "हैशटैग",
  };
  return pack;
}

}  // namespace chorus
