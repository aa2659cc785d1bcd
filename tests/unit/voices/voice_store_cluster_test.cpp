// Two "replicas" (two VoiceStore instances, each with its own XTTS latents cache) on one store:
// concurrent first requests for a voice compute its latents once between them. Plus what a
// shared PostgreSQL store adds: schema versioning, a database that does not answer, and URLs
// whose passwords must not leak.
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <chrono>
#include <filesystem>
#include <thread>

#include "engines/xtts/xtts_latents_cache.h"
#include "postgres_test_db.h"
#include "store_backend.h"
#include "voice_test_audio.h"
#include "voices/store_location.h"
#include "voices/voice_store.h"

namespace chorus::voices {
namespace {

using Backend = test::StoreBackend;

xtts::Latents fake_latents(float value) {
  xtts::Latents latents;
  latents.gpt_cond_latent.assign(2 * xtts::kLatentWidth, value);
  latents.speaker_embedding.assign(xtts::kEmbeddingSize, value);
  return latents;
}

NewVoice sample_voice() {
  NewVoice voice;
  voice.name = "Replicated";
  voice.language = "en";
  voice.audio = test::voiced_tone(1.0, 140.0, 24000);
  return voice;
}

class ReplicaTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    dir_ = test::temp_path("_replicas");
    std::filesystem::create_directories(dir_);
    if (GetParam() == Backend::postgres) database_ = std::make_unique<test::PostgresTestDatabase>();
  }
  void TearDown() override {
    database_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::shared_ptr<VoiceStore> open_replica() {
    return VoiceStore::open_location(database_ ? database_->url() : "", dir_);
  }

  std::string dir_;
  std::unique_ptr<test::PostgresTestDatabase> database_;
};

TEST_P(ReplicaTest, LatentsAreComputedOnceBetweenReplicas) {
  auto replica_a = open_replica();
  auto replica_b = open_replica();
  const std::string id = replica_a->create(sample_voice()).id;

  for (int round = 0; round < 3; ++round) {
    const std::string model = "v2.0." + std::to_string(round);  // a fresh key each round
    xtts::LatentsCache cache_a("xtts", model, 8);
    xtts::LatentsCache cache_b("xtts", model, 8);
    std::atomic<int> computed{0};
    // Slow enough that both replicas are inside get() before the first one finishes.
    auto compute = [&computed] {
      ++computed;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return fake_latents(0.25f);
    };
    std::barrier start(2);
    std::shared_ptr<const xtts::Latents> got_a;
    std::shared_ptr<const xtts::Latents> got_b;
    std::thread a([&] {
      auto speaker = replica_a->speaker(id);
      start.arrive_and_wait();
      got_a = cache_a.get(*speaker, compute);
    });
    std::thread b([&] {
      auto speaker = replica_b->speaker(id);
      start.arrive_and_wait();
      got_b = cache_b.get(*speaker, compute);
    });
    a.join();
    b.join();
    EXPECT_EQ(computed.load(), 1) << "round " << round;
    ASSERT_TRUE(got_a && got_b);
    EXPECT_EQ(got_a->speaker_embedding, got_b->speaker_embedding);
    EXPECT_EQ(cache_a.computed() + cache_b.computed(), 1u);
    EXPECT_TRUE(replica_b->load_embedding(id, "xtts", model));
  }
  if (database_) {
    EXPECT_EQ(database_->query_text("SELECT count(*) FROM embeddings"), "3");
    EXPECT_EQ(database_->query_text("SELECT count(DISTINCT model_version) FROM embeddings"), "3");
  }
}

TEST_P(ReplicaTest, VoiceMadeOnOneReplicaIsSeenByTheOther) {
  auto replica_a = open_replica();
  auto replica_b = open_replica();
  const std::string id = replica_a->create(sample_voice()).id;
  ASSERT_TRUE(replica_b->get(id));
  EXPECT_EQ(replica_b->list().size(), 1u);
  EXPECT_TRUE(replica_b->remove(id));
  EXPECT_FALSE(replica_a->get(id));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReplicaTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), test::store_backend_name);

