#include <gtest/gtest.h>

#include "engines/kokoro/kokoro_ipa_tables.h"

namespace chorus::kokoro {
namespace {

// Cases from the misaki tables in docs (kokoro-onnx.md A.6.2), on real espeak-ng 1.51 output.
TEST(KokoroIpaTables, NonEnglishDiphthongsAndAffricates) {
  EXPECT_EQ(postprocess_espeak_ipa("a^ɪ a^ʊ d^z d^ʒ e^ɪ o^ʊ ə^ʊ s^s t^s t^ʃ ɔ^ɪ"), "I W ʣ ʤ A O Q S ʦ ʧ Y");
  EXPECT_EQ(postprocess_espeak_ipa("ʒə- mapˈɛl"), "ʒə mapˈɛl");        // '-' removed
  EXPECT_EQ(postprocess_espeak_ipa("«ˈola»"), "(ˈola)");               // bracket stand-ins back
  EXPECT_EQ(postprocess_espeak_ipa("bɔ̃ʒˈuʁ"), "bɔ̃ʒˈuʁ");                // nasal tilde kept (id 17)
}

TEST(KokoroIpaTables, AmericanEnglish) {
  EXPECT_EQ(postprocess_english_ipa("həlˈo^ʊ wˈɜːld", false), "həlˈO wˈɜɹld");
  EXPECT_EQ(postprocess_english_ipa("a^ɪ bˈɔːt ɐ nˈa^ɪs t^ʃˈɛ^ɹ", false), "I bˈɔt ə nˈIs ʧˈɛɹ");
  EXPECT_EQ(postprocess_english_ipa("hˈa^ʊ ɑː^ɹ juː", false), "hˈW ɑɹ ju");
  EXPECT_EQ(postprocess_english_ipa("dˈe^ɪ", false), "dˈA");
  EXPECT_EQ(postprocess_english_ipa("bˈʌʔn̩", false), "bˈʌtn");          // ʔn̩ -> tn
  EXPECT_EQ(postprocess_english_ipa("ʔ", false), "t");
  EXPECT_EQ(postprocess_english_ipa("bˈɜːɹd", false), "bˈɜɹd");          // ɜːɹ -> ɜɹ
  EXPECT_EQ(postprocess_english_ipa("bˈɪəɹ", false), "bˈiəɹ");           // ɪə -> iə
  EXPECT_EQ(postprocess_english_ipa("bˈʌtɚ", false), "bˈʌtəɹ");          // ɚ -> əɹ
  EXPECT_EQ(postprocess_english_ipa("lˈɔx", false), "lˈɔk");
  EXPECT_EQ(postprocess_english_ipa("bˈʌtl̩", false), "bˈʌtᵊl");          // syllabic -> ᵊX
  EXPECT_EQ(postprocess_english_ipa("ɡˈʊd", false), "ɡˈʊd");
  EXPECT_EQ(postprocess_english_ipa("ɹˈɛd r", false), "ɹˈɛd ɹ");
  EXPECT_EQ(postprocess_english_ipa("nʲuː", false), "nu");                 // ʲ deleted
  EXPECT_EQ(postprocess_english_ipa("ʲo ʲə", false), "jɔ jə");             // ʲo -> jo, then o -> ɔ
}

TEST(KokoroIpaTables, BritishEnglishKeepsLengthMarks) {
  EXPECT_EQ(postprocess_english_ipa("həlˈə^ʊ wˈɜːld", true), "həlˈQ wˈɜːld");
  EXPECT_EQ(postprocess_english_ipa("ðˈe^ə", true), "ðˈAə");               // e^ɪ/e rule wins first
  EXPECT_EQ(postprocess_english_ipa("hˈiə", true), "hˈɪə");
  EXPECT_EQ(postprocess_english_ipa("kˈɑː", true), "kˈɑː");
}

TEST(KokoroIpaTables, EspeakBeforeOneFiftyTwoGetsOpenO) {
  EXPECT_EQ(postprocess_english_ipa("ko", false, true), "kɔ");
  EXPECT_EQ(postprocess_english_ipa("ko", false, false), "ko");
}

TEST(KokoroIpaTables, ProtectBracketsForEspeak) {
  EXPECT_EQ(protect_brackets("«a» (b)"), "“a” «b»");
}

}  // namespace
}  // namespace chorus::kokoro
