// Fuzz target: the Wyoming listener's input side - the event framing (header line, data block,
// payload, limits) fed in pieces as a socket delivers them, and the streaming sentence buffer
// fed with the text of every event. The first input byte picks the piece size. Besides crashes
// and sanitizer reports, a failure is: an exception other than ProtocolError, or buffered bytes
// beyond what the limits allow.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "wyoming/sentence_buffer.h"
#include "wyoming/wyoming_event.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t piece = 1 + data[0] % 64;
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  chorus::wyoming::FrameLimits limits;
  limits.max_header_bytes = 512;
  limits.max_data_bytes = 1024;
  limits.max_payload_bytes = 256;
  chorus::wyoming::EventReader reader(limits);
  chorus::wyoming::SentenceBuffer sentences("en", 200);
  try {
    for (std::size_t at = 0; at < input.size(); at += piece) {
      reader.feed(input.substr(at, piece));
      while (auto event = reader.next()) {
        check(!event->type.empty() && event->data.is_object());
        check(event->payload.size() <= limits.max_payload_bytes);
        auto text = event->data.find("text");
        if (text != event->data.end() && text->is_string()) {
          for (const auto& sentence : sentences.add(text->get<std::string>())) {
            check(!sentence.empty());
          }
        }
      }
      // Whatever is pending is one header line (bounded) plus its announced data and payload.
      check(reader.buffered() <= limits.max_header_bytes + 1 + limits.max_data_bytes +
                                     limits.max_payload_bytes + piece);
    }
    sentences.finish();
  } catch (const chorus::wyoming::ProtocolError&) {
    // The connection would be closed: expected for malformed input.
  }
  return 0;
}
