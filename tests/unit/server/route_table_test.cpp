#include "server/route_table.h"

#include <gtest/gtest.h>

namespace chorus {
namespace {

TEST(RouteTable, EveryRouteHasItsMethods) {
  EXPECT_EQ(allowed_methods("/v1/audio/speech"), "POST, OPTIONS");
  EXPECT_EQ(allowed_methods("/v1/audio/speech/timestamps"), "POST, OPTIONS");
  EXPECT_EQ(allowed_methods("/v1/audio/clone"), "POST, OPTIONS");
  EXPECT_EQ(allowed_methods("/v1/text/normalize"), "POST, OPTIONS");
  EXPECT_EQ(allowed_methods("/v1/audio/voices"), "GET, HEAD, POST, OPTIONS");
  EXPECT_EQ(allowed_methods("/v1/audio/voices/voice_abc"), "GET, HEAD, DELETE, OPTIONS");
  EXPECT_EQ(allowed_methods("/v1/models"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(allowed_methods("/v1/models/tts-1"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(allowed_methods("/v1/audio/models"), "GET, HEAD, OPTIONS");
  for (const char* path : {"/health", "/ready", "/metrics", "/", "/assets/app.js"}) {
    EXPECT_EQ(allowed_methods(path), "GET, HEAD, OPTIONS") << path;
  }
}

TEST(RouteTable, UnknownPathsHaveNone) {
  for (const char* path : {"/nope", "/v1/audio/voices/a/b", "/assets/../x", "/v1/audio/speechx"}) {
    EXPECT_FALSE(allowed_methods(path)) << path;
  }
}

TEST(RouteTable, MethodMatchesWholeNames) {
  EXPECT_TRUE(method_allowed("GET, HEAD, OPTIONS", "GET"));
  EXPECT_TRUE(method_allowed("GET, HEAD, OPTIONS", "OPTIONS"));
  EXPECT_FALSE(method_allowed("GET, HEAD, OPTIONS", "POST"));
  EXPECT_FALSE(method_allowed("GET, HEAD, OPTIONS", "GE"));
  EXPECT_FALSE(method_allowed("GET, HEAD, OPTIONS", ""));
}

}  // namespace
}  // namespace chorus
