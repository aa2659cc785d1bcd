#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "config/config_loader.h"
#include "config/lexicon_keys.h"
#include "router/server_lexicon.h"
#include "temp_files.h"

namespace chorus {
namespace {

std::string write_file(const std::string& name, const std::string& text) {
  return testing::write_temp_file(name, text);
}

TEST(LexiconConfig, InlineTableFileAndPrecedence) {
  const std::string words = write_file("words.json", R"({"Bob": "Robert", "chorus": "/kˈɔːɹəs/"})");
  ServerConfig config;
  apply_config_file(config, write_file("a.toml", "[text]\nlexicon_file = \"" + words +
                                                     "\"\nlexicon = { \"Bob\" = \"Bobby\", \"New York\" = \"Gotham\" }\n"));
  EXPECT_EQ(config.router.lexicon_file_entries.size(), 2u);
  const auto lexicon = build_server_lexicon(config.router);
  EXPECT_EQ(lexicon->size(), 3u);
  EXPECT_EQ(lexicon->find("bob")->replacement, "Bobby");  // the inline table wins
  EXPECT_TRUE(lexicon->find("chorus")->is_phonemes);
  EXPECT_EQ(lexicon->find("new york")->replacement, "Gotham");
  // `config show` prints a table that reads back the same.
  ServerConfig reread;
  apply_config_file(reread, write_file("b.toml", config_to_toml(config)));
  EXPECT_EQ(reread.router.lexicon, config.router.lexicon);
  EXPECT_EQ(reread.router.lexicon_file, words);
}

TEST(LexiconConfig, TomlFileAndEnvironment) {
  const std::string words = write_file("words.toml", "\"Bob\" = \"Robert\"\n\"naïve\" = \"/naɪˈiːv/\"\n");
  EXPECT_EQ(read_lexicon_file(words).at("naïve"), "/naɪˈiːv/");
  ServerConfig config;
  setenv("CHORUS_TEXT_LEXICON", "NASA=nassa, ok = okay", 1);
  apply_environment(config);
  unsetenv("CHORUS_TEXT_LEXICON");
  EXPECT_EQ(config.router.lexicon.at("NASA"), "nassa");
  EXPECT_EQ(build_server_lexicon(config.router)->find("OK")->replacement, "okay");
}

TEST(LexiconConfig, BadEntriesNameTheKey) {
  ServerConfig config;
  auto message = [&](const std::string& toml) {
    try {
      apply_config_file(config, write_file("bad.toml", toml));
      config.Validate();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(message("[text]\nlexicon = { \"Bob\" = 3 }\n").find("text.lexicon"), std::string::npos);
  EXPECT_NE(message("[text]\nlexicon = \"Bob\"\n").find("text.lexicon"), std::string::npos);
  EXPECT_NE(message("[text]\nlexicon_file = \"/nonexistent/words.toml\"\n").find("text.lexicon_file"),
            std::string::npos);
  EXPECT_NE(message("[text]\nlexicon = { \"Bob\" = \"\" }\n").find("'Bob'"), std::string::npos);
  const std::string bad_json = write_file("bad.json", "[1, 2]");
  EXPECT_THROW(read_lexicon_file(bad_json), std::invalid_argument);
}

// The text of a file already read: the name picks JSON or TOML and is named in errors.
TEST(LexiconConfig, ParsesTextByFileName) {
  EXPECT_EQ(parse_lexicon_text(R"({"NASA": "nassa"})", "words.json").at("NASA"), "nassa");
  EXPECT_EQ(parse_lexicon_text("NASA = '/ˈnæsə/'\n", "words.toml").at("NASA"), "/ˈnæsə/");
  try {
    parse_lexicon_text("NASA = ", "broken.toml");
    FAIL() << "a truncated TOML file was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("broken.toml"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_lexicon_text(R"({"NASA": 1})", "words.json"), std::invalid_argument);
}

}  // namespace
}  // namespace chorus
