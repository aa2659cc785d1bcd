#include <gtest/gtest.h>

#include "config/config_loader.h"

namespace chorus {
namespace {

TEST(VoiceStoreConfig, ReadFromTomlAndShownWithoutItsPassword) {
  ServerConfig config;
  apply_config_text(config,
                    "[voices]\nstore = \"postgresql://chorus:hunter2@db:5432/chorus\"\n",
                    "chorus.toml");
  EXPECT_EQ(config.voice_store, "postgresql://chorus:hunter2@db:5432/chorus");
  const std::string shown = config_to_toml(config);
  EXPECT_EQ(shown.find("hunter2"), std::string::npos) << shown;
  EXPECT_NE(shown.find("postgresql://chorus:***@db:5432/chorus"), std::string::npos) << shown;
}

TEST(VoiceStoreConfig, DefaultIsEmptyMeaningTheSqliteFile) {
  ServerConfig config;
  EXPECT_TRUE(config.voice_store.empty());
  EXPECT_NE(config_to_toml(config).find("[voices]\n"), std::string::npos);
}

}  // namespace
}  // namespace chorus
