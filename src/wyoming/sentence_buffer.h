#pragma once
// Streaming text input (synthesize-chunk): text arrives in arbitrary pieces while an LLM writes
// it. Sentences are handed out as soon as they are known to be complete, i.e. once the next
// sentence has begun, so the first one can be synthesized long before the text ends.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::wyoming {

class SentenceBuffer {
 public:
  // `language` guides abbreviation handling ("Dr.", "z.B."); empty works for most languages.
  // Text with no sentence end is handed out anyway once `max_pending_chars` have gathered.
  SentenceBuffer(std::string language, std::size_t max_pending_chars);

  // Appends `text`; returns the sentences completed by it, in order.
  std::vector<std::string> add(std::string_view text);
  // The text still pending (the last sentence), at the end of the stream; empty if blank.
  std::string finish();

 private:
  std::string language_;
  std::size_t max_pending_chars_;
  std::string pending_;
};

}  // namespace chorus::wyoming
