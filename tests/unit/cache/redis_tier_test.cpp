// The Redis tier against a real redis-server (redis_test_server.h): round trips between two
// tiers as two replicas would hold them, expiry, damaged values, a Redis that is down, paused or
// restarted, AUTH, database selection and Unix sockets.
#include "cache/redis_tier.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <regex>
#include <thread>
#include <vector>

#include "cache/redis_value.h"
#include "cache/result_cache.h"
#include "core/metrics.h"
#include "redis_test_server.h"

namespace chorus {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

CachedSpeech sample_entry(std::string audio = std::string("ID3\x04\0\0", 6) + "audio bytes") {
  CachedSpeech entry;
  entry.audio = std::move(audio);
  entry.audio_seconds = 1.25;
  entry.engine = "espeak";
  entry.voice = "espeak:en-us";
  entry.language = "en";
  entry.clone_method = "voice-match";
  entry.watermarked = true;
  return entry;
}

RedisTierOptions options_for(const std::string& url) {
  RedisTierOptions options;
  options.url = url;
  options.min_backoff = 50ms;
  options.max_backoff = 200ms;
  return options;
}

// A direct client for what the tier itself never does (read TTLs, write foreign values).
RedisResult raw(const std::string& url, std::initializer_list<std::string_view> args) {
  RedisClientOptions options;
  options.endpoint = parse_redis_url(url);
  RedisClient client(options);
  return client.command(args);
}

double metric(const std::string& series) {
  const std::string text = Metrics::instance().render({});
  std::smatch match;
  std::regex pattern("\\n" + std::regex_replace(series, std::regex(R"([{}"\\])"), R"(\$&)") +
                     " ([0-9.e+]+)");
  if (!std::regex_search(text, match, pattern)) return -1;
  return std::stod(match[1]);
}

double elapsed_ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

class RedisTierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Metrics::instance().declare_engines({});
    server_ = std::make_unique<testing::RedisTestServer>();
    ASSERT_TRUE(server_->error().empty()) << server_->error();
  }
  std::unique_ptr<testing::RedisTestServer> server_;
};

