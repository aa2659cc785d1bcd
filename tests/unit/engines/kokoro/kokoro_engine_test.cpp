#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/api_error.h"
#include "engines/kokoro/kokoro_engine.h"
#include "engines/kokoro/kokoro_model_files.h"
#include "kokoro_test_fixtures.h"

namespace chorus::kokoro {
namespace {

using testing::decode;
using testing::echo_ipa;
using testing::load_engine;
using testing::Decoded;
using testing::fixture_dir;
using testing::fixture_style;
using testing::variant_dir;
using testing::voice_number;

std::vector<std::vector<float>> run(KokoroEngine& engine, std::string_view phonemes, const std::string& voice,
                                    float speed) {
  std::vector<std::vector<float>> batches;
  CancelToken cancel;
  const auto blend = parse_voice_blend(voice);
  EXPECT_TRUE(blend);
  engine.synthesize_phonemes(phonemes, *blend, speed, [&](std::span<const float> pcm) {
    batches.emplace_back(pcm.begin(), pcm.end());
    return true;
  }, cancel);
  return batches;
}

const char* kVariants[] = {"taylorchu", "onnx-community", "hexgrad", "v1.1"};

TEST(KokoroEngine, EveryExportVariantLoads) {
  for (const char* variant : kVariants) {
    SCOPED_TRACE(variant);
    auto engine = load_engine(variant);
    ASSERT_TRUE(engine);
    EXPECT_EQ(engine->info().name, "kokoro");
    EXPECT_EQ(engine->info().sample_rate, 24000);
    EXPECT_EQ(engine->voices().size(), 16u);
    const auto& sig = engine->signature();
    const std::string v = variant;
    EXPECT_EQ(sig.tokens_input, v == "taylorchu" ? "tokens" : "input_ids");
    EXPECT_EQ(sig.audio_output, v == "taylorchu" ? "audio" : "waveform");
    EXPECT_EQ(sig.duration_output.empty(), v == "taylorchu" || v == "onnx-community");
    EXPECT_EQ(sig.integer_speed(), v == "hexgrad");
    EXPECT_EQ(sig.kokoro_config.has_value(), v == "v1.1");
    EXPECT_EQ(engine->info().min_speed, v == "hexgrad" ? 1.0f : 0.5f);
    EXPECT_EQ(engine->info().max_speed, v == "hexgrad" ? 1.0f : 2.0f);
    const auto out = run(*engine, "həlˈO", "af_heart", 1.0f);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(decode(out[0]).tokens, (std::vector<std::int64_t>{0, 50, 83, 54, 156, 31, 0}));
  }
}

TEST(KokoroEngine, ModelVersionNamesTheVariant) {
  auto engine = load_engine("v1.1");
  ASSERT_TRUE(engine);
  EXPECT_EQ(engine->info().model_version.rfind("kokoro kokoro-v1.0.fp16.onnx fp16 id:", 0), 0u)
      << engine->info().model_version;
  EXPECT_EQ(model_variant("x/model_quantized.onnx"), "q8");
  EXPECT_EQ(model_variant("kokoro-v1.0.int8.onnx"), "int8");
  EXPECT_EQ(model_variant("model.onnx"), "fp32");
}

TEST(KokoroEngine, TokenIdsStyleRowAndSpeedReachTheModel) {
  auto engine = load_engine("taylorchu");
  ASSERT_TRUE(engine);
  const std::string phonemes = "ðə kwˈɪk bɹˈWn fˈɑks.";
  const auto ids = Vocabulary::v1().encode(phonemes);
  for (float speed : {0.5f, 1.0f, 1.25f, 2.0f}) {
    const auto out = run(*engine, phonemes, "bf_emma", speed);
    ASSERT_EQ(out.size(), 1u);
    const Decoded d = decode(out[0]);
    std::vector<std::int64_t> expected = {0};
    expected.insert(expected.end(), ids.begin(), ids.end());
    expected.push_back(0);
    EXPECT_EQ(d.tokens, expected);
    // Row N = token count without pads (kokoro-onnx's voice[len(tokens)]).
    const int row = static_cast<int>(ids.size()) - 1;  // N tokens use row N - 1
    EXPECT_EQ(d.style0, fixture_style(voice_number("bf_emma"), row, 0));
    EXPECT_EQ(d.style128, fixture_style(voice_number("bf_emma"), row, 128));
    EXPECT_EQ(d.style255, fixture_style(voice_number("bf_emma"), row, 255));
    EXPECT_FLOAT_EQ(d.speed, speed);
    EXPECT_EQ(d.tone_samples, static_cast<std::size_t>(std::floor(expected.size() * 600 / speed)));
  }
  // Outside the native range the speed is clamped (the pipeline post-processes the rest).
  EXPECT_FLOAT_EQ(decode(run(*engine, phonemes, "bf_emma", 4.0f)[0]).speed, 2.0f);
  EXPECT_FLOAT_EQ(decode(run(*engine, phonemes, "bf_emma", 0.25f)[0]).speed, 0.5f);
}

TEST(KokoroEngine, IntegerSpeedExportGetsOne) {
  auto engine = load_engine("hexgrad");
  ASSERT_TRUE(engine);
  EXPECT_FLOAT_EQ(decode(run(*engine, "ab", "af_heart", 1.4f)[0]).speed, 1.0f);
}

TEST(KokoroEngine, EmbeddedVocabularyIsUsed) {
  // The v1.1 stand-in's kokoro_config maps ʔ to 176 (unused in v1.0's vocabulary, where it is 148).
  auto v11 = load_engine("v1.1");
  auto v10 = load_engine("onnx-community");
  ASSERT_TRUE(v11 && v10);
  EXPECT_EQ(decode(run(*v11, "aʔ", "af_heart", 1.0f)[0]).tokens, (std::vector<std::int64_t>{0, 43, 176, 0}));
  EXPECT_EQ(decode(run(*v10, "aʔ", "af_heart", 1.0f)[0]).tokens, (std::vector<std::int64_t>{0, 43, 148, 0}));
}

TEST(KokoroEngine, BlendsAreWeightedAverages) {
  auto engine = load_engine("taylorchu");
  ASSERT_TRUE(engine);
  const int bella = voice_number("af_bella"), sky = voice_number("af_sky");
  const int row = 2;  // "abc" = 3 tokens: row 2
  auto style0 = [&](const std::string& voice) { return decode(run(*engine, "abc", voice, 1.0f)[0]).style0; };
  EXPECT_NEAR(style0("af_bella+af_sky"), 0.5f * fixture_style(bella, row, 0) + 0.5f * fixture_style(sky, row, 0), 1e-5);
  EXPECT_NEAR(style0("af_bella(2)+af_sky(1)"),
              (2.0f * fixture_style(bella, row, 0) + fixture_style(sky, row, 0)) / 3.0f, 1e-5);
  EXPECT_NEAR(style0("af_bella(0.25)+af_sky(0.75)"),
              0.25f * fixture_style(bella, row, 0) + 0.75f * fixture_style(sky, row, 0), 1e-5);
  ASSERT_TRUE(engine->find_voice("af_bella(2)+af_sky(1)"));
  EXPECT_EQ(engine->find_voice("af_bella(2)+af_sky(1)")->id, "af_bella(2)+af_sky(1)");
  EXPECT_EQ(engine->find_voice("af_bella+am_adam")->gender, "");
  EXPECT_FALSE(engine->find_voice("af_bella+af_nope"));
  EXPECT_FALSE(engine->find_voice("nope"));
}

TEST(KokoroEngine, LongInputIsSplitWithin510AndRejoined) {
  auto engine = load_engine("onnx-community");
  ASSERT_TRUE(engine);
  std::string text;
  for (int i = 0; i < 30; ++i) text += "ðə kwˈɪk bɹˈWn fˈɑks, ʤˈʌmps ˈOvəɹ ðə lˈAzi dˈɑɡ. ";
  const auto out = run(*engine, text, "af_heart", 1.0f);
  ASSERT_GE(out.size(), 3u);
  std::vector<std::int64_t> joined;
  for (const auto& pcm : out) {
    const Decoded d = decode(pcm);
    ASSERT_LE(d.tokens.size(), kMaxTokens + 2);
    EXPECT_EQ(d.tokens.front(), 0);
    EXPECT_EQ(d.tokens.back(), 0);
    // Each batch gets the style row of its own length, clamped to the array.
    const int row = std::min<int>(static_cast<int>(d.tokens.size()) - 3, 509);
    EXPECT_EQ(d.style0, fixture_style(voice_number("af_heart"), row, 0));
    if (!joined.empty()) joined.push_back(16);
    joined.insert(joined.end(), d.tokens.begin() + 1, d.tokens.end() - 1);
  }
  auto expected = Vocabulary::v1().encode(text);
  while (expected.back() == 16) expected.pop_back();
  EXPECT_EQ(joined, expected);
}

TEST(KokoroEngine, VoicesAliasesAndRequests) {
  auto engine = load_engine("taylorchu");
  ASSERT_TRUE(engine);
  const auto voices = engine->voices();
  const auto heart = std::find_if(voices.begin(), voices.end(), [](const VoiceInfo& v) { return v.id == "af_heart"; });
  ASSERT_NE(heart, voices.end());
  EXPECT_EQ(heart->language, "en-us");
  EXPECT_EQ(heart->gender, "female");
  EXPECT_EQ(heart->engine, "kokoro");
  EXPECT_EQ(engine->voice_for_alias("alloy", "en")->id, "af_alloy");
  EXPECT_EQ(engine->voice_for_alias("onyx", "en-gb")->id, "bm_george");
  EXPECT_EQ(engine->voice_for_alias("nova", "es")->id, "ef_dora");
  EXPECT_FALSE(engine->voice_for_alias("alloy", "de"));

  // Through synthesize(): the echo phonemizer returns the text, so the ids are the text's.
  SynthesisRequest request;
  request.text = "abc, d.";
  request.voice_id = "af_sky";
  request.language = "en-us";
  request.speed = 1.0f;
  std::vector<float> pcm;
  CancelToken cancel;
  engine->synthesize(request, [&](std::span<const float> s) { pcm.assign(s.begin(), s.end()); return true; }, cancel);
  EXPECT_EQ(decode(pcm).tokens, (std::vector<std::int64_t>{0, 43, 44, 45, 3, 16, 46, 4, 0}));
  request.voice_id = "af_nope";
  EXPECT_THROW(engine->synthesize(request, [](std::span<const float>) { return true; }, cancel), EngineError);
  request.voice_id = "jf_alpha";
  request.language = "ja";  // no G2P for Japanese
  EXPECT_THROW(engine->synthesize(request, [](std::span<const float>) { return true; }, cancel), EngineError);
}

TEST(KokoroEngine, SinkAndCancelStopSynthesis) {
  auto engine = load_engine("taylorchu");
  ASSERT_TRUE(engine);
  std::string text;
  for (int i = 0; i < 30; ++i) text += "ðə kwˈɪk bɹˈWn fˈɑks, ʤˈʌmps ˈOvəɹ ðə lˈAzi dˈɑɡ. ";
  int calls = 0;
  CancelToken cancel;
  EXPECT_FALSE(engine->synthesize_phonemes(text, *parse_voice_blend("af_heart"), 1.0f,
                                           [&](std::span<const float>) { return ++calls < 1; }, cancel));
  EXPECT_EQ(calls, 1);
  cancel.cancel();
  calls = 0;
  EXPECT_FALSE(engine->synthesize_phonemes(text, *parse_voice_blend("af_heart"), 1.0f,
                                           [&](std::span<const float>) { return ++calls > 0; }, cancel));
  EXPECT_EQ(calls, 0);
}

class KokoroCorruptFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(fixture_dir()) / ("corrupt-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
  }
  std::string write(const std::string& name, const std::string& bytes) {
    const auto path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  std::string load_error(const std::string& model, const std::string& voices) {
    KokoroConfig config;
    config.model_path = model;
    config.voices_path = voices;
    try {
      KokoroEngine engine(config, echo_ipa);
    } catch (const KokoroLoadError& e) {
      return e.what();
    }
    return "(loaded)";
  }
  std::filesystem::path dir_;
  static inline int counter_ = 0;
};

TEST_F(KokoroCorruptFiles, GarbageModelGivesClearError) {
  const auto voices = variant_dir("taylorchu") + "/kokoro/voices-v1.0.bin";
  const auto error = load_error(write("kokoro-v1.0.onnx", "this is not an onnx graph"), voices);
  EXPECT_NE(error.find("kokoro-v1.0.onnx"), std::string::npos) << error;
  EXPECT_NE(error.find("cannot load"), std::string::npos) << error;
  // A truncated real graph.
  std::ifstream in(variant_dir("v1.1") + "/kokoro/kokoro-v1.0.fp16.onnx", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(load_error(write("cut.onnx", bytes.substr(0, bytes.size() / 2)), voices), "(loaded)");
  EXPECT_NE(load_error((dir_ / "missing.onnx").string(), voices).find("missing.onnx"), std::string::npos);
}

TEST_F(KokoroCorruptFiles, CorruptVoicesGiveClearError) {
  const auto model = variant_dir("taylorchu") + "/kokoro/kokoro-v1.0.onnx";
  const auto error = load_error(model, write("voices-v1.0.bin", std::string(4096, 'x')));
  EXPECT_NE(error.find("voices-v1.0.bin"), std::string::npos) << error;
  EXPECT_NE(error.find("not a valid NumPy .npz"), std::string::npos) << error;
  EXPECT_NE(load_error(model, fixture_dir() + "/voices-compressed.bin").find("compressed"), std::string::npos);
}

TEST_F(KokoroCorruptFiles, ModelWithWrongSignatureIsNamed) {
  // Any ONNX graph that is not Kokoro-shaped: the onnx-community graph's voices file as model
  // would be a parse error; build one with a wrong input name instead via the stand-in.
  const std::string cmd = std::string("/usr/bin/python3 -c \"import onnx; from onnx import helper, TensorProto as T; ") +
                          "g = helper.make_graph([helper.make_node('Identity', ['x'], ['y'])], 'g', " +
                          "[helper.make_tensor_value_info('x', T.FLOAT, [1])], [helper.make_tensor_value_info('y', T.FLOAT, [1])]); " +
                          "m = helper.make_model(g, opset_imports=[helper.make_opsetid('', 17)]); m.ir_version = 8; " +
                          "onnx.save(m, '" + (dir_ / "other.onnx").string() + "')\"";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const auto error = load_error((dir_ / "other.onnx").string(), variant_dir("taylorchu") + "/kokoro/voices-v1.0.bin");
  EXPECT_NE(error.find("not a Kokoro model"), std::string::npos) << error;
  EXPECT_NE(error.find("x:float32"), std::string::npos) << error;
}

TEST(KokoroModelFiles, FindsModelAndVoices) {
  EXPECT_FALSE(find_kokoro_files(""));
  EXPECT_FALSE(find_kokoro_files(fixture_dir() + "/nowhere"));
  const auto files = find_kokoro_files(variant_dir("onnx-community"));
  ASSERT_TRUE(files);
  EXPECT_EQ(std::filesystem::path(files->model).filename(), "model.onnx");
  EXPECT_EQ(std::filesystem::path(files->voices).filename(), "voices-v1.0.bin");
}

TEST(KokoroConfigTest, ValidateAndToString) {
  KokoroConfig c;
  EXPECT_THROW(c.Validate(), std::invalid_argument);
  c.model_path = "m.onnx";
  c.voices_path = "v.bin";
  EXPECT_NO_THROW(c.Validate());
  c.max_concurrency = 0;  // one Run per core
  EXPECT_NO_THROW(c.Validate());
  c.max_concurrency = -1;
  EXPECT_THROW(c.Validate(), std::invalid_argument);
  EXPECT_NE(c.ToString().find("m.onnx"), std::string::npos);
}

}  // namespace
}  // namespace chorus::kokoro
