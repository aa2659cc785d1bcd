// RemoteEngine against an in-process HTTP server that misbehaves on request: the stream limits
// (first byte, between pieces), cancellation, the API key, and recovery after a failure.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "engines/remote/remote_client.h"
#include "engines/remote/remote_engine.h"

namespace chorus::remote {
namespace {

using namespace std::chrono_literals;

std::string pcm_samples(std::size_t count, std::int16_t value) {
  std::string bytes;
  for (std::size_t i = 0; i < count; ++i) {
    bytes.push_back(static_cast<char>(value & 0xff));
    bytes.push_back(static_cast<char>((value >> 8) & 0xff));
  }
  return bytes;
}

// Sleeps up to `total` unless the server is shutting down.
void nap(const std::atomic<bool>& stopping, std::chrono::milliseconds total) {
  for (auto slept = 0ms; slept < total && !stopping; slept += 10ms) std::this_thread::sleep_for(10ms);
}

class FakeSpeechServer {
 public:
  FakeSpeechServer() {
    server_.Get("/v1/audio/voices", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"voices":["calm","quick"]})", "application/json");
    });
    server_.Post("/v1/audio/speech", [this](const httplib::Request& req, httplib::Response& res) {
      last_body = req.body;
      last_auth = req.get_header_value("Authorization");
      if (last_auth != "Bearer k1") {
        res.status = 401;
        res.set_content(R"({"error":{"message":"bad key"}})", "application/json");
        return;
      }
      const std::string voice = nlohmann::json::parse(req.body).value("voice", "");
      if (voice == "silent") nap(stopping_, 1500ms);  // no headers for 1.5 s
      if (voice == "missing") {
        res.status = 404;
        res.set_content(R"({"detail":"Voice missing not found"})", "application/json");
        return;
      }
      res.set_chunked_content_provider("audio/pcm", [this, voice](std::size_t, httplib::DataSink& sink) {
        const std::string piece = pcm_samples(1200, 16384);  // 0.05 s at 24 kHz, value 0.5
        sink.write(piece.data(), piece.size());
        if (voice == "stall" || voice == "long") {
          for (int i = 0; i < (voice == "long" ? 40 : 1); ++i) {
            nap(stopping_, voice == "stall" ? 1500ms : 50ms);
            if (stopping_ || !sink.is_writable()) return false;
            if (voice == "long" && !sink.write(piece.data(), piece.size())) return false;
          }
          if (voice == "long") long_finished = true;
        } else {
          sink.write(piece.data(), piece.size());
        }
        sink.done();
        return true;
      });
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(5ms);
  }
  ~FakeSpeechServer() {
    stopping_ = true;
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  std::string last_body, last_auth;
  std::atomic<bool> long_finished{false};

 private:
  httplib::Server server_;
  std::atomic<bool> stopping_{false};
  int port_ = 0;
  std::thread thread_;
};

RemoteConfig config_for(const FakeSpeechServer& server, const std::string& key = "k1") {
  RemoteConfig config;
  config.name = "t";
  config.url = server.url();
  config.api_key = key;
  config.first_byte_timeout = 400ms;
  config.read_timeout = 400ms;
  config.health_interval = 0ms;
  return config;
}

SynthesisRequest request_for(const std::string& voice) {
  SynthesisRequest request;
  request.text = "Hello.";
  request.voice_id = "t:" + voice;
  request.language = "en";
  return request;
}

std::size_t speak(RemoteEngine& engine, const std::string& voice, const CancelToken& cancel = {}) {
  std::size_t samples = 0;
  engine.synthesize(request_for(voice), [&](std::span<const float> pcm) {
    samples += pcm.size();
    return true;
  }, cancel);
  return samples;
}

TEST(RemoteEngine, ListsPrefixedVoicesAndAcceptsUnlistedOnes) {
  FakeSpeechServer server;
  RemoteEngine engine(config_for(server));
  EXPECT_TRUE(engine.healthy());
  auto voices = engine.voices();
  ASSERT_EQ(voices.size(), 2u);
  EXPECT_EQ(voices[0].id, "t:calm");
  EXPECT_EQ(voices[0].engine, "t");
  EXPECT_TRUE(engine.find_voice("t:voice_new"));  // cloned since the last probe
  EXPECT_FALSE(engine.find_voice("calm"));
  EXPECT_FALSE(engine.find_voice("tt:calm"));
  EXPECT_EQ(engine.voice_for_alias("alloy", "en")->id, "t:alloy");
  EXPECT_FALSE(engine.voice_for_alias("alloy", "fr"));  // advertised languages: en only
}

TEST(RemoteEngine, StreamsPcmAndSendsWhatOpenAiExpects) {
  FakeSpeechServer server;
  RemoteEngine engine(config_for(server));
  std::vector<float> pcm;
  SynthesisRequest request = request_for("calm");
  request.speed = 1.5f;
  engine.synthesize(request, [&](std::span<const float> s) {
    pcm.insert(pcm.end(), s.begin(), s.end());
    return true;
  }, CancelToken{});
  ASSERT_EQ(pcm.size(), 2400u);
  EXPECT_NEAR(pcm[100], 0.5f, 1e-3);
  auto body = nlohmann::json::parse(server.last_body);
  EXPECT_EQ(body["voice"], "calm");
  EXPECT_EQ(body["response_format"], "pcm");
  EXPECT_EQ(body["model"], "tts-1");
  EXPECT_EQ(body["input"], "Hello.");
  EXPECT_FLOAT_EQ(body["speed"].get<float>(), 1.5f);
  EXPECT_EQ(server.last_auth, "Bearer k1");
}

TEST(RemoteEngine, NoFirstByteInTimeMarksItDownUntilAProbe) {
  FakeSpeechServer server;
  RemoteEngine engine(config_for(server));
  auto start = std::chrono::steady_clock::now();
  try {
    speak(engine, "silent");
    FAIL() << "expected a timeout";
  } catch (const RemoteUnavailable& e) {
    EXPECT_NE(std::string(e.what()).find("first-byte timeout"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1200ms);
  EXPECT_FALSE(engine.healthy());
  EXPECT_TRUE(engine.check_health());
  EXPECT_TRUE(engine.healthy());
}

TEST(RemoteEngine, AStreamThatStallsFails) {
  FakeSpeechServer server;
  RemoteEngine engine(config_for(server));
  try {
    speak(engine, "stall");
    FAIL() << "expected a timeout";
  } catch (const RemoteUnavailable& e) {
    EXPECT_NE(std::string(e.what()).find("read timeout"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("broke off after 2400 bytes"), std::string::npos) << e.what();
  }
}

TEST(RemoteEngine, CancellationClosesTheStream) {
  FakeSpeechServer server;
  RemoteEngine engine(config_for(server));
  CancelToken cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(300ms);
    cancel.cancel();
  });
  auto start = std::chrono::steady_clock::now();
  std::size_t samples = speak(engine, "long", cancel);
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1000ms);  // the whole stream takes 2 s
  EXPECT_GT(samples, 0u);
  EXPECT_LT(samples, 41u * 1200u);
  EXPECT_FALSE(server.long_finished);
  EXPECT_TRUE(engine.healthy());  // a cancelled stream is not the server's failure
}

TEST(RemoteEngine, RejectedKeyAndUnknownVoiceSayWhatHappened) {
  FakeSpeechServer server;
  RemoteEngine wrong_key(config_for(server, "nope"));
  try {
    speak(wrong_key, "calm");
    FAIL() << "expected an error";
  } catch (const EngineError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("remote engine 't' at " + server.url()), std::string::npos) << message;
    EXPECT_NE(message.find("rejected chorus's API key (HTTP 401"), std::string::npos) << message;
    EXPECT_NE(message.find("bad key"), std::string::npos) << message;
    EXPECT_EQ(message.find("nope"), std::string::npos) << "the key itself is never quoted";
  }
  EXPECT_TRUE(wrong_key.healthy());

  RemoteEngine engine(config_for(server));
  try {
    speak(engine, "missing");
    FAIL() << "expected an error";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "remote_rejected");
    EXPECT_NE(std::string(e.what()).find("Voice missing not found"), std::string::npos) << e.what();
  }
}

TEST(RemoteEngine, UnreachableServerStartsDown) {
  RemoteConfig config;
  config.name = "gone";
  config.url = "http://127.0.0.1:1";
  config.health_interval = 0ms;
  RemoteEngine engine(config);
  EXPECT_FALSE(engine.healthy());
  EXPECT_TRUE(engine.voices().empty());
  EXPECT_THROW(speak(engine, "x"), RemoteUnavailable);
}

}  // namespace
}  // namespace chorus::remote