TEST_F(RedisTierTest, AnEntryStoredByOneTierIsFoundByAnother) {
  RedisTier writer(options_for(server_->url()));
  RedisTier reader(options_for(server_->url()));
  const double hits = metric(R"(chorus_cache_redis_lookups_total{result="hit"})");
  const double misses = metric(R"(chorus_cache_redis_lookups_total{result="miss"})");
  EXPECT_FALSE(reader.find("k1").has_value());
  EXPECT_EQ(metric(R"(chorus_cache_redis_lookups_total{result="miss"})"), misses + 1);

  const CachedSpeech entry = sample_entry();
  ASSERT_TRUE(writer.insert("k1", entry));
  auto found = reader.find("k1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->audio, entry.audio);
  EXPECT_DOUBLE_EQ(found->audio_seconds, entry.audio_seconds);
  EXPECT_EQ(found->engine, entry.engine);
  EXPECT_EQ(found->voice, entry.voice);
  EXPECT_EQ(found->language, entry.language);
  EXPECT_EQ(found->clone_method, entry.clone_method);
  EXPECT_TRUE(found->watermarked);
  EXPECT_EQ(metric(R"(chorus_cache_redis_lookups_total{result="hit"})"), hits + 1);
  EXPECT_EQ(metric("chorus_cache_redis_up"), 1);
  EXPECT_EQ(reader.status().state, "up");

  // Stored under the versioned prefix, with the configured expiry.
  auto ttl = raw(server_->url(), {"TTL", "chorus:v1:k1"});
  ASSERT_EQ(ttl.outcome, RedisResult::Outcome::kReplied);
  EXPECT_GT(ttl.reply.integer, 7 * 24 * 3600 - 60);
  EXPECT_LE(ttl.reply.integer, 7 * 24 * 3600);
}

TEST_F(RedisTierTest, EntriesExpireAfterTheirTtl) {
  auto options = options_for(server_->url());
  options.ttl_seconds = 1;
  RedisTier tier(options);
  ASSERT_TRUE(tier.insert("short-lived", sample_entry()));
  EXPECT_TRUE(tier.find("short-lived").has_value());
  std::this_thread::sleep_for(1500ms);
  EXPECT_FALSE(tier.find("short-lived").has_value());
}

TEST_F(RedisTierTest, EntriesLargerThanTheCapAreNotStored) {
  auto options = options_for(server_->url());
  options.max_entry_bytes = 4096;
  RedisTier tier(options);
  const double too_large = metric(R"(chorus_cache_redis_stores_total{result="too_large"})");
  EXPECT_FALSE(tier.insert("big", sample_entry(std::string(5000, 'x'))));
  EXPECT_EQ(metric(R"(chorus_cache_redis_stores_total{result="too_large"})"), too_large + 1);
  EXPECT_EQ(raw(server_->url(), {"EXISTS", "chorus:v1:big"}).reply.integer, 0);
  EXPECT_TRUE(tier.insert("small", sample_entry(std::string(3000, 'x'))));
}

TEST_F(RedisTierTest, ADamagedOrForeignValueIsAMiss) {
  RedisTier tier(options_for(server_->url()));
  const std::string good = encode_redis_value(sample_entry());
  std::string flipped = good;
  flipped.back() = static_cast<char>(flipped.back() ^ 1);  // audio no longer matches its SHA-256
  std::string other_version = good;
  other_version[8] = 2;
  const std::string values[] = {"garbage", good.substr(0, good.size() - 1), good + "x", flipped,
                                other_version, ""};
  const double corrupt = metric(R"(chorus_cache_redis_lookups_total{result="corrupt"})");
  for (const auto& value : values) {
    ASSERT_EQ(raw(server_->url(), {"SET", "chorus:v1:bad", value}).outcome,
              RedisResult::Outcome::kReplied);
    EXPECT_FALSE(tier.find("bad").has_value()) << value.size();
  }
  EXPECT_EQ(metric(R"(chorus_cache_redis_lookups_total{result="corrupt"})"),
            corrupt + std::size(values));
  // A key of another type answers GET with an error reply: a miss as well, and Redis stays up.
  raw(server_->url(), {"LPUSH", "chorus:v1:list", "x"});
  EXPECT_FALSE(tier.find("list").has_value());
  EXPECT_EQ(tier.status().state, "up");
  // The intact value is still read.
  raw(server_->url(), {"SET", "chorus:v1:good", good});
  EXPECT_TRUE(tier.find("good").has_value());
}

TEST_F(RedisTierTest, ARedisThatIsDownIsAMissWithinTheTimeoutThenSkipped) {
  const std::string url = server_->url();
  server_->stop();
  RedisTier tier(options_for(url));
  const double errors = metric(R"(chorus_cache_redis_lookups_total{result="error"})");
  auto started = Clock::now();
  EXPECT_FALSE(tier.find("k").has_value());
  EXPECT_LT(elapsed_ms(started), 150);
  EXPECT_EQ(tier.status().state, "down");
  EXPECT_EQ(metric("chorus_cache_redis_up"), 0);
  // Within the back-off nothing is tried: no connect per request.
  started = Clock::now();
  EXPECT_FALSE(tier.insert("k", sample_entry()));
  EXPECT_FALSE(tier.find("k").has_value());
  EXPECT_LT(elapsed_ms(started), 50);
  EXPECT_EQ(metric(R"(chorus_cache_redis_lookups_total{result="error"})"), errors + 2);
}

TEST_F(RedisTierTest, AServerThatDoesNotAnswerCostsOneTimeoutThenIsSkipped) {
  RedisTier tier(options_for(server_->url()));
  ASSERT_TRUE(tier.insert("k", sample_entry()));
  server_->pause();  // the connection is open, the kernel accepts new ones, nothing answers
  auto started = Clock::now();
  EXPECT_FALSE(tier.find("k").has_value());
  const double first = elapsed_ms(started);
  EXPECT_GE(first, 90);
  EXPECT_LT(first, 400);
  started = Clock::now();
  for (int i = 0; i < 20; ++i) EXPECT_FALSE(tier.find("k").has_value());
  EXPECT_LT(elapsed_ms(started), 100);  // one more attempt alone would take 100 ms
  EXPECT_EQ(tier.status().state, "down");
  server_->resume();
  std::this_thread::sleep_for(300ms);  // past the back-off
  EXPECT_TRUE(tier.find("k").has_value());
  EXPECT_EQ(tier.status().state, "up");
}

TEST_F(RedisTierTest, ReconnectsAfterRedisRestarts) {
  RedisTier tier(options_for(server_->url()));
  ASSERT_TRUE(tier.insert("before", sample_entry()));
  // A restart between two commands: the pooled connection is dead, a fresh one works at once.
  server_->stop();
  ASSERT_TRUE(server_->start()) << server_->error();
  EXPECT_TRUE(tier.insert("after-quick-restart", sample_entry()));
  EXPECT_TRUE(tier.find("after-quick-restart").has_value());
  // Down for a while: misses, then back once the back-off has passed.
  server_->stop();
  EXPECT_FALSE(tier.find("after-quick-restart").has_value());
  EXPECT_FALSE(tier.insert("while-down", sample_entry()));
  EXPECT_EQ(tier.status().state, "down");
  ASSERT_TRUE(server_->start()) << server_->error();
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(tier.insert("after-restart", sample_entry()));
  EXPECT_TRUE(tier.find("after-restart").has_value());
  EXPECT_EQ(tier.status().state, "up");
}

TEST_F(RedisTierTest, ManyThreadsSurviveRedisDyingUnderThem) {
  // Large values are still being written when Redis goes away: writes to a closed connection
  // must fail with EPIPE, not end the process with SIGPIPE.
  RedisTier tier(options_for(server_->url()));
  const CachedSpeech big = sample_entry(std::string(1 << 20, 'a'));
  std::atomic<bool> stop{false};
  std::atomic<int> stored{0}, found{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; !stop; ++i) {
        const std::string key = "t" + std::to_string(t) + "-" + std::to_string(i % 20);
        if (tier.insert(key, big)) ++stored;
        if (tier.find(key)) ++found;
      }
    });
  }
  std::this_thread::sleep_for(300ms);
  server_->stop();
  std::this_thread::sleep_for(300ms);
  ASSERT_TRUE(server_->start()) << server_->error();
  std::this_thread::sleep_for(600ms);
  const int stored_before = stored;
  std::this_thread::sleep_for(300ms);
  stop = true;
  for (auto& thread : threads) thread.join();
  EXPECT_GT(stored_before, 0);
  EXPECT_GT(stored.load(), stored_before);  // writing again after the restart
  EXPECT_GT(found.load(), 0);
  EXPECT_EQ(tier.status().state, "up");
}

