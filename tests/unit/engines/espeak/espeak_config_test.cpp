#include "engines/espeak/espeak_config.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace chorus {
namespace {

TEST(EspeakConfigTest, DefaultsAreValid) {
  EspeakConfig config;
  EXPECT_NO_THROW(config.Validate());
  EXPECT_NE(config.ToString().find("data_path=<default>"), std::string::npos);
}

TEST(EspeakConfigTest, RejectsMissingDataPath) {
  EspeakConfig config;
  config.data_path = "/nonexistent/espeak-ng-data";
  EXPECT_THROW(config.Validate(), std::invalid_argument);
}

TEST(EspeakConfigTest, RejectsDirectoryWithoutEspeakData) {
  EspeakConfig config;
  config.data_path = "/tmp";
  EXPECT_THROW(config.Validate(), std::invalid_argument);
}

TEST(EspeakConfigTest, RejectsOddVariantNamesAndTinyChunks) {
  EspeakConfig config;
  config.female_variant = "../f3";
  EXPECT_THROW(config.Validate(), std::invalid_argument);
  config = EspeakConfig{};
  config.max_chunk_chars = 3;
  EXPECT_THROW(config.Validate(), std::invalid_argument);
  config = EspeakConfig{};
  config.default_language.clear();
  EXPECT_THROW(config.Validate(), std::invalid_argument);
}

TEST(EspeakConfigTest, ToStringShowsSettings) {
  EspeakConfig config;
  config.data_path = "/usr/share/espeak-ng-data";
  config.female_variant = "f5";
  const std::string text = config.ToString();
  EXPECT_NE(text.find("/usr/share/espeak-ng-data"), std::string::npos);
  EXPECT_NE(text.find("female_variant=f5"), std::string::npos);
}

}  // namespace
}  // namespace chorus
