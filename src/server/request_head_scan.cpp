#include "server/request_head_scan.h"

#include <charconv>
#include <optional>

namespace chorus {
namespace {

// Where the head ends (just past its empty line), or npos.
std::size_t head_end(std::string_view bytes) {
  std::size_t crlf = bytes.find("\r\n\r\n");
  std::size_t lf = bytes.find("\n\n");
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::string_view::npos;
  if (lf == std::string_view::npos || (crlf != std::string_view::npos && crlf < lf)) return crlf + 4;
  return lf + 2;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
    if (x != y) return false;
  }
  return true;
}

std::string_view trimmed(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r')) {
    value.remove_suffix(1);
  }
  return value;
}

struct BodyFraming {
  std::optional<std::size_t> content_length;  // one valid value
  bool other = false;  // chunked, Expect: 100-continue, or lengths the request checks refuse
};

// Only a plain, single Content-Length makes a body worth waiting for here; everything else
// (chunked, a client waiting for 100 Continue, conflicting values) goes to the worker, whose
// checks answer it.
BodyFraming body_framing(std::string_view head) {
  BodyFraming framing;
  std::size_t start = head.find('\n');
  while (start != std::string_view::npos && start + 1 < head.size()) {
    ++start;
    std::size_t end = head.find('\n', start);
    std::string_view line = head.substr(start, end == std::string_view::npos ? end : end - start);
    start = end;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = line.substr(0, colon);
    std::string_view value = trimmed(line.substr(colon + 1));
    if (equals_ignoring_case(name, "transfer-encoding") || equals_ignoring_case(name, "expect")) {
      framing.other = true;
    } else if (equals_ignoring_case(name, "content-length")) {
      std::size_t length = 0;
      auto [end_of_number, error] = std::from_chars(value.data(), value.data() + value.size(), length);
      if (error != std::errc() || end_of_number != value.data() + value.size() ||
          (framing.content_length && *framing.content_length != length)) {
        framing.other = true;
      } else {
        framing.content_length = length;
      }
    }
  }
  return framing;
}

bool header_line_too_long(std::string_view head) {
  std::size_t start = head.find('\n');  // the request line is the library's to judge (414)
  while (start != std::string_view::npos) {
    ++start;
    std::size_t end = head.find('\n', start);
    std::size_t length = (end == std::string_view::npos ? head.size() : end) - start;
    if (length > kMaxHeaderLineBytes) return true;
    start = end;
  }
  return false;
}

}  // namespace

bool header_lines_well_formed(std::string_view head) {
  std::size_t start = head.find('\n');  // the request line is the library's to judge
  while (start != std::string_view::npos) {
    ++start;
    std::size_t end = head.find('\n', start);
    std::string_view line = head.substr(start, end == std::string_view::npos ? end : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return true;  // end of the head
    if (line.front() == ' ' || line.front() == '\t') return false;  // obsolete line folding
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    if (line.substr(0, colon).find_first_of(" \t") != std::string_view::npos) return false;
    start = end;
  }
  return true;
}

HeadState scan_request_head(std::string_view bytes, bool window_full) {
  const std::size_t end = head_end(bytes);
  if (end == std::string_view::npos) {
    // A request line that fills the window is the library's to refuse (414).
    if (window_full && bytes.find('\n') == std::string_view::npos) return HeadState::ready;
    // A header line already over the limit, or a head that does not fit the window: neither
    // gets better by waiting.
    if (header_line_too_long(bytes) || window_full) return HeadState::header_too_large;
    return HeadState::incomplete;
  }
  const std::string_view head = bytes.substr(0, end);
  if (header_line_too_long(head)) return HeadState::header_too_large;
  if (!header_lines_well_formed(head)) return HeadState::malformed;
  const BodyFraming framing = body_framing(head);
  if (!framing.other && framing.content_length && *framing.content_length <= kWaitedBodyBytes &&
      bytes.size() - end < *framing.content_length && !window_full) {
    return HeadState::awaiting_body;
  }
  return HeadState::ready;
}

}  // namespace chorus