TEST(RedisTierPeer, AConnectionClosedMidWriteIsAFailureNotSigpipe) {
  // A "Redis" that accepts, reads a little of a large SET and closes: the rest of the write hits
  // a closed socket, which raises SIGPIPE (fatal by default) unless the client blocks it.
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(::listen(listener, 4), 0);
  ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
  std::thread peer([listener] {
    int connection = ::accept(listener, nullptr, nullptr);
    char buffer[65536];
    (void)::recv(connection, buffer, sizeof(buffer), 0);
    // FIN first, then a reset (closing with unread data): the writer, half-closed, gets EPIPE.
    ::shutdown(connection, SHUT_WR);
    for (int i = 0; i < 16; ++i) (void)::recv(connection, buffer, sizeof(buffer), 0);
    ::close(connection);
  });
  auto options = options_for("redis://127.0.0.1:" + std::to_string(ntohs(address.sin_port)));
  options.max_entry_bytes = 64u << 20;
  options.timeout = 2000ms;
  RedisTier tier(options);
  EXPECT_FALSE(tier.insert("big", sample_entry(std::string(32u << 20, 'a'))));
  EXPECT_EQ(tier.status().state, "down");
  peer.join();
  ::close(listener);
}

TEST_F(RedisTierTest, UsesAUnixSocket) {
  RedisTier writer(options_for("unix:" + server_->socket_path()));
  RedisTier reader(options_for(server_->url()));
  ASSERT_TRUE(writer.insert("over-unix", sample_entry()));
  EXPECT_TRUE(reader.find("over-unix").has_value());
}

