#include <gtest/gtest.h>

#include "engines/kokoro/kokoro_japanese.h"
#include "engines/kokoro/kokoro_kana.h"
#include "engines/kokoro/kokoro_vocab.h"

using namespace chorus::kokoro;

namespace {
std::string kana(const char* s) { return kana_to_phonemes(utf8_to_u32(s)); }
}  // namespace

// The table Kokoro's Japanese voices were trained with (misaki's romanization).
TEST(KokoroKana, MoraeMapToKokoroSymbols) {
  EXPECT_EQ(kana("こんにちは"), "koɲɲiʨiha");  // ん before ɲ is ɲ
  EXPECT_EQ(kana("さくら"), "sakɯɾa");
  EXPECT_EQ(kana("しつもん"), "ɕiʦɨmoɴ");      // ん at the end is ɴ
  EXPECT_EQ(kana("ふじさん"), "ɸɯʥisaɴ");
}

TEST(KokoroKana, KatakanaReadsAsHiragana) {
  EXPECT_EQ(kana("トーキョー"), "toːkʲoː");  // the long-vowel mark is ː, きょ a digraph
  EXPECT_EQ(katakana_to_hiragana(U'カ'), U'か');
  EXPECT_EQ(katakana_to_hiragana(U'a'), U'a');
}

TEST(KokoroKana, SmallKanaSokuonAndSyllabicN) {
  EXPECT_EQ(kana("きゃく"), "kʲakɯ");
  EXPECT_EQ(kana("がっこう"), "ɡaʔkoɯ");       // small tsu is a glottal stop
  EXPECT_EQ(kana("さんぽ"), "sampo");          // ん before p is m
  EXPECT_EQ(kana("げんき"), "ɡeŋkʲi");         // ん before k is ŋ
  EXPECT_EQ(kana("ファイル"), "ɸaiɾɯ");       // ふぁ
  EXPECT_EQ(kana("いすゞ"), "isɨzɨ");          // voiced iteration mark
}

TEST(KokoroKana, PunctuationBecomesKokoroMarks) {
  EXPECT_EQ(japanese_mark(U'。'), ".");
  EXPECT_EQ(japanese_mark(U'、'), ",");
  EXPECT_EQ(japanese_mark(U'？'), "?");
  EXPECT_EQ(japanese_mark(U'「'), "“");
  EXPECT_EQ(japanese_mark(U'x'), "");
}

TEST(KokoroJapanese, WordsAreGroupedAndSpaced) {
  // As MeCab's IPA dictionary analyses 「東京は晴れています。」 (surface, features).
  std::vector<JapaneseMorpheme> words = {
      {"東京", {"名詞", "固有名詞", "地域", "一般", "*", "*", "東京", "トウキョウ", "トーキョー"}},
      {"は", {"助詞", "係助詞", "*", "*", "*", "*", "は", "ハ", "ワ"}},
      {"晴れ", {"動詞", "自立", "*", "*", "一段", "連用形", "晴れる", "ハレ", "ハレ"}},
      {"て", {"助詞", "接続助詞", "*", "*", "*", "*", "て", "テ", "テ"}},
      {"い", {"動詞", "非自立", "*", "*", "一段", "連用形", "いる", "イ", "イ"}},
      {"ます", {"助動詞", "*", "*", "*", "特殊・マス", "基本形", "ます", "マス", "マス"}},
      {"。", {"記号", "句点", "*", "*", "*", "*", "。", "。", "。"}},
  };
  EXPECT_EQ(phonemize_morphemes(words), "toːkʲoː βa haɾeteimasɨ.");
}

TEST(KokoroJapanese, UnknownKatakanaIsReadAsWrittenAndLatinKept) {
  std::vector<JapaneseMorpheme> words = {
      {"コパイロット", {"名詞", "一般", "*", "*", "*", "*", "*"}},
      {"と", {"助詞", "格助詞", "一般", "*", "*", "*", "と", "ト", "ト"}},
      {"Linux", {"名詞", "固有名詞", "組織", "*", "*", "*", "*"}},
      {"！", {"記号", "一般", "*", "*", "*", "*", "！", "！", "！"}},
  };
  EXPECT_EQ(phonemize_morphemes(words), "kopaiɾoʔto to Linux!");
}

// The real analyser (Debian's mecab-ipadic-utf8): the whole path from text.
TEST(KokoroJapanese, MeCabReadsRealText) {
  JapaneseG2P g2p;
  EXPECT_EQ(g2p.phonemize("東京は晴れています。"), "toːkʲoː βa haɾeteimasɨ.");
  const auto words = g2p.analyse("今日は良い天気");
  ASSERT_GE(words.size(), 3u);
  EXPECT_EQ(words.front().surface, "今日");
  const std::string phonemes = g2p.phonemize("公園を散歩しましょう。");
  const auto ids = Vocabulary::v1().encode(phonemes);
  EXPECT_EQ(ids.size(), utf8_to_u32(phonemes).size()) << "every symbol in Kokoro's vocabulary: " << phonemes;
}
