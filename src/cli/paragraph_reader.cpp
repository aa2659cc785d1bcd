#include "cli/paragraph_reader.h"

namespace chorus {
namespace {

bool is_blank(const std::string& line) {
  return line.find_first_not_of(" \t\r\f\v") == std::string::npos;
}

}  // namespace

ParagraphReader::ParagraphReader(std::istream& in, std::uint64_t start_offset,
                                 std::size_t max_bytes)
    : in_(in), consumed_(start_offset), max_bytes_(max_bytes) {}

bool ParagraphReader::read_line(std::string& line) {
  line.clear();
  std::streambuf* buffer = in_.rdbuf();
  bool any = false;
  for (;;) {
    int c = buffer->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in_.setstate(std::ios::eofbit);
      return any;
    }
    any = true;
    ++consumed_;
    if (c == '\n') break;
    line.push_back(static_cast<char>(c));
    // A space is ASCII, so cutting after it never splits a UTF-8 sequence. Without any space
    // for twice the limit (scripts written without spaces), cut before a UTF-8 lead byte.
    if (line.size() >= max_bytes_ && c == ' ') break;
    if (line.size() >= 2 * max_bytes_) {
      int peek = buffer->sgetc();
      if (peek == std::char_traits<char>::eof() || (peek & 0xC0) != 0x80) break;
    }
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

bool ParagraphReader::next(Paragraph& out) {
  out.text.clear();
  out.ends_section = true;
  std::string line;
  while (read_line(line)) {
    if (is_blank(line)) {
      if (out.text.empty()) continue;  // runs of blank lines between paragraphs
      out.end_offset = consumed_;
      return true;
    }
    if (!out.text.empty()) out.text.push_back('\n');
    out.text += line;
    if (out.text.size() >= max_bytes_) {
      out.ends_section = false;
      out.end_offset = consumed_;
      return true;
    }
  }
  out.end_offset = consumed_;
  return !out.text.empty();
}

}  // namespace chorus
