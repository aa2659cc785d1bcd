#include "engines/xtts/xtts_latents.h"

#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "core/api_error.h"
#include "engines/xtts/xtts_latents_cache.h"

namespace chorus::xtts {
namespace {

Latents sample_latents(float seed, std::size_t rows = 32) {
  Latents latents;
  for (std::size_t i = 0; i < rows * kLatentWidth; ++i) {
    latents.gpt_cond_latent.push_back(seed + static_cast<float>(i % 7) * 0.125f);
  }
  for (std::size_t i = 0; i < kEmbeddingSize; ++i) {
    latents.speaker_embedding.push_back(-seed + static_cast<float>(i % 5) * 0.0625f);
  }
  return latents;
}

TEST(XttsLatents, JsonRoundTripIsExact) {
  Latents original = sample_latents(0.3f);
  Latents back = parse_latents(latents_to_json(original));
  EXPECT_EQ(back.rows(), 32u);
  EXPECT_EQ(back.gpt_cond_latent, original.gpt_cond_latent);
  EXPECT_EQ(back.speaker_embedding, original.speaker_embedding);
  // Nested as the server sends it: 32 rows of 1024.
  auto json = nlohmann::json::parse(latents_to_json(original));
  EXPECT_EQ(json["gpt_cond_latent"].size(), 32u);
  EXPECT_EQ(json["gpt_cond_latent"][0].size(), kLatentWidth);
  EXPECT_EQ(json["speaker_embedding"].size(), kEmbeddingSize);
}

TEST(XttsLatents, AcceptsFlatAndOlderShapes) {
  // The server reshapes to (-1, 1024): a flat list and a 65-row latent are both valid.
  nlohmann::json flat = {{"gpt_cond_latent", std::vector<float>(2 * kLatentWidth, 0.5f)},
                         {"speaker_embedding", {std::vector<float>(kEmbeddingSize, 0.25f)}}};
  EXPECT_EQ(latents_from_json(flat).rows(), 2u);
  EXPECT_EQ(parse_latents(latents_to_json(sample_latents(1.0f, 65))).rows(), 65u);
}

TEST(XttsLatents, RejectsBadShapes) {
  EXPECT_THROW(parse_latents("not json"), EngineError);
  EXPECT_THROW(parse_latents("{}"), EngineError);
  nlohmann::json narrow = {{"gpt_cond_latent", std::vector<float>(1000, 0.0f)},
                           {"speaker_embedding", std::vector<float>(kEmbeddingSize, 0.0f)}};
  EXPECT_THROW(latents_from_json(narrow), EngineError);
  nlohmann::json short_embedding = {{"gpt_cond_latent", std::vector<float>(kLatentWidth, 0.0f)},
                                    {"speaker_embedding", std::vector<float>(511, 0.0f)}};
  EXPECT_THROW(latents_from_json(short_embedding), EngineError);
  nlohmann::json text = {{"gpt_cond_latent", "abc"}, {"speaker_embedding", "def"}};
  EXPECT_THROW(latents_from_json(text), EngineError);
}

// A voice store double: counts loads and stores, keeps blobs per (engine, version).
struct FakeStore {
  std::mutex mutex;
  std::map<std::string, std::string> blobs;
  std::atomic<int> loads{0}, stores{0};

