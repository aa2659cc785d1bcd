#include "cache/redis_endpoint.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "cache/cache_config.h"

namespace chorus {
namespace {

TEST(RedisEndpoint, ParsesHostPortDatabaseAndPassword) {
  auto plain = parse_redis_url("redis://127.0.0.1:6380/2");
  EXPECT_EQ(plain.host, "127.0.0.1");
  EXPECT_EQ(plain.port, 6380);
  EXPECT_EQ(plain.db, 2);
  EXPECT_TRUE(plain.password.empty());

  auto defaults = parse_redis_url("redis://cache.internal");
  EXPECT_EQ(defaults.host, "cache.internal");
  EXPECT_EQ(defaults.port, 6379);
  EXPECT_EQ(defaults.db, 0);

  auto with_password = parse_redis_url("redis://:p%40ss@redis:6379/0");
  EXPECT_EQ(with_password.password, "p@ss");
  EXPECT_TRUE(with_password.user.empty());

  auto acl = parse_redis_url("redis://chorus:pw@[::1]:7000");
  EXPECT_EQ(acl.user, "chorus");
  EXPECT_EQ(acl.password, "pw");
  EXPECT_EQ(acl.host, "::1");
  EXPECT_EQ(acl.port, 7000);
}

TEST(RedisEndpoint, ParsesUnixSockets) {
  auto socket = parse_redis_url("unix:/run/redis/redis.sock?db=4&password=x");
  EXPECT_TRUE(socket.is_unix());
  EXPECT_EQ(socket.socket_path, "/run/redis/redis.sock");
  EXPECT_EQ(socket.db, 4);
  EXPECT_EQ(socket.password, "x");
  EXPECT_EQ(parse_redis_url("unix:///tmp/r.sock").socket_path, "/tmp/r.sock");
}

TEST(RedisEndpoint, RejectsMalformedUrls) {
  for (const char* url : {"http://host", "redis://", "redis://host:", "redis://host:70000",
                          "redis://host/x", "redis://host/-1", "redis://[::1", "unix:relative",
                          "unix:/s?x=1", "redis://:%zz@host"}) {
    EXPECT_THROW(parse_redis_url(url), std::invalid_argument) << url;
  }
}

TEST(RedisEndpoint, NeverShowsThePassword) {
  EXPECT_EQ(redact_redis_url("redis://:hunter2@h:1/0"), "redis://:***@h:1/0");
  EXPECT_EQ(redact_redis_url("redis://u:hunter2@h"), "redis://u:***@h:6379/0");
  EXPECT_EQ(redact_redis_url("unix:/s.sock?password=hunter2"), "unix:/s.sock?password=***");
  EXPECT_EQ(redact_redis_url("redis://:hunter2@h:99999"), "(invalid URL)");
  CacheConfig config;
  config.redis_url = "redis://:hunter2@h:1/0";
  EXPECT_EQ(config.ToString().find("hunter2"), std::string::npos);
  config.redis_url = "redis://:hunter2@h:bad";
  try {
    config.Validate();
    ADD_FAILURE() << "a bad URL must not validate";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("cache.redis_url"), std::string::npos);
  }
}

}  // namespace
}  // namespace chorus
