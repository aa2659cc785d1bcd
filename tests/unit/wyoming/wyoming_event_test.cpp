#include "wyoming/wyoming_event.h"

#include <gtest/gtest.h>

namespace chorus::wyoming {
namespace {

using nlohmann::json;

std::string code_of(EventReader& reader) {
  try {
    reader.next();
  } catch (const ProtocolError& e) {
    return e.code();
  }
  return "none";
}

TEST(WyomingEvent, EncodesHeaderDataAndPayloadAsTheLibraryWritesThem) {
  std::string bytes = encode_event(Event{"audio-chunk", {{"rate", 24000}}, "\x01\x02"});
  auto newline = bytes.find('\n');
  json header = json::parse(bytes.substr(0, newline));
  EXPECT_EQ(header["type"], "audio-chunk");
  EXPECT_EQ(header["version"], kProtocolVersion);
  std::string data = R"({"rate":24000})";
  EXPECT_EQ(header["data_length"], data.size());
  EXPECT_EQ(header["payload_length"], 2);
  EXPECT_EQ(bytes.substr(newline + 1), data + "\x01\x02");
  // No data, no payload: the header alone.
  EXPECT_EQ(encode_event(Event{"describe", json::object(), {}}),
            R"({"type":"describe","version":")" + std::string(kProtocolVersion) + "\"}\n");
}

TEST(WyomingEvent, ReadsWhatItWritesFedByteByByte) {
  std::string bytes = encode_event(Event{"synthesize", {{"text", "Grüße."}}, "pay"}) +
                      encode_event(Event{"describe", json::object(), {}});
  EventReader reader(FrameLimits{});
  std::vector<Event> events;
  for (char c : bytes) {
    reader.feed(std::string_view(&c, 1));
    while (auto event = reader.next()) events.push_back(std::move(*event));
  }
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, "synthesize");
  EXPECT_EQ(events[0].data["text"], "Grüße.");
  EXPECT_EQ(events[0].payload, "pay");
  EXPECT_EQ(events[1].type, "describe");
  EXPECT_EQ(reader.buffered(), 0u);
}

TEST(WyomingEvent, MergesInlineDataWithTheDataBlock) {
  EventReader reader(FrameLimits{});
  std::string block = R"({"text": "from block"})";
  reader.feed(R"({"type": "synthesize", "data": {"text": "inline", "voice": {"name": "x"}}, )"
              R"("data_length": )" + std::to_string(block.size()) + "}\r\n" + block);
  auto event = reader.next();
  ASSERT_TRUE(event);
  EXPECT_EQ(event->data["text"], "from block");
  EXPECT_EQ(event->data["voice"]["name"], "x");
}

TEST(WyomingEvent, RejectsMalformedHeadersAndOversizedParts) {
  FrameLimits limits;
  limits.max_header_bytes = 64;
  limits.max_data_bytes = 100;
  limits.max_payload_bytes = 10;
  auto code = [&](const std::string& bytes) {
    EventReader reader(limits);
    reader.feed(bytes);
    return code_of(reader);
  };
  EXPECT_EQ(code("nonsense\n"), "malformed_header");
  EXPECT_EQ(code("[1]\n"), "malformed_header");
  EXPECT_EQ(code(R"({"type": ""})" "\n"), "malformed_header");
  EXPECT_EQ(code(R"({"type": 5})" "\n"), "malformed_header");
  EXPECT_EQ(code(R"({"type": "x", "data": [1]})" "\n"), "malformed_header");
  EXPECT_EQ(code(R"({"type": "x", "data_length": -1})" "\n"), "malformed_header");
  EXPECT_EQ(code(R"({"type": "x", "data_length": "5"})" "\n"), "malformed_header");
  EXPECT_EQ(code(R"({"type": "x", "data_length": 101})" "\n"), "data_too_large");
  EXPECT_EQ(code(R"({"type": "x", "payload_length": 11})" "\n"), "payload_too_large");
  EXPECT_EQ(code(R"({"type": "x", "data_length": 3})" "\n[1]"), "malformed_data");
  // An endless line is refused once it passes the limit, not when it finally ends.
  EXPECT_EQ(code(std::string(65, 'x')), "header_too_large");
  EXPECT_EQ(code(std::string(64, 'x')), "none");
}

}  // namespace
}  // namespace chorus::wyoming