  std::shared_ptr<SpeakerReference> reference(const std::string& voice_id) {
    auto ref = std::make_shared<SpeakerReference>();
    ref->voice_id = voice_id;
    ref->audio.assign(24000, 0.1f);
    ref->load_embedding = [this, voice_id](const std::string& engine, const std::string& version)
        -> std::optional<std::string> {
      ++loads;
      std::lock_guard lock(mutex);
      auto it = blobs.find(voice_id + "|" + engine + "|" + version);
      if (it == blobs.end()) return std::nullopt;
      return it->second;
    };
    ref->store_embedding = [this, voice_id](const std::string& engine, const std::string& version,
                                            const std::string& blob) {
      ++stores;
      std::lock_guard lock(mutex);
      blobs[voice_id + "|" + engine + "|" + version] = blob;
    };
    return ref;
  }
};

TEST(XttsLatentsCache, ConcurrentFirstRequestsComputeOnce) {
  FakeStore store;
  auto ref = store.reference("voice_a");
  LatentsCache cache("xtts", "v1", 8);
  std::atomic<int> computes{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto latents = cache.get(*ref, [&] {
        ++computes;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return sample_latents(0.5f);
      });
      EXPECT_EQ(latents->speaker_embedding.size(), kEmbeddingSize);
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(computes.load(), 1);
  EXPECT_EQ(store.stores.load(), 1);
  EXPECT_EQ(cache.computed(), 1u);
  EXPECT_EQ(store.blobs.count("voice_a|xtts|v1"), 1u);
}

TEST(XttsLatentsCache, StoredLatentsAreReusedAcrossInstances) {
  FakeStore store;
  auto ref = store.reference("voice_b");
  {
    LatentsCache first("xtts", "v1", 8);
    first.get(*ref, [] { return sample_latents(0.25f); });
  }
  LatentsCache second("xtts", "v1", 8);
  auto latents = second.get(*ref, []() -> Latents { throw EngineError("must not clone"); });
  EXPECT_EQ(latents->gpt_cond_latent, sample_latents(0.25f).gpt_cond_latent);
  // Another model version is another key: computed again.
  LatentsCache other_model("xtts", "v2", 8);
  int computes = 0;
  other_model.get(*ref, [&] {
    ++computes;
    return sample_latents(0.75f);
  });
  EXPECT_EQ(computes, 1);
}

TEST(XttsLatentsCache, FailuresAreNotCachedAndCorruptBlobsAreReplaced) {
  FakeStore store;
  auto ref = store.reference("voice_c");
  LatentsCache cache("xtts", "v1", 8);
  EXPECT_THROW(cache.get(*ref, []() -> Latents { throw EngineError("upstream down"); }),
               EngineError);
  EXPECT_EQ(cache.size(), 0u);
  store.blobs["voice_c|xtts|v1"] = "{broken";
  auto latents = cache.get(*ref, [] { return sample_latents(0.1f); });
  EXPECT_EQ(cache.computed(), 1u);
  EXPECT_NE(store.blobs["voice_c|xtts|v1"], "{broken");
}

TEST(XttsLatentsCache, EvictsLeastRecentlyUsedAndKeysUnnamedAudio) {
  LatentsCache cache("xtts", "v1", 2);
  SpeakerReference a, b, c;
  a.voice_id = "a";
  b.voice_id = "b";
  c.audio.assign(100, 0.2f);  // one-shot reference: keyed by its audio
  int computes = 0;
  auto compute = [&] {
    ++computes;
    return sample_latents(0.0f);
  };
  cache.get(a, compute);
  cache.get(b, compute);
  cache.get(c, compute);
  cache.get(c, compute);
  EXPECT_EQ(computes, 3);
  EXPECT_EQ(cache.size(), 2u);
  cache.get(a, compute);  // evicted (least recently used), no store: computed again
  EXPECT_EQ(computes, 4);
  SpeakerReference c_copy = c;
  EXPECT_EQ(LatentsCache::key_of(c), LatentsCache::key_of(c_copy));
  c_copy.audio[0] = 0.3f;
  EXPECT_NE(LatentsCache::key_of(c), LatentsCache::key_of(c_copy));
}

TEST(XttsLatentsCache, ForgottenVoiceLeavesMemoryOnly) {
  FakeStore store;
  auto a = store.reference("a");
  auto b = store.reference("b");
  LatentsCache cache("xtts", "v1", 8);
  int computes = 0;
  auto compute = [&] {
    ++computes;
    return sample_latents(0.0f);
  };
  cache.get(*a, compute);
  cache.get(*b, compute);
  EXPECT_EQ(cache.size(), 2u);
  cache.forget("a");
  EXPECT_EQ(cache.size(), 1u);
  cache.forget("unknown");
  EXPECT_EQ(cache.size(), 1u);
  // The stored copy stays: the next use loads it instead of computing again.
  const int loads_before = store.loads.load();
  cache.get(*a, compute);
  EXPECT_EQ(computes, 2);
  EXPECT_EQ(store.loads.load(), loads_before + 1);
  EXPECT_EQ(cache.size(), 2u);
}

}  // namespace
}  // namespace chorus::xtts
