// English normalization, one row per rule and edge case.
#include "normalizer_test_util.h"

namespace chorus {
namespace {

TEST_P(Normalization, English) {
  const auto& c = GetParam();
  EXPECT_EQ(normalize_text(c.input, c.language), c.expected) << c.input;
}

INSTANTIATE_TEST_SUITE_P(
    Cardinals, Normalization,
    ::testing::Values(
        NormCase{"en", "0", "zero"}, NormCase{"en", "7", "seven"}, NormCase{"en", "13", "thirteen"},
        NormCase{"en", "21", "twenty-one"}, NormCase{"en", "100", "one hundred"},
        NormCase{"en", "101", "one hundred one"}, NormCase{"en", "999", "nine hundred ninety-nine"},
        NormCase{"en", "I have 3 cats.", "I have three cats."},
        NormCase{"en", "It weighs 1000 tons", "It weighs one thousand tons"},
        NormCase{"en", "1,000", "one thousand"},
        NormCase{"en", "1,234,567", "one million two hundred thirty-four thousand five hundred sixty-seven"},
        NormCase{"en", "There are 2,500 seats", "There are two thousand five hundred seats"},
        NormCase{"en", "1000000000", "one billion"},
        NormCase{"en", "5000000000000", "five trillion"},
        NormCase{"en", "12345678901234567890", "one two three four five six seven eight nine zero one two three four five six seven eight nine zero"},
        NormCase{"en", "007", "zero zero seven"},
        NormCase{"en", "MP3 files", "MP three files"},
        NormCase{"en", "a,b,1,2", "a,b, one, two"}));

INSTANTIATE_TEST_SUITE_P(
    OrdinalsDecimalsNegatives, Normalization,
    ::testing::Values(
        NormCase{"en", "1st", "first"}, NormCase{"en", "2nd", "second"}, NormCase{"en", "3rd", "third"},
        NormCase{"en", "4th", "fourth"}, NormCase{"en", "11th", "eleventh"},
        NormCase{"en", "12th", "twelfth"}, NormCase{"en", "20th", "twentieth"},
        NormCase{"en", "21st", "twenty-first"}, NormCase{"en", "42nd", "forty-second"},
        NormCase{"en", "100th", "one hundredth"}, NormCase{"en", "the 73RD time", "the seventy-third time"},
        NormCase{"en", "3.14", "three point one four"}, NormCase{"en", "0.5", "zero point five"},
        NormCase{"en", "2.05", "two point zero five"},
        NormCase{"en", "1,234.5", "one thousand two hundred thirty-four point five"},
        NormCase{"en", "-5", "minus five"}, NormCase{"en", "It was -12 outside", "It was minus twelve outside"},
        NormCase{"en", "-3.5", "minus three point five"},
        NormCase{"en", "\xE2\x88\x92" "7", "minus seven"},
        NormCase{"en", "x-5", "x- five"}));

INSTANTIATE_TEST_SUITE_P(
    FractionsPercentRanges, Normalization,
    ::testing::Values(
        NormCase{"en", "1/2", "one half"}, NormCase{"en", "3/4", "three quarters"},
        NormCase{"en", "1/4", "one quarter"}, NormCase{"en", "2/3", "two thirds"},
        NormCase{"en", "1/3", "one third"}, NormCase{"en", "5/8", "five eighths"},
        NormCase{"en", "7/10", "seven tenths"}, NormCase{"en", "\xC2\xBD cup", "one half cup"},
        NormCase{"en", "2\xC2\xBD hours", "two and one half hours"},
        NormCase{"en", "50%", "fifty percent"}, NormCase{"en", "3.5%", "three point five percent"},
        NormCase{"en", "100 %", "one hundred percent"},
        NormCase{"en", "-2%", "minus two percent"},
        NormCase{"en", "10-20", "ten to twenty"}, NormCase{"en", "10\xE2\x80\x93" "20", "ten to twenty"},
        NormCase{"en", "pages 5-10", "pages five to ten"},
        NormCase{"en", "10-20%", "ten to twenty percent"},
        NormCase{"en", "5-10 km", "five to ten kilometers"},
        NormCase{"en", "7 - 3", "seven - three"}));

INSTANTIATE_TEST_SUITE_P(
    Years, Normalization,
    ::testing::Values(
        NormCase{"en", "in 1999", "in nineteen ninety-nine"},
        NormCase{"en", "since 2010", "since twenty ten"},
        NormCase{"en", "in 2005", "in two thousand five"},
        NormCase{"en", "by 2000", "by two thousand"},
        NormCase{"en", "in 1900", "in nineteen hundred"},
        NormCase{"en", "in 1905", "in nineteen oh five"},
        NormCase{"en", "1066 AD", "ten sixty-six AD"},
        NormCase{"en", "2024 was a good year.", "twenty twenty-four was a good year."},
        NormCase{"en", "We sold 2024 units", "We sold two thousand twenty-four units"},
        NormCase{"en", "the 1990s", "the nineteen nineties"},
        NormCase{"en", "the 1900s", "the nineteen hundreds"},
        NormCase{"en", "the 80s", "the eighties"},
        NormCase{"en", "born in 1985.", "born in nineteen eighty-five."},
        NormCase{"en", "released in October 2023", "released in October twenty twenty-three"}));

INSTANTIATE_TEST_SUITE_P(
    Currency, Normalization,
    ::testing::Values(
        NormCase{"en", "$5", "five dollars"}, NormCase{"en", "$1", "one dollar"},
        NormCase{"en", "$5.99", "five dollars and ninety-nine cents"},
        NormCase{"en", "$0.99", "ninety-nine cents"}, NormCase{"en", "$0.01", "one cent"},
        NormCase{"en", "$1.50", "one dollar and fifty cents"},
        NormCase{"en", "$2.5", "two dollars and fifty cents"},
        NormCase{"en", "$5.00", "five dollars"},
        NormCase{"en", "$1,000", "one thousand dollars"},
        NormCase{"en", "$5.3 billion", "five point three billion dollars"},
        NormCase{"en", "$2 million", "two million dollars"},
        NormCase{"en", "$1k", "one thousand dollars"},
        NormCase{"en", "$2M", "two million dollars"},
        NormCase{"en", "$3B", "three billion dollars"},
        NormCase{"en", "$1.5bn", "one point five billion dollars"},
        NormCase{"en", "\xE2\x82\xAC" "20", "twenty euros"},
        NormCase{"en", "\xE2\x82\xAC" "1.50", "one euro and fifty cents"},
        NormCase{"en", "20\xE2\x82\xAC", "twenty euros"},
        NormCase{"en", "20 \xE2\x82\xAC", "twenty euros"},
        NormCase{"en", "\xC2\xA3" "3.20", "three pounds and twenty pence"},
        NormCase{"en", "\xC2\xA3" "1", "one pound"},
        NormCase{"en", "\xC2\xA5" "500", "five hundred yen"},
        NormCase{"en", "100 USD", "one hundred dollars"},
        NormCase{"en", "USD 100", "one hundred dollars"},
        NormCase{"en", "50 EUR", "fifty euros"},
        NormCase{"en", "\xE2\x82\xB9" "200", "two hundred rupees"},
        NormCase{"en", "-$5", "minus five dollars"},
        NormCase{"en", "It costs $5.", "It costs five dollars."},
        NormCase{"en", "1k", "one thousand"}, NormCase{"en", "2M", "two million"},
        NormCase{"en", "a $", "a dollars"}));

INSTANTIATE_TEST_SUITE_P(
    Times, Normalization,
    ::testing::Values(
        NormCase{"en", "3:45 pm", "three forty-five p m"},
        NormCase{"en", "3:45pm", "three forty-five p m"},
        NormCase{"en", "3:05 AM", "three oh five a m"},
        NormCase{"en", "10:00 a.m.", "ten a m"},
        NormCase{"en", "3 pm", "three p m"}, NormCase{"en", "11am", "eleven a m"},
        NormCase{"en", "15:00", "fifteen hundred"}, NormCase{"en", "15:30", "fifteen thirty"},
        NormCase{"en", "3:00", "three o'clock"}, NormCase{"en", "0:30", "zero thirty"},
        NormCase{"en", "10:30:15", "ten thirty"},
        NormCase{"en", "at 9:15.", "at nine fifteen."},
        NormCase{"en", "a 3:2 win", "a three : two win"},
        NormCase{"en", "25:00", "twenty-five : zero zero"}));

INSTANTIATE_TEST_SUITE_P(
    Dates, Normalization,
    ::testing::Values(
        NormCase{"en", "2024-03-05", "March fifth, twenty twenty-four"},
        NormCase{"en", "1999-12-31", "December thirty-first, nineteen ninety-nine"},
        NormCase{"en", "03/05/2024", "March fifth, twenty twenty-four"},
        NormCase{"en", "12/25/2023", "December twenty-fifth, twenty twenty-three"},
        NormCase{"en", "25/12/2023", "December twenty-fifth, twenty twenty-three"},
        NormCase{"en", "1/2/99", "January second, nineteen ninety-nine"},
        NormCase{"en", "March 5, 2024", "March fifth, twenty twenty-four"},
        NormCase{"en", "March 5", "March fifth"}, NormCase{"en", "Jan 1st", "January first"},
        NormCase{"en", "Dec. 25, 2020", "December twenty-fifth, twenty twenty"},
        NormCase{"en", "5 March 2024", "March fifth, twenty twenty-four"},
        NormCase{"en", "the 4th of July", "the July fourth"},
        NormCase{"en", "2024-13-45", "two thousand twenty-four to thirteen - forty-five"},
        NormCase{"en", "May 3:15", "May three fifteen"}));

INSTANTIATE_TEST_SUITE_P(
    Phones, Normalization,
    ::testing::Values(
        NormCase{"en", "555-123-4567", "five five five, one two three, four five six seven"},
        NormCase{"en", "(555) 123-4567", "five five five, one two three, four five six seven"},
        NormCase{"en", "+1 555 123 4567", "plus one, five five five, one two three, four five six seven"},
        NormCase{"en", "+44 20 7946 0958", "plus four four, two zero, seven nine four six, zero nine five eight"},
        NormCase{"en", "555.123.4567", "five five five, one two three, four five six seven"},
        NormCase{"en", "call 555-1234 now", "call five five five, one two three four now"},
        NormCase{"en", "123 456", "one hundred twenty-three four hundred fifty-six"}));

INSTANTIATE_TEST_SUITE_P(
    Units, Normalization,
    ::testing::Values(
        NormCase{"en", "10 km", "ten kilometers"}, NormCase{"en", "1 km", "one kilometer"},
        NormCase{"en", "5kg", "five kilograms"}, NormCase{"en", "2.5 kg", "two point five kilograms"},
        NormCase{"en", "20\xC2\xB0" "C", "twenty degrees Celsius"},
        NormCase{"en", "1\xC2\xB0" "F", "one degree Fahrenheit"},
        NormCase{"en", "90\xC2\xB0", "ninety degrees"},
        NormCase{"en", "60 mph", "sixty miles per hour"}, NormCase{"en", "100 km/h", "one hundred kilometers per hour"},
        NormCase{"en", "16 GB", "sixteen gigabytes"}, NormCase{"en", "512MB", "five hundred twelve megabytes"},
        NormCase{"en", "3 GHz", "three gigahertz"}, NormCase{"en", "5 ft", "five feet"},
        NormCase{"en", "1 ft", "one foot"}, NormCase{"en", "12 oz", "twelve ounces"},
        NormCase{"en", "500 ml", "five hundred milliliters"}, NormCase{"en", "2 L", "two liters"},
        NormCase{"en", "100 m", "one hundred meters"}, NormCase{"en", "30 min", "thirty minutes"},
        NormCase{"en", "200 ms", "two hundred milliseconds"}, NormCase{"en", "5 lbs", "five pounds"},
        NormCase{"en", "60 W", "sixty watts"}, NormCase{"en", "5 miles", "five miles"},
        NormCase{"en", "5 kilos", "five kilos"}));

INSTANTIATE_TEST_SUITE_P(
    AbbreviationsAndNames, Normalization,
    ::testing::Values(
        NormCase{"en", "Dr. Smith", "Doctor Smith"}, NormCase{"en", "Mr. Jones", "Mister Jones"},
        NormCase{"en", "Mrs. Brown", "Missus Brown"}, NormCase{"en", "Ms. Lee", "Miz Lee"},
        NormCase{"en", "Prof. Xavier", "Professor Xavier"},
        NormCase{"en", "St. Louis", "Saint Louis"}, NormCase{"en", "Main St.", "Main Street."},
        NormCase{"en", "Martin Luther King Jr.", "Martin Luther King Junior."},
        NormCase{"en", "cats vs. dogs", "cats versus dogs"},
        NormCase{"en", "fruit, e.g. apples", "fruit, for example apples"},
        NormCase{"en", "that is, i.e. this", "that is, that is this"},
        NormCase{"en", "apples, pears, etc.", "apples, pears, et cetera."},
        NormCase{"en", "No. 5", "number five"}, NormCase{"en", "No. I won't", "No. I won't"},
        NormCase{"en", "Mt. Everest", "Mount Everest"},
        NormCase{"en", "Acme Inc. Then more", "Acme Incorporated. Then more"},
        NormCase{"en", "Henry VIII", "Henry the eighth"},
        NormCase{"en", "Elizabeth II", "Elizabeth the second"},
        NormCase{"en", "Louis XIV was king", "Louis the fourteenth was king"},
        NormCase{"en", "World War II", "World War two"},
        NormCase{"en", "Chapter IV", "Chapter four"}, NormCase{"en", "Part III", "Part three"},
        NormCase{"en", "World War I", "World War one"},
        NormCase{"en", "I went home", "I went home"}, NormCase{"en", "buy a CD", "buy a CD"},
        NormCase{"en", "The CD", "The CD"}, NormCase{"en", "Vitamin C", "Vitamin C"}));

INSTANTIATE_TEST_SUITE_P(
    WebAndSymbols, Normalization,
    ::testing::Values(
        NormCase{"en", "https://example.com", "example dot com"},
        NormCase{"en", "Visit www.google.com.", "Visit w w w dot google dot com."},
        NormCase{"en", "see https://docs.python.org/3/library", "see docs dot python dot org slash three slash library"},
        NormCase{"en", "example.com/path?q=1", "example dot com slash path"},
        NormCase{"en", "github.io", "github dot io"},
        NormCase{"en", "john.doe@example.com", "john dot doe at example dot com"},
        NormCase{"en", "Mail me at a_b@mail.co.uk.", "Mail me at a underscore b at mail dot co dot uk."},
        NormCase{"en", "#BlackFriday", "hashtag Black Friday"},
        NormCase{"en", "#tbt", "hashtag tbt"},
        NormCase{"en", "@elonmusk", "at elonmusk"}, NormCase{"en", "@open_ai", "at open ai"},
        NormCase{"en", "#1 fan", "number one fan"},
        NormCase{"en", "Tom & Jerry", "Tom and Jerry"}, NormCase{"en", "2 + 2 = 4", "two plus two equals four"},
        NormCase{"en", "C++", "C plus plus"}, NormCase{"en", "meet @ 5", "meet at five"},
        NormCase{"en", "~5 min", "about five minutes"},
        NormCase{"en", "**bold** text", "bold text"}, NormCase{"en", "## Title", "Title"},
        NormCase{"en", "and/or", "and or"}, NormCase{"en", "\xC2\xA9 2024", "copyright twenty twenty-four"},
        NormCase{"en", "a > b", "a greater than b"}, NormCase{"en", "x<y", "x y"},
        NormCase{"en", "file.txt", "file.txt"}, NormCase{"en", "e.g. this", "for example this"}));

INSTANTIATE_TEST_SUITE_P(
    EmojiAndWhitespace, Normalization,
    ::testing::Values(
        NormCase{"en", "Great job \xF0\x9F\x91\x8D", "Great job"},
        NormCase{"en", "\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5 hot", "hot"},
        NormCase{"en", "hi \xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD there", "hi there"},
        NormCase{"en", "family \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 time", "family time"},
        NormCase{"en", "a   b", "a b"}, NormCase{"en", "line one\nline two", "line one\nline two"},
        NormCase{"en", "", ""}, NormCase{"en", "plain words only", "plain words only"},
        NormCase{"en", "caf\xC3\xA9 na\xC3\xAFve", "caf\xC3\xA9 na\xC3\xAFve"},
        NormCase{"en", "bad \xFF byte", "bad \xEF\xBF\xBD byte"}));

TEST(NormalizerOptions, EmojiCanBeNamedOrKept) {
  NormalizeOptions named;
  named.emoji = EmojiMode::kName;
  EXPECT_EQ(normalize_text("Great job \xF0\x9F\x91\x8D", "en", named), "Great job thumbs up");
  EXPECT_EQ(normalize_text("\xE2\x9D\xA4\xEF\xB8\x8F you", "en", named), "red heart you");
  NormalizeOptions keep;
  keep.emoji = EmojiMode::kKeep;
  EXPECT_EQ(normalize_text("ok \xF0\x9F\x91\x8D", "en", keep), "ok \xF0\x9F\x91\x8D");
}

TEST(NormalizerOptions, UrlsAndHashtagsCanBeLeftAlone) {
  NormalizeOptions o;
  o.urls = false;
  o.read_hashtags = false;
  EXPECT_EQ(normalize_text("see example.com", "en", o), "see example.com");
  EXPECT_EQ(normalize_text("#tag", "en", o), "tag");
}

}  // namespace
}  // namespace chorus
