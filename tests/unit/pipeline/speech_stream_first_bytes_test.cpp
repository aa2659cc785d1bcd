// The first bytes of a stream leave after the first piece's head (a tenth of a second), not after
// the whole piece is post-processed and encoded, and the split changes no byte of the audio; nor
// does post-processing moving to its own thread after the first bytes, however the caller reads.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "audio/watermark/watermark_payload.h"
#include "pipeline/speech_stream.h"

namespace chorus {
namespace {

constexpr int kRate = 24000;

// One second of a tone per chunk, handed to the sink in pieces of `piece` samples.
class ToneEngine : public Engine {
 public:
  explicit ToneEngine(std::size_t piece) : piece_(piece) {
    info_.name = "tone";
    info_.sample_rate = kRate;
  }
  const EngineInfo& info() const override { return info_; }
  std::vector<VoiceInfo> voices() const override { return {}; }
  std::optional<VoiceInfo> find_voice(std::string_view) const override { return std::nullopt; }
  std::optional<VoiceInfo> voice_for_alias(std::string_view, std::string_view) const override { return std::nullopt; }
  void synthesize(const SynthesisRequest& request, const PcmSink& sink, const CancelToken&) override {
    opened.push_back(request.opens_response);
    std::vector<float> second(kRate);
    for (std::size_t i = 0; i < second.size(); ++i) {
      second[i] = 0.3f * static_cast<float>(std::sin(2.0 * M_PI * 220.0 * i / kRate) +
                                            0.5 * std::sin(2.0 * M_PI * 1375.0 * i / kRate));
    }
    for (std::size_t at = 0; at < second.size(); at += piece_) {
      const std::size_t n = std::min(piece_, second.size() - at);
      if (!sink(std::span<const float>(second.data() + at, n))) return;
    }
  }

  std::vector<bool> opened;  // SynthesisRequest::opens_response of each call

 private:
  EngineInfo info_;
  std::size_t piece_;
};

SpeechPlan plan_for(std::size_t piece, AudioFormat format, bool marked) {
  SpeechPlan plan;
  plan.engine = std::make_shared<ToneEngine>(piece);
  plan.voice.id = "v";
  plan.language = "en";
  plan.format = format;
  plan.chunks = {TextChunk{"One.", 0}, TextChunk{"Two.", 0}};
  if (marked) plan.watermark = audio::watermark::payload_at(5, 1'800'000'000);
  return plan;
}

struct Drained {
  std::string first;
  std::string all;
};

// 16-bit samples of an encoded stream, decoded by the ffmpeg tool.
std::string decoded(const std::string& encoded) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("chorus-first-bytes-" + std::to_string(::getpid()) + ".ogg");
  std::ofstream(path, std::ios::binary) << encoded;
  std::string samples;
  if (FILE* pipe = ::popen(("ffmpeg -v error -i " + path.string() + " -f s16le -ac 1 -").c_str(), "r")) {
    char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) samples.append(buffer, n);
    EXPECT_EQ(::pclose(pipe), 0);
  }
  std::filesystem::remove(path);
  return samples;
}

Drained drain(SpeechPlan plan) {
  SpeechStream stream(std::move(plan));
  Drained d;
  std::string bytes;
  while (stream.next(bytes)) {
    if (d.all.empty()) d.first = bytes;
    d.all += bytes;
  }
  return d;
}

TEST(SpeechStreamFirstBytes, OnlyTheHeadOfTheFirstPieceGoesFirst) {
  for (bool marked : {false, true}) {
    // The engine hands over a whole second at once.
    const Drained whole = drain(plan_for(kRate, AudioFormat::kPcm, marked));
    ASSERT_FALSE(whole.first.empty());
    EXPECT_LE(whole.first.size(), kRate / 10 * 2u) << "marked " << marked;  // at most 0.1 s of s16
    EXPECT_EQ(whole.all.size(), 2u * kRate * 2u);
  }
}

// Engines that can start a sentence early (Piper) do it for the chunk that opens the response:
// the first one with words, not a pause before it, and no later one.
TEST(SpeechStreamFirstBytes, TheFirstChunkWithWordsOpensTheResponse) {
  auto engine = std::make_shared<ToneEngine>(kRate);
  SpeechPlan plan = plan_for(kRate, AudioFormat::kPcm, false);
  plan.engine = engine;
  plan.chunks = {TextChunk{" ", 0.25}, TextChunk{"One.", 0}, TextChunk{"Two.", 0}};
  drain(std::move(plan));
  EXPECT_EQ(engine->opened, (std::vector<bool>{true, false}));
}

TEST(SpeechStreamFirstBytes, SplittingTheFirstPieceChangesNoByte) {
  for (AudioFormat format : {AudioFormat::kPcm, AudioFormat::kWav, AudioFormat::kMp3, AudioFormat::kOpus,
                             AudioFormat::kAac, AudioFormat::kFlac}) {
    for (bool marked : {false, true}) {
      // Pieces of 100 samples are never split; a whole second is.
      const Drained small = drain(plan_for(100, format, marked));
      const Drained whole = drain(plan_for(kRate, format, marked));
      ASSERT_FALSE(whole.all.empty());
      if (format == AudioFormat::kOpus) {
        // Ogg pages follow the writes (one is flushed per write, for streaming): the packets,
        // and so the decoded audio, are what must not change.
        const std::string audio = decoded(whole.all);
        ASSERT_GT(audio.size(), 2u * kRate * 2u * 9 / 10);
        EXPECT_TRUE(audio == decoded(small.all)) << "marked " << marked;
        continue;
      }
      EXPECT_TRUE(whole.all == small.all) << "format " << static_cast<int>(format) << " marked " << marked;
    }
  }
}

// Post-processing runs on the caller's thread until the first bytes are out, then on its own: a
// caller that reads slowly (the queues fill, next() gathers many pieces at once) and one that
// reads at once must get the same bytes, marked or not, and word timings for every chunk.
TEST(SpeechStreamFirstBytes, PostProcessingOnItsOwnThreadChangesNoByte) {
  for (bool marked : {false, true}) {
    SpeechPlan plan = plan_for(480, AudioFormat::kMp3, marked);
    plan.chunks = {TextChunk{"One.", 0}, TextChunk{"Two.", 0}, TextChunk{"Three.", 0}, TextChunk{"Four.", 0}};
    plan.chunks[1].pause_after_seconds = 0.25;
    const std::string prompt = drain(plan).all;
    SpeechStream slow_stream(plan, StreamOptions{0.5, true});  // half a second buffered per queue
    std::string slow, bytes;
    while (slow_stream.next(bytes)) {
      slow += bytes;
      std::this_thread::sleep_for(std::chrono::milliseconds(15));
    }
    EXPECT_TRUE(slow_stream.completed());
    ASSERT_GT(prompt.size(), 4000u);
    EXPECT_TRUE(slow == prompt) << "marked " << marked;
    EXPECT_NEAR(slow_stream.audio_seconds(), 4.25, 0.01);
  }
}

}  // namespace
}  // namespace chorus
