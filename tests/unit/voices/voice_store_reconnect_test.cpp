// A PostgreSQL store whose server restarts or stops: the pool drops the dead connections and
// the next operation reconnects; while the server is down operations throw
// VoiceStoreUnavailable. Uses a private server (restarting the shared one would break the
// tests running beside this one), driven by tests/e2e/support/postgres_server.py.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "voice_test_audio.h"
#include "voices/voice_store.h"

namespace chorus::voices {
namespace {

class PrivatePostgres {
 public:
  PrivatePostgres() : state_(test::temp_path("_private_pg")) {
    control("start");
    std::ifstream file(state_ + "/url");
    std::getline(file, url_);
    if (url_.empty()) throw std::runtime_error("the private PostgreSQL server gave no URL");
  }
  ~PrivatePostgres() {
    try {
      control("stop");
    } catch (...) {
      // Reported by the test that failed; nothing else to do here.
    }
    std::filesystem::remove_all(state_);
  }
  void control(const std::string& action) {
    const std::string command = std::string("/usr/bin/python3 ") + CHORUS_SOURCE_DIR +
                                "/tests/e2e/support/postgres_server.py " + action + " " + state_ +
                                " > " + state_ + ".log 2>&1";
    if (std::system(command.c_str()) != 0) {
      std::ifstream log(state_ + ".log");
      throw std::runtime_error("postgres_server.py " + action + " failed:\n" +
                               std::string(std::istreambuf_iterator<char>(log), {}));
    }
  }
  const std::string& url() const { return url_; }

 private:
  std::string state_;
  std::string url_;
};

NewVoice sample_voice(const std::string& name) {
  NewVoice voice;
  voice.name = name;
  voice.audio = test::voiced_tone(0.5, 160.0, 24000);
  return voice;
}

TEST(PostgresReconnect, RestartAndOutage) {
  PrivatePostgres server;
  auto store = VoiceStore::open_location(server.url(), "");
  const std::string id = store->create(sample_voice("Before")).id;
  ASSERT_EQ(store->list().size(), 1u);  // the pool now holds idle connections

  server.control("restart");  // kills every one of them
  auto after_restart = store->get(id);
  ASSERT_TRUE(after_restart);
  EXPECT_EQ(after_restart->name, "Before");
  store->create(sample_voice("After restart"));
  EXPECT_EQ(store->list().size(), 2u);

  server.control("pause");
  EXPECT_FALSE(store->available());
  EXPECT_THROW(store->list(), VoiceStoreUnavailable);
  EXPECT_THROW(store->create(sample_voice("Refused")), VoiceStoreUnavailable);
  EXPECT_THROW(store->speaker(id), VoiceStoreUnavailable);

  server.control("resume");
  EXPECT_TRUE(store->available());
  EXPECT_EQ(store->list().size(), 2u);
  auto speaker = store->speaker(id);
  ASSERT_TRUE(speaker);
  EXPECT_FALSE(speaker->audio.empty());
}

}  // namespace
}  // namespace chorus::voices
