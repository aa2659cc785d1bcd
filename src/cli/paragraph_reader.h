#pragma once
// Reads text one paragraph at a time, so a book is never held in memory whole. Paragraphs are
// separated by blank lines; a paragraph that grows past a size limit is cut at a line end (or, for
// a single enormous line, at a space), which keeps memory bounded for any input.
#include <cstdint>
#include <istream>
#include <string>

namespace chorus {

struct Paragraph {
  std::string text;          // lines joined with '\n', CR stripped
  bool ends_section = true;  // followed by a blank line or the end (false when cut for size)
  std::uint64_t end_offset = 0;  // bytes of the stream consumed through this paragraph
};

class ParagraphReader {
 public:
  // `start_offset` is where `in` is positioned (after a seek, when resuming).
  explicit ParagraphReader(std::istream& in, std::uint64_t start_offset = 0,
                           std::size_t max_bytes = 16 * 1024);

  // Returns false at the end of the input.
  bool next(Paragraph& out);
  std::uint64_t offset() const { return consumed_; }

 private:
  // Reads one line (without its '\n'); stops early at a space past max_bytes_ so that a
  // file with no line breaks still comes in pieces. Returns false at the end of the input.
  bool read_line(std::string& line);

  std::istream& in_;
  std::uint64_t consumed_;
  std::size_t max_bytes_;
};

}  // namespace chorus
