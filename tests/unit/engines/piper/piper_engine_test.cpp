// The Piper engine on stand-in voices whose output encodes what they were fed
// (tests/fixtures/piper/make_test_voices.py): sample value = id/1000 * length_scale + sid/10 +
// noise_scale/100, 100 samples per id.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#include <map>
#include <thread>

#include "core/api_error.h"
#include "engines/phonemizer/espeak_phonemes.h"
#include "engines/piper/piper_engine.h"
#include "engines/piper/piper_voice_model.h"

namespace chorus::piper {
namespace {

const std::string& fixture_dir() {
  static const std::string& dir = *new const std::string([] {
    const auto base = std::filesystem::temp_directory_path() / ("chorus-piper-fixtures-" + std::to_string(::getpid()));
    std::filesystem::create_directories(base);
    const std::string cmd = std::string("/usr/bin/python3 ") + CHORUS_SOURCE_DIR +
                            "/tests/fixtures/piper/make_test_voices.py " + base.string();
    if (std::system(cmd.c_str()) != 0) ADD_FAILURE() << "fixture generation failed: " << cmd;
    std::atexit([] { std::error_code ec; std::filesystem::remove_all(fixture_dir(), ec); });
    return (base / "piper").string();
  }());
  return dir;
}

// The stand-in whose graph ends in a VITS-like decoder, in a directory of its own.
const std::string& decoder_fixture_dir() {
  static const std::string& dir = *new const std::string([] {
    const auto base =
        std::filesystem::temp_directory_path() / ("chorus-piper-decoder-" + std::to_string(::getpid()));
    std::filesystem::create_directories(base);
    const std::string cmd = std::string("/usr/bin/python3 ") + CHORUS_SOURCE_DIR +
                            "/tests/fixtures/piper/make_test_voices.py " + base.string() + " decoder";
    if (std::system(cmd.c_str()) != 0) ADD_FAILURE() << "fixture generation failed: " << cmd;
    std::atexit([] { std::error_code ec; std::filesystem::remove_all(decoder_fixture_dir(), ec); });
    return (base / "piper").string();
  }());
  return dir;
}

std::unique_ptr<PiperEngine> make_engine(std::size_t max_loaded = 3, float noise = 0.0f,
                                         const std::string& voices_dir = fixture_dir()) {
  PiperConfig config;
  config.voices_dir = voices_dir;
  config.cache.max_loaded = max_loaded;
  config.cache.idle = std::chrono::milliseconds(0);
  config.noise_scale = noise;
  config.noise_w = 0.0f;
  return std::make_unique<PiperEngine>(config, scan_voices(config.voices_dir));
}

std::vector<float> speak(PiperEngine& engine, const std::string& voice, const std::string& text, float speed = 1.0f,
                         bool opens_response = false, std::vector<std::size_t>* pieces = nullptr) {
  SynthesisRequest request;
  request.text = text;
  request.voice_id = voice;
  request.language = "en-us";
  request.speed = speed;
  request.opens_response = opens_response;
  std::vector<float> audio;
  CancelToken cancel;
  engine.synthesize(request, [&](std::span<const float> s) {
    audio.insert(audio.end(), s.begin(), s.end());
    if (pieces) pieces->push_back(s.size());
    return true;
  }, cancel);
  return audio;
}

float max_difference(const std::vector<float>& a, const std::vector<float>& b) {
  float worst = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) worst = std::max(worst, std::fabs(a[i] - b[i]));
  return worst;
}

// The ids a stand-in voice received, read back from its output (offset = sid/10 + noise/100).
std::vector<std::int64_t> decode_ids(const std::vector<float>& audio, float length_scale, float offset) {
  std::vector<std::int64_t> ids;
  for (std::size_t i = 50; i < audio.size(); i += 100) {
    ids.push_back(std::lround((audio[i] - offset) * 1000 / length_scale));
  }
  return ids;
}

TEST(PiperEngine, ListsGoodVoicesAndSkipsUnusableJson) {
  auto engine = make_engine();
  std::vector<std::string> ids;
  for (const auto& v : engine->voices()) ids.push_back(v.id);
  // es_ES-nomap-medium has no phoneme_id_map: left out (logged). Graphs are checked on first use.
  EXPECT_EQ(ids, (std::vector<std::string>{"piper:de_DE-bad-medium", "piper:en_GB-aligned-low",
                                           "piper:en_US-multi-medium#alice", "piper:en_US-multi-medium#bob",
                                           "piper:en_US-multi-medium#carol", "piper:en_US-single-medium",
                                           "piper:fr_FR-corrupt-medium"}));
  EXPECT_EQ(engine->find_voice("piper:en_US-single-medium")->language, "en-us");
  EXPECT_EQ(engine->find_voice("piper:en_US-multi-medium#2")->id, "piper:en_US-multi-medium#2");
  EXPECT_FALSE(engine->find_voice("piper:en_US-multi-medium#dave"));
  EXPECT_FALSE(engine->find_voice("piper:en_US-single-medium#alice"));
  EXPECT_EQ(engine->find_voice("piper:en_US-multi-medium")->id, "piper:en_US-multi-medium#alice");
  // OpenAI names map onto the language's voices, stably.
  auto alloy = engine->voice_for_alias("alloy", "en-us");
  ASSERT_TRUE(alloy);
  EXPECT_EQ(alloy->id, engine->voice_for_alias("alloy", "en-us")->id);
  EXPECT_EQ(engine->voice_for_alias("nova", "en-gb")->id, "piper:en_GB-aligned-low");
  EXPECT_FALSE(engine->voice_for_alias("nova", "ja"));
  EXPECT_EQ(engine->info().sample_rate, 22050);
}

TEST(PiperEngine, FeedsPipersIdsScalesAndSpeaker) {
  auto engine = make_engine();
  const auto expected = engine->sentence_ids("Hello there.", "piper:en_US-single-medium");
  ASSERT_EQ(expected.size(), 1u);
  EXPECT_EQ(expected[0].front(), 1);  // ^
  EXPECT_EQ(expected[0][1], 0);       // _
  EXPECT_EQ(expected[0].back(), 2);   // $
  EXPECT_EQ(expected[0][expected[0].size() - 3], 10);  // the '.' kept as a phoneme, then _ and $

  auto audio = speak(*engine, "piper:en_US-single-medium", "Hello there.");
  EXPECT_EQ(decode_ids(audio, 1.0f, 0.0f), expected[0]);
  // speed 2 -> length_scale 0.5 (the voice's 1.0 / 2).
  EXPECT_EQ(decode_ids(speak(*engine, "piper:en_US-single-medium", "Hello there.", 2.0f), 0.5f, 0.0f), expected[0]);
  // bob is speaker 1: sid/10 = 0.1 on every sample.
  EXPECT_EQ(decode_ids(speak(*engine, "piper:en_US-multi-medium#bob", "Hello there."), 1.0f, 0.1f), expected[0]);
}

TEST(PiperEngine, VoiceNoiseUnlessOverridden) {
  auto engine = make_engine(3, -1.0f);  // the voice's noise_scale 0.667
  auto audio = speak(*engine, "piper:en_US-single-medium", "Hi.");
  const auto ids = engine->sentence_ids("Hi.", "piper:en_US-single-medium")[0];
  EXPECT_EQ(decode_ids(audio, 1.0f, 0.00667f), ids);
}

TEST(PiperEngine, SentencesAreSynthesizedOneAtATime) {
  auto engine = make_engine();
  const auto sentences = engine->sentence_ids("Hello there. How are you? Fine, thanks!", "piper:en_US-single-medium");
  ASSERT_EQ(sentences.size(), 3u);
  EXPECT_NE(std::find(sentences[1].begin(), sentences[1].end(), 13), sentences[1].end());  // '?'
  // ", " inside the third sentence: comma then space ids.
  auto comma = std::find(sentences[2].begin(), sentences[2].end(), 8);
  ASSERT_NE(comma, sentences[2].end());
  EXPECT_EQ(*(comma + 2), 3);
  int calls = 0;
  SynthesisRequest request;
  request.text = "Hello there. How are you? Fine, thanks!";
  request.voice_id = "piper:en_US-single-medium";
  CancelToken cancel;
  engine->synthesize(request, [&](std::span<const float>) { return ++calls < 100; }, cancel);
  EXPECT_EQ(calls, 3);
}

TEST(PiperEngine, LowRateVoicesAreResampled) {
  auto engine = make_engine();
  const auto ids = engine->sentence_ids("Hi.", "piper:en_GB-aligned-low")[0];
  auto audio = speak(*engine, "piper:en_GB-aligned-low", "Hi.");
  const double expected = ids.size() * 100 * 22050.0 / 16000.0;
  EXPECT_NEAR(static_cast<double>(audio.size()), expected, 64);
}

// The decoder stand-in (make_test_voices.py ... decoder): 4 latent frames per id, 8 samples per
// frame, sample offset sid/10.
TEST(PiperVoiceModel, SplitDecoderHandsOnTheFirstFramesAndTheSameSamples) {
  PiperVoiceModel model(decoder_fixture_dir() + "/en_US-decoder-medium.onnx", true, onnx::SessionOptions{});
  ASSERT_TRUE(model.decoder_split());
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 60; ++i) ids.push_back(1 + (i * 7) % 50);  // 240 frames
  const PiperScales scales{0.0f, 1.0f, 0.0f};
  const auto whole = model.run(ids, scales, 1).audio;
  ASSERT_EQ(whole.size(), 60u * 4 * 8);