TEST_F(RedisTierTest, SelectsTheDatabaseOfTheUrl) {
  const std::string db3 = "redis://127.0.0.1:" + std::to_string(server_->port()) + "/3";
  RedisTier in_db3(options_for(db3));
  RedisTier in_db0(options_for(server_->url()));
  ASSERT_TRUE(in_db3.insert("k", sample_entry()));
  EXPECT_TRUE(in_db3.find("k").has_value());
  EXPECT_FALSE(in_db0.find("k").has_value());
}

TEST(RedisTierAuth, AuthenticatesWithThePasswordAndNeverShowsIt) {
  testing::RedisTestServer server({"--requirepass", "s3cret-pass"});
  ASSERT_TRUE(server.error().empty()) << server.error();
  const std::string port = std::to_string(server.port());
  RedisTier tier(options_for("redis://:s3cret-pass@127.0.0.1:" + port + "/0"));
  ASSERT_TRUE(tier.insert("k", sample_entry()));
  EXPECT_TRUE(tier.find("k").has_value());
  EXPECT_EQ(tier.endpoint(), "redis://:***@127.0.0.1:" + port + "/0");

  RedisTier wrong(options_for("redis://:wrong@127.0.0.1:" + port + "/0"));
  EXPECT_FALSE(wrong.find("k").has_value());
  EXPECT_EQ(wrong.status().state, "down");
  EXPECT_EQ(wrong.status().last_error.find("wrong"), std::string::npos);
  RedisTier none(options_for("redis://127.0.0.1:" + port + "/0"));
  EXPECT_FALSE(none.find("k").has_value());  // NOAUTH error reply

  // A Redis 6+ ACL user limited to the commands and keys chorus uses (docs/deployment.md).
  const std::string admin = "redis://:s3cret-pass@127.0.0.1:" + port + "/0";
  ASSERT_EQ(raw(admin, {"ACL", "SETUSER", "chorus", "on", ">user-pass", "~chorus:*", "+get",
                        "+set", "+ping", "+select"})
                .reply.kind,
            RedisReply::Kind::kStatus);
  RedisTier as_user(options_for("redis://chorus:user-pass@127.0.0.1:" + port + "/1"));
  EXPECT_TRUE(as_user.ping());
  ASSERT_TRUE(as_user.insert("k", sample_entry()));
  EXPECT_TRUE(as_user.find("k").has_value());
  EXPECT_EQ(as_user.endpoint(), "redis://chorus:***@127.0.0.1:" + port + "/1");
}

TEST_F(RedisTierTest, ResultCachesOfTwoReplicasShareEntriesThroughRedis) {
  CacheConfig config;
  config.redis_url = server_->url();
  ResultCache replica_a(config);
  ResultCache replica_b(config);
  ASSERT_NE(replica_b.redis(), nullptr);
  replica_a.insert("phrase", std::make_shared<const CachedSpeech>(sample_entry()));
  auto found = replica_b.find("phrase");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->audio, sample_entry().audio);
  EXPECT_EQ(replica_b.memory_entries(), 1u);  // promoted: the next lookup stays local
  server_->stop();
  EXPECT_NE(replica_b.find("phrase"), nullptr);
  EXPECT_EQ(replica_b.find("other"), nullptr);
}

}  // namespace
}  // namespace chorus