TEST(PostgresStore, SchemaIsVersionedAndMigratedOnce) {
  test::PostgresTestDatabase database;
  auto first = VoiceStore::open_location(database.url(), "");
  auto second = VoiceStore::open_location(database.url(), "");
  EXPECT_EQ(database.query_text("SELECT version FROM schema_version"), "1");
  EXPECT_EQ(database.query_text("SELECT count(*) FROM schema_version"), "1");
  EXPECT_EQ(database.query_text("SELECT count(*) FROM information_schema.tables WHERE "
                                "table_name IN ('voices', 'embeddings')"),
            "2");
  EXPECT_TRUE(first->available());
}

TEST(PostgresStore, NewerSchemaIsRefused) {
  test::PostgresTestDatabase database;
  VoiceStore::open_location(database.url(), "");
  database.execute("UPDATE schema_version SET version = 99");
  EXPECT_THROW(VoiceStore::open_location(database.url(), ""), std::runtime_error);
}

TEST(PostgresStore, DatabaseThatDoesNotAnswerIsA503) {
  // Nothing listens on port 1: the store opens (the database may come up later) and every
  // operation is refused with the dedicated error.
  auto store = VoiceStore::open_location(
      "postgresql://chorus:s3cret-pass@127.0.0.1:1/voices?connect_timeout=2", "");
  EXPECT_FALSE(store->available());
  EXPECT_EQ(store->describe().find("s3cret"), std::string::npos) << store->describe();
  try {
    store->list();
    FAIL() << "list() did not throw";
  } catch (const VoiceStoreUnavailable& error) {
    EXPECT_EQ(error.status(), 503);
    EXPECT_EQ(error.code(), "voice_store_unavailable");
    EXPECT_EQ(error.type(), "server_error");
  }
  EXPECT_THROW(store->get("voice_abc"), VoiceStoreUnavailable);
  EXPECT_THROW(store->create(sample_voice()), VoiceStoreUnavailable);
  EXPECT_THROW(store->speaker("voice_abc"), VoiceStoreUnavailable);
}

TEST(StoreLocation, ParsesTheAcceptedForms) {
  auto sqlite_default = parse_store_location("", "/data");
  EXPECT_EQ(sqlite_default.kind, StoreLocation::Kind::sqlite);
  EXPECT_EQ(sqlite_default.target, "/data/voices.sqlite3");
  auto sqlite_path = parse_store_location("sqlite:/srv/v.db", "/data");
  EXPECT_EQ(sqlite_path.kind, StoreLocation::Kind::sqlite);
  EXPECT_EQ(sqlite_path.target, "/srv/v.db");
  EXPECT_EQ(parse_store_location("postgresql://h/db", "").kind, StoreLocation::Kind::postgres);
  EXPECT_EQ(parse_store_location("postgres://h/db", "").kind, StoreLocation::Kind::postgres);
  EXPECT_THROW(parse_store_location("mysql://h/db", ""), std::invalid_argument);
  EXPECT_THROW(parse_store_location("sqlite:", ""), std::invalid_argument);
  try {
    parse_store_location("redis://user:hunter2@h", "");
  } catch (const std::invalid_argument& error) {
    EXPECT_EQ(std::string(error.what()).find("hunter2"), std::string::npos) << error.what();
  }
}

TEST(StoreLocation, MasksPasswords) {
  EXPECT_EQ(mask_password("postgresql://chorus:secret@db:5432/voices"),
            "postgresql://chorus:***@db:5432/voices");
  EXPECT_EQ(mask_password("postgres://u:p@ss@db/v?sslmode=require"),
            "postgres://u:***@db/v?sslmode=require");
  EXPECT_EQ(mask_password("postgresql://db/v?user=u&password=secret&sslmode=require"),
            "postgresql://db/v?user=u&password=***&sslmode=require");
  EXPECT_EQ(mask_password("postgresql://chorus@db/voices"), "postgresql://chorus@db/voices");
  EXPECT_EQ(mask_password("postgresql://db:5432/voices"), "postgresql://db:5432/voices");
}

}  // namespace
}  // namespace chorus::voices