  std::vector<float> joined;
  int calls = 0;
  const auto rest = model.run(ids, scales, 1, [&](std::span<const float> s) {
    ++calls;
    joined.assign(s.begin(), s.end());
    return true;
  }).audio;
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(joined.size(), static_cast<std::size_t>(kEarlyFrames) * 8);
  joined.insert(joined.end(), rest.begin(), rest.end());
  ASSERT_EQ(joined.size(), whole.size());
  EXPECT_LT(max_difference(joined, whole), 1e-6f);

  // The speaker reaches the split-off decoder.
  const auto other = model.run(ids, scales, 0).audio;
  ASSERT_EQ(other.size(), whole.size());
  EXPECT_NEAR(whole[100] - other[100], 0.1f, 1e-5f);

  // A sentence too short to be worth two windows is decoded whole; false from `early` stops.
  ids.resize(10);
  calls = 0;
  EXPECT_EQ(model.run(ids, scales, 1, [&](std::span<const float>) { return ++calls > 0; }).audio.size(), 320u);
  EXPECT_EQ(calls, 0);
  ids.resize(60);
  EXPECT_TRUE(model.run(ids, scales, 1, [](std::span<const float>) { return false; }).audio.empty());
}

TEST(PiperVoiceModel, GraphsWithoutTheDecoderRunWhole) {
  PiperVoiceModel model(fixture_dir() + "/en_US-single-medium.onnx", false, onnx::SessionOptions{});
  EXPECT_FALSE(model.decoder_split());
  std::vector<std::int64_t> ids(60, 5);
  int calls = 0;
  const auto audio = model.run(ids, PiperScales{0.0f, 1.0f, 0.0f}, std::nullopt, [&](std::span<const float>) {
    return ++calls > 0;
  }).audio;
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(audio.size(), 6000u);
}

