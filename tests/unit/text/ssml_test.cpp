#include "text/ssml.h"

#include <gtest/gtest.h>

#include <string>

namespace chorus {
namespace {

using K = TextSegment::Kind;

std::string describe(const SsmlResult& r) {
  if (!r.ok) return "ERROR";
  std::string out;
  for (const auto& s : r.segments) {
    if (!out.empty()) out += "|";
    switch (s.kind) {
      case K::kText: out += (s.normalize ? "T:" : "W:") + s.text; break;
      case K::kPhonemes: out += "P:" + s.text + "=" + s.phonemes; break;
      case K::kPause: out += "S:" + std::to_string(static_cast<int>(s.pause_seconds * 1000)); break;
    }
    if (!s.language.empty()) out += "@" + s.language;
    if (s.rate != 1.0) out += "*" + std::to_string(static_cast<int>(s.rate * 100));
  }
  return out;
}

struct SsmlCase {
  const char* input;
  const char* expected;
};

class Ssml : public ::testing::TestWithParam<SsmlCase> {};

TEST_P(Ssml, Parses) { EXPECT_EQ(describe(parse_ssml(GetParam().input, "en")), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Valid, Ssml,
    ::testing::Values(
        SsmlCase{"<speak>Hello world</speak>", "T:Hello world"},
        SsmlCase{"<?xml version=\"1.0\"?><speak>Hi</speak>", "T:Hi"},
        SsmlCase{"<speak>A<break time=\"300ms\"/>B</speak>", "T:A|S:300|T:B"},
        SsmlCase{"<speak>A<break strength=\"strong\"/>B</speak>", "T:A|S:750|T:B"},
        SsmlCase{"<speak>A<break/>B</speak>", "T:A|S:500|T:B"},
        SsmlCase{"<speak>A<break time=\"99s\"/></speak>", "T:A|S:10000"},
        SsmlCase{"<speak><say-as interpret-as=\"characters\">NASA</say-as></speak>", "W:N A S A"},
        SsmlCase{"<speak><say-as interpret-as=\"spell-out\">a1</say-as></speak>", "W:a one"},
        SsmlCase{"<speak><say-as interpret-as=\"cardinal\">42</say-as></speak>", "W:forty-two"},
        SsmlCase{"<speak><say-as interpret-as=\"ordinal\">3</say-as></speak>", "W:third"},
        SsmlCase{"<speak><say-as interpret-as=\"digits\">123</say-as></speak>", "W:one two three"},
        SsmlCase{"<speak><say-as interpret-as=\"date\" format=\"mdy\">3/5/2024</say-as></speak>",
                 "W:March fifth, twenty twenty-four"},
        SsmlCase{"<speak><say-as interpret-as=\"date\" format=\"dmy\">05.03.2024</say-as></speak>",
                 "W:March fifth, twenty twenty-four"},
        SsmlCase{"<speak><say-as interpret-as=\"telephone\">555-1234</say-as></speak>",
                 "W:five five five, one two three four"},
        SsmlCase{"<speak><phoneme alphabet=\"ipa\" ph=\"təˈmɑːtəʊ\">tomato</phoneme></speak>",
                 "P:tomato=təˈmɑːtəʊ"},
        SsmlCase{"<speak><sub alias=\"World Wide Web\">WWW</sub></speak>", "T:World Wide Web"},
        SsmlCase{"<speak>Hi <lang xml:lang=\"fr-FR\">bonjour</lang></speak>", "T:Hi |T:bonjour@fr-fr"},
        SsmlCase{"<speak><prosody rate=\"slow\">slow</prosody> normal</speak>", "T:slow*75|T: normal"},
        SsmlCase{"<speak><prosody rate=\"150%\">fast</prosody></speak>", "T:fast*150"},
        SsmlCase{"<speak><p>One</p><p>Two</p></speak>", "T:One|S:600|T:Two|S:600"},
        SsmlCase{"<speak><s>One</s><s>Two</s></speak>", "T:One Two "},
        SsmlCase{"<speak>a &lt; b &amp;&amp; c &#233;&#x4E2D;</speak>", "T:a < b && c é中"},
        SsmlCase{"<speak><!-- note -->x<![CDATA[<y>]]></speak>", "T:x<y>"},
        SsmlCase{"<speak><emphasis level=\"strong\">kept</emphasis> <unknown>text</unknown></speak>",
                 "T:kept text"},
        SsmlCase{"<speak xml:lang=\"de\"><say-as interpret-as=\"cardinal\">21</say-as></speak>",
                 "W:einundzwanzig@de"},
        SsmlCase{"  <speak>x</speak>  ", "T:x"},
        SsmlCase{"<speak></speak>", ""}));

INSTANTIATE_TEST_SUITE_P(
    Malformed, Ssml,
    ::testing::Values(
        SsmlCase{"Hello", "ERROR"}, SsmlCase{"<speak>unclosed", "ERROR"},
        SsmlCase{"<speak><p>x</speak>", "ERROR"}, SsmlCase{"<speak>x</p></speak>", "ERROR"},
        SsmlCase{"<speak><break time=300ms/></speak>", "ERROR"},
        SsmlCase{"<speak>&nbsp;</speak>", "ERROR"}, SsmlCase{"<speak>&#0;</speak>", "ERROR"},
        SsmlCase{"<speak>&#xD800;</speak>", "ERROR"},
        SsmlCase{"<!DOCTYPE speak [<!ENTITY x \"y\">]><speak>&x;</speak>", "ERROR"},
        SsmlCase{"<speak><phoneme alphabet=\"x-sampa\" ph=\"a\">a</phoneme></speak>", "ERROR"},
        SsmlCase{"<speak><phoneme>a</phoneme></speak>", "ERROR"},
        SsmlCase{"<speak><say-as>1</say-as></speak>", "ERROR"},
        SsmlCase{"<speak><lang xml:lang=\"12\">x</lang></speak>", "ERROR"},
        SsmlCase{"<speak><speak>x</speak></speak>", "ERROR"},
        SsmlCase{"<speak>x</speak>trailing", "ERROR"},
        SsmlCase{"<speak>x</speak><speak>y</speak>", "ERROR"},
        SsmlCase{"<speak><!-- open </speak>", "ERROR"},
        SsmlCase{"<speak><a b=\"1\" b2='2' c=\"\xFF\"></a></speak>", "ERROR"},
        SsmlCase{"<speak><", "ERROR"}, SsmlCase{"<speak><>x</speak>", "ERROR"},
        SsmlCase{"", "ERROR"}));

TEST(SsmlLimits, DeepNestingIsRejected) {
  std::string s = "<speak>";
  for (int i = 0; i < 100; ++i) s += "<p>";
  s += "x";
  for (int i = 0; i < 100; ++i) s += "</p>";
  s += "</speak>";
  const auto r = parse_ssml(s, "en");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("deep"), std::string::npos);
}

TEST(SsmlLimits, HugeInputIsRejected) {
  const std::string s = "<speak>" + std::string(kMaxSsmlBytes, 'a') + "</speak>";
  EXPECT_FALSE(parse_ssml(s, "en").ok);
}

TEST(SsmlLimits, ManyElementsAreRejected) {
  std::string s = "<speak>";
  for (std::size_t i = 0; i <= kMaxSsmlElements; ++i) s += "<break/>";
  s += "</speak>";
  EXPECT_FALSE(parse_ssml(s, "en").ok);
}

TEST(SsmlLimits, EntityReferencesDoNotExpand) {
  // A "billion laughs" document is refused before any expansion could happen.
  const std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
      "\"&lol;&lol;&lol;\">]><speak>&lol2;</speak>";
  const auto r = parse_ssml(bomb, "en");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("not allowed"), std::string::npos);
}

TEST(Ssml, Detection) {
  EXPECT_TRUE(looks_like_ssml("<speak>x</speak>"));
  EXPECT_TRUE(looks_like_ssml("\n <?xml version=\"1.0\"?>\n<speak>"));
  EXPECT_FALSE(looks_like_ssml("Hello <speak>"));
  EXPECT_FALSE(looks_like_ssml(""));
}

}  // namespace
}  // namespace chorus
