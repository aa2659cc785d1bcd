// Normalization in the 16 other XTTS languages: numbers, ordinals, money, percentages,
// times and dates in each language's own words.
#include "normalizer_test_util.h"

namespace chorus {
namespace {

class IntlNormalization : public Normalization {};

TEST_P(IntlNormalization, Language) {
  const auto& c = GetParam();
  EXPECT_EQ(normalize_text(c.input, c.language), c.expected) << c.input;
}

INSTANTIATE_TEST_SUITE_P(
    Spanish, IntlNormalization,
    ::testing::Values(
        NormCase{"es", "21", "veintiuno"}, NormCase{"es", "100", "cien"},
        NormCase{"es", "101", "ciento uno"}, NormCase{"es", "35", "treinta y cinco"},
        NormCase{"es", "1.000", "mil"}, NormCase{"es", "21.000", "veintiún mil"},
        NormCase{"es", "2.500.000", "dos millones quinientos mil"},
        NormCase{"es", "1000000", "un millón"}, NormCase{"es", "3,14", "tres coma uno cuatro"},
        NormCase{"es", "1º", "primero"}, NormCase{"es", "3ª", "tercera"},
        NormCase{"es", "25%", "veinticinco por ciento"},
        NormCase{"es", "5,50 €", "cinco euros con cincuenta céntimos"},
        NormCase{"es", "$1", "un dólar"}, NormCase{"es", "£200", "doscientas libras"}, NormCase{"es", "21 km", "veintiún kilómetros"},
        NormCase{"es", "15:30", "quince y treinta"},
        NormCase{"es", "2024-03-05", "cinco de marzo de dos mil veinticuatro"},
        NormCase{"es", "1 de mayo", "uno de mayo"}, NormCase{"es", "10 km", "diez kilómetros"},
        NormCase{"es", "Sr. García", "señor García"}));

INSTANTIATE_TEST_SUITE_P(
    French, IntlNormalization,
    ::testing::Values(
        NormCase{"fr", "21", "vingt et un"}, NormCase{"fr", "71", "soixante et onze"},
        NormCase{"fr", "80", "quatre-vingts"}, NormCase{"fr", "81", "quatre-vingt-un"},
        NormCase{"fr", "97", "quatre-vingt-dix-sept"}, NormCase{"fr", "200", "deux cents"},
        NormCase{"fr", "201", "deux cent un"}, NormCase{"fr", "1 000", "mille"},
        NormCase{"fr", "2000", "deux mille"}, NormCase{"fr", "80000", "quatre-vingt mille"},
        NormCase{"fr", "3,5", "trois virgule cinq"}, NormCase{"fr", "1er", "premier"},
        NormCase{"fr", "2e", "deuxième"}, NormCase{"fr", "5e", "cinquième"},
        NormCase{"fr", "9e", "neuvième"}, NormCase{"fr", "21e", "vingt et unième"},
        NormCase{"fr", "50 %", "cinquante pour cent"},
        NormCase{"fr", "12,50 €", "douze euros et cinquante centimes"},
        NormCase{"fr", "2 millions €", "deux millions d'euros"},
        NormCase{"fr", "14:30", "quatorze heures trente"}, NormCase{"fr", "1:00", "une heure"}, NormCase{"fr", "à 9:15 h", "à neuf heures quinze"},
        NormCase{"fr", "2024-07-14", "quatorze juillet deux mille vingt-quatre"},
        NormCase{"fr", "1er mai", "premier mai"}, NormCase{"fr", "M. Dupont", "monsieur Dupont"}));

INSTANTIATE_TEST_SUITE_P(
    German, IntlNormalization,
    ::testing::Values(
        NormCase{"de", "1", "eins"}, NormCase{"de", "21", "einundzwanzig"},
        NormCase{"de", "101", "einhunderteins"}, NormCase{"de", "1.000", "eintausend"},
        NormCase{"de", "2024", "zweitausendvierundzwanzig"},
        NormCase{"de", "1.500.000", "eine Million fünfhunderttausend"},
        NormCase{"de", "3,14", "drei Komma eins vier"},
        NormCase{"de", "20%", "zwanzig Prozent"}, NormCase{"de", "1 €", "ein Euro"},
        NormCase{"de", "5,99 €", "fünf Euro und neunundneunzig Cent"},
        NormCase{"de", "14:30", "vierzehn Uhr dreißig"}, NormCase{"de", "1:00", "ein Uhr"},
        NormCase{"de", "um 14:30 Uhr", "um vierzehn Uhr dreißig"},
        NormCase{"de", "am 3. Oktober", "am dritten Oktober"},
        // Month names match case-insensitively beyond ASCII.
        NormCase{"de", "am 5. MÄRZ", "am fünften März"},
        NormCase{"de", "2024-10-03", "dritter Oktober zweitausendvierundzwanzig"},
        NormCase{"de", "im Jahr 1999", "im Jahr neunzehnhundertneunundneunzig"},
        NormCase{"de", "10 km", "zehn Kilometer"}, NormCase{"de", "1 h", "eine Stunde"},
        NormCase{"de", "z.B. Äpfel", "zum Beispiel Äpfel"}, NormCase{"de", "Nr. 7", "Nummer sieben"},
        NormCase{"de", "10-20", "zehn bis zwanzig"}));

INSTANTIATE_TEST_SUITE_P(
    Italian, IntlNormalization,
    ::testing::Values(
        NormCase{"it", "21", "ventuno"}, NormCase{"it", "23", "ventitré"},
        NormCase{"it", "28", "ventotto"}, NormCase{"it", "100", "cento"},
        NormCase{"it", "1000", "mille"}, NormCase{"it", "2024", "duemilaventiquattro"},
        NormCase{"it", "1.000.000", "un milione"}, NormCase{"it", "3º", "terzo"},
        NormCase{"it", "11º", "undicesimo"}, NormCase{"it", "23º", "ventitreesimo"},
        NormCase{"it", "15%", "quindici per cento"},
        NormCase{"it", "3,50 €", "tre euro e cinquanta centesimi"},
        NormCase{"it", "18:45", "diciotto e quarantacinque"},
        NormCase{"it", "2024-05-01", "primo maggio duemilaventiquattro"},
        NormCase{"it", "5 km", "cinque chilometri"}, NormCase{"it", "Sig. Rossi", "signor Rossi"}));

INSTANTIATE_TEST_SUITE_P(
    Portuguese, IntlNormalization,
    ::testing::Values(
        NormCase{"pt", "21", "vinte e um"}, NormCase{"pt", "100", "cem"},
        NormCase{"pt", "123", "cento e vinte e três"}, NormCase{"pt", "1.500", "mil e quinhentos"},
        NormCase{"pt", "2.345", "dois mil trezentos e quarenta e cinco"},
        NormCase{"pt", "2000000", "dois milhões"}, NormCase{"pt", "1º", "primeiro"},
        NormCase{"pt", "2ª", "segunda"}, NormCase{"pt", "10%", "dez por cento"},
        NormCase{"pt", "R$ 5,50", "cinco reais e cinquenta centavos"},
        NormCase{"pt", "R$ 1", "um real"}, NormCase{"pt", "2 h", "duas horas"},
        NormCase{"pt", "14:30", "catorze horas e trinta"},
        NormCase{"pt", "2024-04-25", "vinte e cinco de abril de dois mil e vinte e quatro"}));

INSTANTIATE_TEST_SUITE_P(
    Dutch, IntlNormalization,
    ::testing::Values(
        NormCase{"nl", "21", "eenentwintig"}, NormCase{"nl", "22", "tweeëntwintig"},
        NormCase{"nl", "100", "honderd"}, NormCase{"nl", "2024", "tweeduizend vierentwintig"},
        NormCase{"nl", "in 1999", "in negentien negenennegentig"}, NormCase{"nl", "1e", "eerste"},
        NormCase{"nl", "3e", "derde"}, NormCase{"nl", "8ste", "achtste"},
        NormCase{"nl", "20ste", "twintigste"}, NormCase{"nl", "50%", "vijftig procent"},
        NormCase{"nl", "€ 2,50", "twee euro en vijftig cent"},
        NormCase{"nl", "9:15", "negen uur vijftien"},
        NormCase{"nl", "2024-12-05", "vijf december tweeduizend vierentwintig"}));

INSTANTIATE_TEST_SUITE_P(
    Russian, IntlNormalization,
    ::testing::Values(
        NormCase{"ru", "21", "двадцать один"}, NormCase{"ru", "2000", "две тысячи"},
        NormCase{"ru", "1000", "тысяча"}, NormCase{"ru", "5 000 000", "пять миллионов"},
        NormCase{"ru", "3,5", "три запятая пять"}, NormCase{"ru", "5-й", "пятый"},
        NormCase{"ru", "3-я", "третья"}, NormCase{"ru", "1%", "один процент"},
        NormCase{"ru", "3%", "три процента"}, NormCase{"ru", "5%", "пять процентов"},
        NormCase{"ru", "21 ₽", "двадцать один рубль"}, NormCase{"ru", "2 ₽", "два рубля"},
        NormCase{"ru", "1,50 ₽", "один рубль пятьдесят копеек"},
        NormCase{"ru", "$22", "двадцать два доллара"},
        NormCase{"ru", "15:30", "пятнадцать часов тридцать минут"},
        NormCase{"ru", "1:21", "один час двадцать одна минута"},
        NormCase{"ru", "2024-03-05", "пятое марта две тысячи двадцать четвёртого года"},
        NormCase{"ru", "2 км", "два километра"}));

INSTANTIATE_TEST_SUITE_P(
    Polish, IntlNormalization,
    ::testing::Values(
        NormCase{"pl", "22", "dwadzieścia dwa"}, NormCase{"pl", "1000", "tysiąc"},
        NormCase{"pl", "2000", "dwa tysiące"}, NormCase{"pl", "5000", "pięć tysięcy"},
        NormCase{"pl", "1,5", "jeden przecinek pięć"}, NormCase{"pl", "10%", "dziesięć procent"},
        NormCase{"pl", "1 zł", "jeden złoty"}, NormCase{"pl", "2 zł", "dwa złote"},
        NormCase{"pl", "5 zł", "pięć złotych"}, NormCase{"pl", "2 h", "dwie godziny"},
        NormCase{"pl", "15:30", "piętnasta trzydzieści"},
        NormCase{"pl", "2024-03-05", "piątego marca dwa tysiące dwudziestego czwartego roku"},
        NormCase{"pl", "np. to", "na przykład to"}));

INSTANTIATE_TEST_SUITE_P(
    Czech, IntlNormalization,
    ::testing::Values(
        NormCase{"cs", "2", "dva"}, NormCase{"cs", "200", "dvě stě"},
        NormCase{"cs", "3000", "tři tisíce"}, NormCase{"cs", "5000", "pět tisíc"},
        NormCase{"cs", "2 Kč", "dvě koruny"}, NormCase{"cs", "5 Kč", "pět korun"},
        NormCase{"cs", "1 %", "jedno procento"}, NormCase{"cs", "2 %", "dvě procenta"},
        NormCase{"cs", "10:15", "deset hodin patnáct minut"},
        NormCase{"cs", "2024-03-05", "pátého března dva tisíce dvacet čtyři"},
        NormCase{"cs", "např. to", "například to"}));

INSTANTIATE_TEST_SUITE_P(
    Turkish, IntlNormalization,
    ::testing::Values(
        NormCase{"tr", "21", "yirmi bir"}, NormCase{"tr", "1000", "bin"},
        NormCase{"tr", "2024", "iki bin yirmi dört"}, NormCase{"tr", "1000000", "bir milyon"},
        NormCase{"tr", "%50", "yüzde elli"}, NormCase{"tr", "50%", "yüzde elli"},
        NormCase{"tr", "3,5", "üç virgül beş"}, NormCase{"tr", "5 TL", "beş lira"},
        NormCase{"tr", "10:30", "saat on otuz"}, NormCase{"tr", "3/4", "üç bölü dört"},
        NormCase{"tr", "2024-03-05", "beş Mart iki bin yirmi dört"}));

INSTANTIATE_TEST_SUITE_P(
    Hungarian, IntlNormalization,
    ::testing::Values(
        NormCase{"hu", "2", "kettő"}, NormCase{"hu", "22", "huszonkettő"},
        NormCase{"hu", "200", "kétszáz"}, NormCase{"hu", "1999", "ezerkilencszázkilencvenkilenc"},
        NormCase{"hu", "2024", "kétezer-huszonnégy"}, NormCase{"hu", "15%", "tizenöt százalék"},
        NormCase{"hu", "500 Ft", "ötszáz forint"}, NormCase{"hu", "8:30", "nyolc óra harminc perc"},
        NormCase{"hu", "2024-03-15", "kétezer-huszonnégy március tizenöt"}));

INSTANTIATE_TEST_SUITE_P(
    Arabic, IntlNormalization,
    ::testing::Values(
        NormCase{"ar", "5", "خمسة"}, NormCase{"ar", "21", "واحد وعشرون"},
        NormCase{"ar", "100", "مئة"}, NormCase{"ar", "2000", "ألفان"},
        NormCase{"ar", "٣", "ثلاثة"}, NormCase{"ar", "٢٥", "خمسة وعشرون"},
        NormCase{"ar", "50%", "خمسون بالمئة"}, NormCase{"ar", "$10", "عشرة دولار"},
        NormCase{"ar", "10:30", "الساعة عشرة وثلاثون دقيقة"}));

INSTANTIATE_TEST_SUITE_P(
    Hindi, IntlNormalization,
    ::testing::Values(
        NormCase{"hi", "5", "पाँच"}, NormCase{"hi", "47", "सैंतालीस"},
        NormCase{"hi", "100", "एक सौ"}, NormCase{"hi", "१२", "बारह"},
        NormCase{"hi", "150000", "एक लाख पचास हज़ार"},
        NormCase{"hi", "1,50,000", "एक लाख पचास हज़ार"}, NormCase{"hi", "2,00,00,000", "दो करोड़"},
        NormCase{"hi", "1,000", "एक हज़ार"}, NormCase{"hi", "50%", "पचास प्रतिशत"},
        NormCase{"hi", "₹500", "पाँच सौ रुपये"}, NormCase{"hi", "₹1", "एक रुपया"},
        NormCase{"hi", "3:30", "तीन बजकर तीस मिनट"}, NormCase{"hi", "1999", "उन्नीस सौ निन्यानवे"}));

INSTANTIATE_TEST_SUITE_P(
    Chinese, IntlNormalization,
    ::testing::Values(
        NormCase{"zh", "15", "十五"}, NormCase{"zh", "105", "一百零五"},
        NormCase{"zh", "110", "一百一十"}, NormCase{"zh", "10005", "一万零五"},
        NormCase{"zh", "120000000", "一亿二千万"}, NormCase{"zh", "3.14", "三点一四"},
        NormCase{"zh", "50%", "百分之五十"}, NormCase{"zh", "2024年", "二零二四年"},
        NormCase{"zh", "¥100", "一百元"}, NormCase{"zh", "15:30", "十五点三十分"},
        NormCase{"zh", "第3", "第三"}, NormCase{"zh", "3/4", "四分之三"},
        NormCase{"zh", "我有 3 个苹果", "我有三个苹果"}));

INSTANTIATE_TEST_SUITE_P(
    Japanese, IntlNormalization,
    ::testing::Values(
        NormCase{"ja", "10", "十"}, NormCase{"ja", "1005", "千五"},
        NormCase{"ja", "10000", "一万"}, NormCase{"ja", "2024", "二千二十四"},
        NormCase{"ja", "500円", "五百円"}, NormCase{"ja", "¥500", "五百円"},
        NormCase{"ja", "30%", "三十パーセント"}, NormCase{"ja", "9:05", "九時五分"},
        NormCase{"ja", "2024-03-05", "二千二十四年三月五日"}));

INSTANTIATE_TEST_SUITE_P(
    Korean, IntlNormalization,
    ::testing::Values(
        NormCase{"ko", "15", "십오"}, NormCase{"ko", "10000", "만"},
        NormCase{"ko", "15000", "만 오천"}, NormCase{"ko", "5000원", "오천 원"},
        NormCase{"ko", "3:45", "세 시 사십오 분"}, NormCase{"ko", "6월", "유월"},
        NormCase{"ko", "20%", "이십 퍼센트"}, NormCase{"ko", "2024-10-09", "이천이십사년 시월 구일"}));

}  // namespace
}  // namespace chorus
