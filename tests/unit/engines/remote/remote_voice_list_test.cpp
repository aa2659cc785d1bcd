#include <gtest/gtest.h>

#include "core/api_error.h"
#include "engines/remote/remote_client.h"
#include "engines/remote/remote_voice_list.h"

namespace chorus::remote {
namespace {

TEST(RemoteVoiceList, ReadsChorusShape) {
  auto voices = parse_voice_list(R"({"voices":[
      {"id":"af_heart","name":"Heart","engine":"kokoro","language":"en-US","gender":"female"},
      {"id":"voice_0a1b","name":"Mine","engine":"cloned","language":"fr","gender":null}]})");
  ASSERT_EQ(voices.size(), 2u);
  EXPECT_EQ(voices[0].id, "af_heart");
  EXPECT_EQ(voices[0].name, "Heart");
  EXPECT_EQ(voices[0].language, "en-us");
  EXPECT_EQ(voices[0].gender, "female");
  EXPECT_EQ(voices[1].id, "voice_0a1b");
  EXPECT_EQ(voices[1].language, "fr");
  EXPECT_EQ(voices[1].gender, "");
}

TEST(RemoteVoiceList, ReadsKokoroFastApiStrings) {
  auto voices = parse_voice_list(R"({"voices":["af_bella","am_adam","af_bella"]})");
  ASSERT_EQ(voices.size(), 2u);  // the duplicate is kept once
  EXPECT_EQ(voices[0].id, "af_bella");
  EXPECT_EQ(voices[0].name, "af_bella");
  EXPECT_EQ(voices[0].language, "");
  EXPECT_EQ(voices[1].id, "am_adam");
}

TEST(RemoteVoiceList, ReadsBareArrayAndDataObjects) {
  auto bare = parse_voice_list(R"(["alloy", {"name":"nova"}])");
  ASSERT_EQ(bare.size(), 2u);
  EXPECT_EQ(bare[1].id, "nova");
  auto data = parse_voice_list(R"({"data":[{"voice_id":"x1","lang":"de"}]})");
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0].id, "x1");
  EXPECT_EQ(data[0].language, "de");
}

TEST(RemoteVoiceList, SkipsUnusableEntries) {
  auto voices = parse_voice_list(R"({"voices":["", 3, null, {"gender":"male"}, "ok", "bad\u0001id"]})");
  ASSERT_EQ(voices.size(), 1u);
  EXPECT_EQ(voices[0].id, "ok");
}

TEST(RemoteVoiceList, RejectsWhatIsNoList) {
  EXPECT_THROW(parse_voice_list("not json"), EngineError);
  EXPECT_THROW(parse_voice_list(R"({"detail":"Not Found"})"), EngineError);
  EXPECT_THROW(parse_voice_list(R"({"voices":"af_bella"})"), EngineError);
}

TEST(RemoteVoiceList, StaticListDropsEmptyAndDuplicates) {
  auto voices = static_voice_list({"alloy", "", "alloy", "nova"});
  ASSERT_EQ(voices.size(), 2u);
  EXPECT_EQ(voices[1].id, "nova");
}

TEST(RemoteErrorMessage, ReadsOpenAiFastApiAndText) {
  EXPECT_EQ(error_message_of(R"({"error":{"message":"Invalid API key","type":"x"}})"), "Invalid API key");
  EXPECT_EQ(error_message_of(R"({"detail":"Voice not found"})"), "Voice not found");
  EXPECT_EQ(error_message_of("Bad Gateway\n"), "Bad Gateway ");
  EXPECT_EQ(error_message_of(std::string(1000, 'x')).size(), 300u);
}

}  // namespace
}  // namespace chorus::remote
