#include "engines/xtts/xtts_config.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "engines/http_audio/endpoint_url.h"

namespace chorus::xtts {
namespace {

TEST(XttsConfig, DefaultsWithAUrlAreValid) {
  XttsConfig config;
  config.urls = {"http://gpu-host:8000"};
  EXPECT_NO_THROW(config.Validate());
  EXPECT_NE(config.ToString().find("http://gpu-host:8000"), std::string::npos);
  EXPECT_NE(config.ToString().find("max_streams_per_endpoint=1"), std::string::npos);
}

TEST(XttsConfig, RejectsBadValues) {
  XttsConfig config;
  EXPECT_THROW(config.Validate(), std::invalid_argument);  // no URL
  config.urls = {"gpu-host:8000"};
  EXPECT_THROW(config.Validate(), std::invalid_argument);
  config.urls = {"http://gpu-host:8000"};
  config.read_timeout = std::chrono::milliseconds(0);
  EXPECT_THROW(config.Validate(), std::invalid_argument);
  config.read_timeout = std::chrono::milliseconds(1000);
  config.max_streams_per_endpoint = 0;
  EXPECT_THROW(config.Validate(), std::invalid_argument);
  config.max_streams_per_endpoint = 1;
  config.stream_chunk_size = 0;
  EXPECT_THROW(config.Validate(), std::invalid_argument);
}

TEST(XttsUrl, SplitsOriginAndPath) {
  auto plain = http_audio::parse_endpoint_url("http://gpu-host:8000");
  EXPECT_EQ(plain.origin, "http://gpu-host:8000");
  EXPECT_EQ(plain.path("/tts_stream"), "/tts_stream");
  auto prefixed = http_audio::parse_endpoint_url("HTTPS://proxy.example/xtts/");
  EXPECT_EQ(prefixed.origin, "https://proxy.example");
  EXPECT_EQ(prefixed.path("/languages"), "/xtts/languages");
  EXPECT_EQ(http_audio::parse_endpoint_url("http://[::1]:8000").origin, "http://[::1]:8000");
}

TEST(XttsUrl, RejectsMalformedUrls) {
  for (const char* url : {"", "gpu-host", "ftp://host", "http://", "http://:80", "http://host:0",
                          "http://host:99999", "http://host:8x", "http://host/a?b=c",
                          "http://user:pw@host", "http://ho st"}) {
    EXPECT_THROW(http_audio::parse_endpoint_url(url), std::invalid_argument) << url;
  }
}

}  // namespace
}  // namespace chorus::xtts
