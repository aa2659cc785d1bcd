#include <gtest/gtest.h>

#include <stdexcept>

#include "engines/remote/remote_module.h"

namespace chorus::remote {
namespace {

EngineOptions with_url(const std::string& url) {
  EngineOptions values;
  values.set("url", url);
  return values;
}

TEST(RemoteConfig, DefaultsFollowOpenAi) {
  auto configs = configs_from({with_url("http://gpu:8880")});
  ASSERT_EQ(configs.size(), 1u);
  const RemoteConfig& config = configs[0];
  EXPECT_EQ(config.name, "remote");
  EXPECT_EQ(config.model, "tts-1");
  EXPECT_EQ(config.sample_rate, 24000);
  EXPECT_TRUE(config.fetches_voices());
  EXPECT_EQ(config.probe(), "/v1/audio/voices");
  EXPECT_EQ(config.api_key, "");
}

TEST(RemoteConfig, UnnamedOnesAreNumberedAroundNamedOnes) {
  EngineOptions named = with_url("http://b:1");
  named.set("name", "remote2");
  auto configs = configs_from({with_url("http://a:1"), named, with_url("http://c:1")});
  ASSERT_EQ(configs.size(), 3u);
  EXPECT_EQ(configs[0].name, "remote");
  EXPECT_EQ(configs[1].name, "remote2");
  EXPECT_EQ(configs[2].name, "remote3");
}

TEST(RemoteConfig, StaticVoicesProbeModels) {
  EngineOptions values = with_url("https://api.openai.com");
  values.set("name", "openai");
  values.set("voices", std::vector<std::string>{"alloy", "nova"});
  auto config = configs_from({values}).at(0);
  EXPECT_FALSE(config.fetches_voices());
  EXPECT_EQ(config.probe(), "/v1/models");
}

TEST(RemoteConfig, RejectsMistakes) {
  EXPECT_THROW(configs_from({EngineOptions{}}), std::invalid_argument);  // no url
  try {
    configs_from({with_url("gpu:8880")});
    FAIL() << "expected a configuration error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "engines.remote 'remote': url 'gpu:8880': expected http://host[:port][/path]");
  }
  EngineOptions bad_name = with_url("http://a:1");
  bad_name.set("name", "has space");
  EXPECT_THROW(configs_from({bad_name}), std::invalid_argument);
  EngineOptions twin = with_url("http://a:1");
  twin.set("name", "gpu");
  EXPECT_THROW(configs_from({twin, twin}), std::invalid_argument);
  EngineOptions probe = with_url("http://a:1");
  probe.set("probe_path", "health");
  EXPECT_THROW(configs_from({probe}), std::invalid_argument);
}

TEST(RemoteConfig, ErrorsNeverQuoteTheApiKey) {
  EngineOptions values = with_url("ftp://a:1");
  values.set("api_key", "sk-secret-123");
  try {
    configs_from({values});
    FAIL() << "expected a configuration error";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).find("sk-secret"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace chorus::remote
