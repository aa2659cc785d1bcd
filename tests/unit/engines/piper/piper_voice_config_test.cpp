// NAME.onnx.json parsing and Piper's id rules.
#include <gtest/gtest.h>

#include "engines/piper/piper_phoneme_ids.h"
#include "engines/piper/piper_voice_config.h"

namespace chorus::piper {
namespace {

const char* kMinimal = R"({
  "audio": {"sample_rate": 16000, "quality": "low"},
  "espeak": {"voice": "en-us"},
  "inference": {"noise_scale": 0.5, "length_scale": 1.2, "noise_w": 0.7,
                "phoneme_silence": {".": 0.3}},
  "phoneme_map": {"g": ["ɡ"]},
  "phoneme_id_map": {"_": [0], "^": [1], "$": [2], " ": [3], "a": [14], "b": [15, 16], "ɡ": [66], ".": [10]},
  "num_speakers": 2, "speaker_id_map": {"x": 0, "y": 1},
  "language": {"code": "en_US"}, "dataset": "test"
})";

TEST(PiperVoiceConfig, ReadsEveryKeyTheLoaderUses) {
  PiperVoiceConfig c = parse_voice_config(kMinimal, "v.onnx.json");
  EXPECT_EQ(c.sample_rate, 16000);
  EXPECT_EQ(c.quality, "low");
  EXPECT_EQ(c.espeak_voice, "en-us");
  EXPECT_FLOAT_EQ(c.noise_scale, 0.5f);
  EXPECT_FLOAT_EQ(c.length_scale, 1.2f);
  EXPECT_FLOAT_EQ(c.noise_w, 0.7f);
  EXPECT_FLOAT_EQ(c.phoneme_silence.at(U'.'), 0.3f);
  EXPECT_EQ(c.num_speakers, 2);
  EXPECT_TRUE(c.multi_speaker());
  EXPECT_EQ(c.speaker_id_map.at("y"), 1);
  EXPECT_EQ(c.language_code, "en_US");
  EXPECT_EQ(c.phoneme_id_map.at(U'b'), (std::vector<std::int64_t>{15, 16}));
}

TEST(PiperVoiceConfig, IdsFollowPipersRules) {
  PiperVoiceConfig c = parse_voice_config(kMinimal, "v.onnx.json");
  std::set<char32_t> missing;
  // ^ _ then each phoneme's ids and a pad, then $. 'z' is not in the map: dropped and reported.
  EXPECT_EQ(phoneme_ids(U"ab z.", c, &missing),
            (std::vector<std::int64_t>{1, 0, 14, 0, 15, 16, 0, 3, 0, 10, 0, 2}));
  EXPECT_EQ(missing, std::set<char32_t>{U'z'});
  EXPECT_EQ(map_phonemes(U"gag", c), U"ɡaɡ");
  EXPECT_EQ(phoneme_ids(U"", c), (std::vector<std::int64_t>{1, 0, 2}));
}

TEST(PiperPhonemes, PrecomposedLettersAreDecomposedAsPiperDoes) {
  // espeak-ng writes German "ich" as ˈɪç; Piper's voices know c + U+0327, not ç.
  EXPECT_EQ(decompose_phonemes(U"ˈɪç"), std::u32string(U"ˈɪc\u0327"));
  EXPECT_EQ(decompose_phonemes(U"kafˈé"), std::u32string(U"kafˈe\u0301"));
  EXPECT_EQ(decompose_phonemes(U"ɐ̃ʊ̃ ŋ"), std::u32string(U"ɐ̃ʊ̃ ŋ"));  // already decomposed, or no decomposition
}

std::string error_of(const std::string& json) {
  try {
    parse_voice_config(json, "bad.onnx.json");
  } catch (const PiperVoiceError& e) {
    return e.what();
  }
  return "no error";
}

TEST(PiperVoiceConfig, BadFilesNameTheProblem) {
  EXPECT_NE(error_of("{not json").find("bad.onnx.json: not a JSON object"), std::string::npos);
  EXPECT_NE(error_of(R"({"espeak": {"voice": "en"}})").find("missing phoneme_id_map"), std::string::npos);
  EXPECT_NE(error_of(R"({"espeak": {"voice": "en"}, "phoneme_id_map": {"_": [0], "^": [1]}})").find("lacks '$'"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"espeak": {"voice": "en"}, "phoneme_id_map": {"_": [0], "^": [1], "$": ["x"]}})")
                .find("not a non-negative integer id"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"espeak": {"voice": "en"}, "phoneme_id_map": {"_": [0], "^": [1], "$": [2], "ab": [3]}})")
                .find("more than one code point"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"phoneme_id_map": {"_": [0], "^": [1], "$": [2]}})").find("missing espeak.voice"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"espeak": {"voice": "en"}, "phoneme_id_map": {"_": [0], "^": [1], "$": [2]},
                        "num_speakers": 2, "speaker_id_map": {"z": 5}})")
                .find("not an id in 0..1"),
            std::string::npos);
  // Scales a float cannot hold (1e39 would be infinity) or that no voice uses.
  for (const char* scales : {R"("noise_scale": 1e39)", R"("noise_w": -0.5)", R"("length_scale": 0)",
                             R"("length_scale": 11)"}) {
    const std::string text = std::string(R"({"espeak": {"voice": "en"}, "phoneme_id_map": {"_": [0], "^": [1], "$": [2]},
                        "inference": {)") + scales + "}}";
    EXPECT_NE(error_of(text).find("bad.onnx.json: inference."), std::string::npos) << scales;
  }
  // phoneme_type "text" needs no espeak voice.
  EXPECT_EQ(error_of(R"({"phoneme_type": "text", "phoneme_id_map": {"_": [0], "^": [1], "$": [2]}})"), "no error");
}

}  // namespace
}  // namespace chorus::piper
