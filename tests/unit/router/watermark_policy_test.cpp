// Which responses carry the watermark, and with what payload.
#include <gtest/gtest.h>

#include "router/watermark_policy.h"

namespace chorus {
namespace {

constexpr std::time_t kNow = 1796452200;  // 2026-12-05T06:30:00Z

TEST(WatermarkPolicy, ClonedVoicesAreMarkedByDefaultOthersNot) {
  const WatermarkConfig config;
  const Principal anyone;
  auto cloned = watermark_for(config, true, anyone, kNow);
  ASSERT_TRUE(cloned);
  EXPECT_EQ(cloned->server_id, 0u);
  EXPECT_EQ(cloned->hour, static_cast<std::uint32_t>(kNow / 3600));
  EXPECT_FALSE(watermark_for(config, false, anyone, kNow));
}

TEST(WatermarkPolicy, EnabledMarksEveryVoiceWithTheServerId) {
  WatermarkConfig config;
  config.enabled = true;
  config.server_id = 42;
  auto plain = watermark_for(config, false, Principal{}, kNow);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->server_id, 42u);
}

TEST(WatermarkPolicy, ClonedVoicesCanBeLeftUnmarkedByConfiguration) {
  WatermarkConfig config;
  config.cloned_voices = false;
  EXPECT_FALSE(watermark_for(config, true, Principal{}, kNow));
}

TEST(WatermarkPolicy, AnUnmarkedAdminKeyGetsNoMark) {
  WatermarkConfig config;
  config.enabled = true;
  Principal admin;
  admin.unmarked = true;
  EXPECT_FALSE(watermark_for(config, true, admin, kNow));
  EXPECT_FALSE(watermark_for(config, false, admin, kNow));
}

TEST(WatermarkPolicy, ServerIdIsTwelveBits) {
  WatermarkConfig config;
  config.server_id = 4095;
  EXPECT_NO_THROW(config.Validate());
  config.server_id = 4096;
  EXPECT_THROW(config.Validate(), std::invalid_argument);
}

}  // namespace
}  // namespace chorus
