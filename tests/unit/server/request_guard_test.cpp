#include "server/request_guard.h"

#include <gtest/gtest.h>

namespace chorus {
namespace {

RequestHead post(std::vector<std::pair<std::string, std::string>> headers) {
  return RequestHead{"POST", "/v1/audio/speech", std::move(headers)};
}

TEST(RequestGuard, TooManyHeadersIs431) {
  EdgeConfig config;
  config.max_header_count = 3;
  RequestHead head = post({{"A", "1"}, {"B", "2"}, {"C", "3"}});
  EXPECT_FALSE(check_header_limits(head, config));
  head.headers.emplace_back("D", "4");
  auto error = check_header_limits(head, config);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status(), 431);
  EXPECT_EQ(error->code(), "headers_too_large");
}

TEST(RequestGuard, TooManyHeaderBytesIs431) {
  EdgeConfig config;
  config.max_header_bytes = 1024;
  auto error = check_header_limits(post({{"X-Big", std::string(2000, 'a')}}), config);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status(), 431);
}

TEST(RequestGuard, ConflictingContentLengthsAre400) {
  auto error = check_framing(post({{"Content-Length", "5"}, {"Content-Length", "6"}}));
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status(), 400);
  EXPECT_EQ(error->code(), "invalid_content_length");
  error = check_framing(post({{"Content-Length", "5, 6"}}));
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status(), 400);
}

TEST(RequestGuard, RepeatedEqualContentLengthIsOneLength) {
  EXPECT_FALSE(check_framing(post({{"Content-Length", "5"}, {"Content-Length", "05"}})));
  EXPECT_FALSE(check_framing(post({{"Content-Length", "5, 5"}})));
  EXPECT_FALSE(check_framing(post({{"Content-Length", "0"}})));
}

TEST(RequestGuard, NegativeOrMalformedContentLengthIs400) {
  for (const char* value : {"-1", "abc", "", "1e3", "+5", "99999999999999999999"}) {
    auto error = check_framing(post({{"Content-Length", value}}));
    ASSERT_TRUE(error) << value;
    EXPECT_EQ(error->status(), 400) << value;
    EXPECT_EQ(error->code(), "invalid_content_length") << value;
  }
}

TEST(RequestGuard, ContentLengthWithTransferEncodingIs400) {
  auto error = check_framing(post({{"Content-Length", "5"}, {"Transfer-Encoding", "chunked"}}));
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status(), 400);
  EXPECT_EQ(error->code(), "invalid_transfer_encoding");
}

TEST(RequestGuard, UnsizedBodyIs411ChunkedIsRead) {
  EXPECT_FALSE(check_framing(post({{"Transfer-Encoding", "chunked"}})));
  EXPECT_FALSE(check_framing(post({{"Transfer-Encoding", " Chunked "}})));
  auto unsized = check_framing(post({}));
  ASSERT_TRUE(unsized);
  EXPECT_EQ(unsized->status(), 411);
  EXPECT_EQ(unsized->code(), "length_required");
  EXPECT_FALSE(check_framing(RequestHead{"GET", "/health", {}}));
  EXPECT_FALSE(check_framing(RequestHead{"DELETE", "/v1/audio/voices/x", {}}));
}

TEST(RequestGuard, OtherTransferCodingsAre501) {
  for (const char* coding : {"gzip", "gzip, chunked", "identity"}) {
    auto error = check_framing(post({{"Transfer-Encoding", coding}}));
    ASSERT_TRUE(error) << coding;
    EXPECT_EQ(error->status(), 501) << coding;
    EXPECT_EQ(error->code(), "unsupported_transfer_encoding");
  }
  EXPECT_TRUE(check_framing(post({{"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "chunked"}})));
}

TEST(RequestGuard, HostAllowList) {
  EdgeConfig config;
  auto host = [](std::string value) {
    return RequestHead{"GET", "/health", {{"Host", std::move(value)}}};
  };
  EXPECT_FALSE(check_host(host("127.0.0.1:8880"), "127.0.0.1", config));
  EXPECT_FALSE(check_host(host("[::1]:8880"), "127.0.0.1", config));
  EXPECT_FALSE(check_host(host("LocalHost:8880"), "127.0.0.1", config));
  EXPECT_FALSE(check_host(host("10.1.2.3"), "0.0.0.0", config));
  EXPECT_FALSE(check_host(host("tts.lan"), "tts.lan", config));
  EXPECT_FALSE(check_host(RequestHead{"GET", "/health", {}}, "127.0.0.1", config));
  auto error = check_host(host("evil.example:8880"), "127.0.0.1", config);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status(), 403);
  EXPECT_EQ(error->code(), "host_not_allowed");
  config.allowed_hosts = {"evil.example"};
  EXPECT_FALSE(check_host(host("evil.example:8880"), "127.0.0.1", config));
  config.allowed_hosts = {"*"};
  EXPECT_FALSE(check_host(host("anything.example"), "127.0.0.1", config));
}

TEST(RequestGuard, CrossSitePostIsRefused) {
  EdgeConfig config;
  auto error = check_cross_site(post({{"Host", "127.0.0.1:8880"},
                                      {"Origin", "http://evil.example"},
                                      {"Sec-Fetch-Site", "cross-site"}}),
                                config);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status(), 403);
  EXPECT_EQ(error->code(), "cross_site_request");
  // An Origin alone (older browsers send no Sec-Fetch-Site) is compared with the Host.
  EXPECT_TRUE(check_cross_site(
      post({{"Host", "127.0.0.1:8880"}, {"Origin", "http://evil.example"}}), config));
  EXPECT_TRUE(check_cross_site(post({{"Host", "127.0.0.1:8880"}, {"Origin", "null"}}), config));
  EXPECT_TRUE(check_cross_site(post({{"Sec-Fetch-Site", "same-site"}}), config));
}

TEST(RequestGuard, SameOriginAndNonBrowserRequestsPass) {
  EdgeConfig config;
  EXPECT_FALSE(check_cross_site(post({{"Host", "127.0.0.1:8880"},
                                      {"Origin", "http://127.0.0.1:8880"},
                                      {"Sec-Fetch-Site", "same-origin"}}),
                                config));
  EXPECT_FALSE(check_cross_site(post({{"Host", "127.0.0.1:8880"}}), config));
  EXPECT_FALSE(check_cross_site(post({{"Sec-Fetch-Site", "none"}}), config));
  // Reading is not changing state: GET is left to CORS (the browser hides the response).
  EXPECT_FALSE(check_cross_site(
      RequestHead{"GET", "/v1/audio/voices", {{"Sec-Fetch-Site", "cross-site"}}}, config));
}

TEST(RequestGuard, ConfiguredCorsOriginMayPost) {
  EdgeConfig config;
  config.cors_origins = {"https://app.example"};
  RequestHead head = post({{"Host", "127.0.0.1:8880"},
                           {"Origin", "https://app.example"},
                           {"Sec-Fetch-Site", "cross-site"}});
  EXPECT_FALSE(check_cross_site(head, config));
  EXPECT_EQ(cors_allow_origin(head, config), "https://app.example");
  head.headers[1].second = "https://other.example";
  EXPECT_TRUE(check_cross_site(head, config));
  EXPECT_FALSE(cors_allow_origin(head, config));
  config.cors_origins = {"*"};
  EXPECT_EQ(cors_allow_origin(head, config), "*");
}

}  // namespace
}  // namespace chorus