TEST(PiperEngine, TheFirstSentenceOfAResponseStartsEarly) {
  auto engine = make_engine(3, 0.0f, decoder_fixture_dir());
  const std::string voice = "piper:en_US-decoder-medium#ben";
  const std::string text = "The first sentence is long enough to be started early. The second one is not.";
  std::vector<std::size_t> later_pieces, first_pieces;
  const auto later = speak(*engine, voice, text, 1.0f, false, &later_pieces);
  const auto first = speak(*engine, voice, text, 1.0f, true, &first_pieces);
  // One piece per sentence in a later chunk; the response's first sentence in two.
  EXPECT_EQ(later_pieces.size(), 2u);
  ASSERT_EQ(first_pieces.size(), 3u);
  EXPECT_EQ(first_pieces[0], static_cast<std::size_t>(kEarlyFrames) * 8);
  ASSERT_EQ(first.size(), later.size());
  EXPECT_LT(max_difference(first, later), 1e-5f);
}

TEST(PiperEngine, BadGraphsFailWithTheReasonAndOtherVoicesServe) {
  auto engine = make_engine();
  try {
    speak(*engine, "piper:de_DE-bad-medium", "Hallo.");
    FAIL();
  } catch (const EngineError& e) {
    EXPECT_NE(std::string(e.what()).find("no 'input' input"), std::string::npos) << e.what();
  }
  try {
    speak(*engine, "piper:fr_FR-corrupt-medium", "Bonjour.");
    FAIL();
  } catch (const EngineError& e) {
    EXPECT_NE(std::string(e.what()).find("fr_FR-corrupt-medium.onnx"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(speak(*engine, "piper:en_US-single-medium", "Still here.").empty());
  // Once a graph failed, its voice is no longer offered (no repeated failures for the breaker).
  EXPECT_FALSE(engine->find_voice("piper:de_DE-bad-medium"));
  for (const auto& v : engine->voices()) EXPECT_EQ(v.id.find("fr_FR-corrupt"), std::string::npos);
  auto stats = engine->stats();
  auto stat = [&](const std::string& name) {
    for (auto& [k, v] : stats) if (k == name) return v;
    return -1.0;
  };
  EXPECT_EQ(stat("voice_load_failures"), 2.0);
  EXPECT_EQ(stat("voices_loaded"), 1.0);
}

TEST(PiperEngine, LeastRecentlyUsedVoicesAreUnloaded) {
  auto engine = make_engine(/*max_loaded=*/1);
  speak(*engine, "piper:en_US-single-medium", "One.");
  speak(*engine, "piper:en_US-multi-medium#alice", "Two.");
  speak(*engine, "piper:en_US-multi-medium#bob", "Three.");  // same graph: no new load
  auto stats = engine->stats();
  std::map<std::string, double> s(stats.begin(), stats.end());
  EXPECT_EQ(s["voices_installed"], 5.0);
  EXPECT_EQ(s["voices_loaded"], 1.0);
  EXPECT_EQ(s["voice_loads"], 2.0);
  EXPECT_EQ(s["voice_unloads"], 1.0);
}

TEST(PiperVoiceCache, IdleVoicesAreUnloaded) {
  int loads = 0;
  auto loader = [&](const std::string&) {
    ++loads;
    return std::shared_ptr<const PiperVoiceModel>();
  };
  PiperVoiceCache cache({4, std::chrono::hours(1)}, loader);
  cache.get("a");
  cache.get("b");
  EXPECT_EQ(cache.counts().loaded, 2u);
  cache.unload_idle(std::chrono::steady_clock::now() + std::chrono::minutes(30));
  EXPECT_EQ(cache.counts().loaded, 2u);  // not idle long enough
  cache.unload_idle(std::chrono::steady_clock::now() + std::chrono::hours(2));
  EXPECT_EQ(cache.counts().loaded, 0u);
  EXPECT_EQ(cache.counts().unloads, 2u);
  cache.get("a");
  EXPECT_EQ(loads, 3);

  // The background sweep unloads on its own (it checks about once a second).
  PiperVoiceCache swept({4, std::chrono::milliseconds(50)}, loader);
  swept.get("a");
  for (int i = 0; i < 250 && swept.counts().loaded > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(swept.counts().loaded, 0u);
}

TEST(PiperEngine, InlinePronunciationsBecomePhonemes) {
  auto engine = make_engine();
  ASSERT_TRUE(engine->info().accepts_ipa_markup);
  const auto phonemes = engine->sentence_phonemes_utf8("Say [tomato](/təmˈɑːtoʊ/) please.", "piper:en_US-single-medium");
  ASSERT_EQ(phonemes.size(), 1u);
  // The given IPA, with a word space on both sides, between espeak's phonemes for the rest.
  EXPECT_NE(phonemes[0].find(" təmˈɑːtoʊ "), std::string::npos) << phonemes[0];
  EXPECT_EQ(phonemes[0].find("tomato"), std::string::npos) << phonemes[0];
  EXPECT_EQ(phonemes[0].back(), '.');
}

TEST(EspeakClauses, PunctuationBecomesTerminators) {
  initialize_espeak_phonemes("");
  auto clauses = espeak_clauses("Hello, world. Pi is 3.14 ok", "en-us");
  ASSERT_EQ(clauses.size(), 3u);
  EXPECT_EQ(clauses[0].terminator, ',');
  EXPECT_FALSE(clauses[0].ends_sentence);
  EXPECT_EQ(clauses[1].terminator, '.');
  EXPECT_TRUE(clauses[1].ends_sentence);
  EXPECT_EQ(clauses[2].terminator, 0);  // "3.14": not a clause end
  auto sentences = piper_sentences(clauses);
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_NE(sentences[0].find(", "), std::string::npos);
  EXPECT_EQ(sentences[0].back(), '.');
}

}  // namespace
}  // namespace chorus::piper
