#pragma once
// Wyoming framing: one JSON header line, then optionally `data_length` bytes of JSON merged into
// the header's `data`, then optionally `payload_length` bytes of binary payload
// (../shared/docs/wyoming.md). Parsing is incremental so a connection can feed bytes as they come.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace chorus::wyoming {

// The protocol version written into every header (readers ignore it; the wyoming library writes
// its own package version there).
inline constexpr const char* kProtocolVersion = "1.7.2";

struct Event {
  std::string type;
  nlohmann::json data = nlohmann::json::object();
  std::string payload;
};

// A violation of the framing or of a limit. `code` is sent in the `error` event.
class ProtocolError : public std::runtime_error {
 public:
  ProtocolError(std::string code, const std::string& text)
      : std::runtime_error(text), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

struct FrameLimits {
  std::size_t max_header_bytes = 8 * 1024;
  std::size_t max_data_bytes = 64 * 1024;
  std::size_t max_payload_bytes = 1024 * 1024;
};

// Serializes an event: the data goes in its own block (as the reference library writes it).
std::string encode_event(const Event& event);

// Accumulates received bytes and cuts them into events. Throws ProtocolError on malformed
// input; the connection is then unusable (the framing is lost) and should be closed.
class EventReader {
 public:
  explicit EventReader(FrameLimits limits) : limits_(limits) {}

  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next complete event, or nullopt when more bytes are needed.
  std::optional<Event> next();
  // Bytes received but not yet consumed (bounded by the limits once next() has run).
  std::size_t buffered() const { return buffer_.size(); }

 private:
  struct Header {
    Event event;
    std::size_t data_length = 0;
    std::size_t payload_length = 0;
  };
  Header parse_header(std::string_view line) const;

  FrameLimits limits_;
  std::string buffer_;
  std::optional<Header> header_;  // parsed, waiting for its data and payload
};

}  // namespace chorus::wyoming
