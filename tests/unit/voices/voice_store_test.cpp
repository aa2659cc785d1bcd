#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <stdexcept>

#include "postgres_test_db.h"
#include "store_backend.h"
#include "voice_test_audio.h"
#include "voices/voice_id.h"
#include "voices/voice_store.h"

namespace chorus::voices {
namespace {

// Every store test runs against both backends (store_backend.h).
using Backend = test::StoreBackend;

class VoiceStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    dir_ = test::temp_path("_store");
    std::filesystem::create_directories(dir_);
    if (GetParam() == Backend::postgres) database_ = std::make_unique<test::PostgresTestDatabase>();
  }
  void TearDown() override {
    database_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string location() const { return database_ ? database_->url() : std::string(); }
  std::shared_ptr<VoiceStore> open_store() { return VoiceStore::open_location(location(), dir_); }

  NewVoice sample_voice(const std::string& name) {
    NewVoice voice;
    voice.name = name;
    voice.language = "en";
    voice.consent = "I consent to cloning my voice.";
    voice.audio = test::voiced_tone(1.0, 150.0, 24000);
    voice.analysis.f0_median_hz = 150.0;
    voice.analysis.ltas_db = {1.0f, -1.0f};
    return voice;
  }

  std::string dir_;
  std::unique_ptr<test::PostgresTestDatabase> database_;
};

TEST_P(VoiceStoreTest, CreateListGetDelete) {
  auto store = open_store();
  const VoiceRecord a = store->create(sample_voice("Alice"));
  const VoiceRecord b = store->create(sample_voice("Bob"));
  EXPECT_TRUE(looks_like_voice_id(a.id));
  EXPECT_NE(a.id, b.id);

  auto all = store->list();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, a.id);
  EXPECT_EQ(all[1].name, "Bob");

  auto got = store->get(a.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->name, "Alice");
  EXPECT_EQ(got->language, "en");
  EXPECT_EQ(got->consent, "I consent to cloning my voice.");
  EXPECT_FALSE(got->owner);
  EXPECT_DOUBLE_EQ(got->analysis.f0_median_hz, 150.0);
  EXPECT_EQ(got->analysis.ltas_db.size(), 2u);

  EXPECT_TRUE(store->remove(a.id));
  EXPECT_FALSE(store->remove(a.id));
  EXPECT_FALSE(store->get(a.id));
  EXPECT_EQ(store->list().size(), 1u);
}

TEST_P(VoiceStoreTest, PersistsAcrossReopen) {
  std::string id;
  {
    auto store = open_store();
    NewVoice voice = sample_voice("Persistent");
    voice.owner = "key-owner-1";
    id = store->create(voice).id;
    store->store_embedding(id, "xtts", "v2.0.3", std::string("\x01\x02\x00\x03", 4));
  }
  auto store = open_store();
  auto got = store->get(id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->name, "Persistent");
  EXPECT_EQ(got->owner.value_or(""), "key-owner-1");
  EXPECT_EQ(store->load_embedding(id, "xtts", "v2.0.3").value_or(""),
            std::string("\x01\x02\x00\x03", 4));
}

TEST_P(VoiceStoreTest, FailureBeforeCommitLeavesNothing) {
  auto store = open_store();
  EXPECT_THROW(store->create(sample_voice("Half"), [] { throw std::runtime_error("boom"); }),
               std::runtime_error);
  EXPECT_TRUE(store->list().empty());
  // The store still works afterwards.
  store->create(sample_voice("Whole"));
  EXPECT_EQ(store->list().size(), 1u);
}

TEST_P(VoiceStoreTest, CrashMidCreationLeavesNothingVisible) {
  // A child process writes every row, then dies before COMMIT without any cleanup (_exit):
  // exactly what a kill -9 or power cut during an upload does.
  {
    auto store = open_store();
    store->create(sample_voice("Before"));
  }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto store = open_store();
    store->create(sample_voice("Crashed"), [] { _exit(3); });
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 3);

  auto store = open_store();
  auto all = store->list();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].name, "Before");
  store->create(sample_voice("After"));
  EXPECT_EQ(store->list().size(), 2u);
}

TEST_P(VoiceStoreTest, IdsAreRandomAndNeverDerivedFromInput) {
  auto store = open_store();
  std::set<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    // Same name and audio every time: ids must still differ and not contain the name.
    const VoiceRecord record = store->create(sample_voice("../../etc/passwd"));
    EXPECT_EQ(record.id.size(), 6u + 24u);
    EXPECT_TRUE(looks_like_voice_id(record.id));
    EXPECT_EQ(record.id.find("passwd"), std::string::npos);
    ids.insert(record.id);
  }
  EXPECT_EQ(ids.size(), 20u);
  // The name is kept as free text; nothing was created next to the database.
  EXPECT_EQ(store->list().front().name, "../../etc/passwd");
  if (GetParam() != Backend::sqlite) return;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().rfind("voices.sqlite3", 0), 0u)
        << entry.path();
  }
}

TEST(VoiceId, Shape) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(new_voice_id());
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_TRUE(looks_like_voice_id("voice_abc234"));
  EXPECT_FALSE(looks_like_voice_id("voice_"));
  EXPECT_FALSE(looks_like_voice_id("alloy"));
  EXPECT_FALSE(looks_like_voice_id("voice_ABC"));
  EXPECT_FALSE(looks_like_voice_id("voice_a/b"));
}

TEST_P(VoiceStoreTest, SpeakerReferenceCarriesAudioAndEmbeddingCache) {
  auto store = open_store();
  NewVoice voice = sample_voice("Speaker");
  const std::string id = store->create(voice).id;
  auto speaker = store->speaker(id);
  ASSERT_TRUE(speaker);
  EXPECT_EQ(speaker->voice_id, id);
  EXPECT_EQ(speaker->name, "Speaker");
  EXPECT_EQ(speaker->sample_rate, 24000);
  ASSERT_EQ(speaker->audio.size(), voice.audio.size());
  for (std::size_t i = 0; i < voice.audio.size(); i += 997) {
    EXPECT_NEAR(speaker->audio[i], voice.audio[i], 1.0 / 16384);
  }
  EXPECT_FALSE(speaker->load_embedding("xtts", "m1"));
  speaker->store_embedding("xtts", "m1", "latents-1");
  speaker->store_embedding("xtts", "m1", "latents-2");  // replaces
  speaker->store_embedding("xtts", "m2", "other-model");
  EXPECT_EQ(speaker->load_embedding("xtts", "m1").value_or(""), "latents-2");
  EXPECT_EQ(store->load_embedding(id, "xtts", "m2").value_or(""), "other-model");
  EXPECT_FALSE(store->speaker("voice_doesnotexist"));

  // Deleting the voice deletes its embeddings, and a late store is silently dropped.
  ASSERT_TRUE(store->remove(id));
  EXPECT_FALSE(store->load_embedding(id, "xtts", "m1"));
  EXPECT_NO_THROW(speaker->store_embedding("xtts", "m1", "late"));
  EXPECT_FALSE(store->load_embedding(id, "xtts", "m1"));
}

INSTANTIATE_TEST_SUITE_P(Backends, VoiceStoreTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), test::store_backend_name);

}  // namespace
}  // namespace chorus::voices
