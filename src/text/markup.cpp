#include "text/markup.h"

#include <algorithm>
#include <charconv>

#include "text/utf8.h"

namespace chorus {

namespace {

void append_text(std::vector<MarkupPiece>& out, std::string_view source, std::size_t begin, std::size_t end) {
  if (begin >= end) return;
  const std::string_view text = source.substr(begin, end - begin);
  if (!out.empty() && out.back().segment.kind == TextSegment::Kind::kText && out.back().end == begin) {
    out.back().segment.text.append(text);
    out.back().end = end;
  } else {
    out.push_back({TextSegment::plain(std::string(text)), begin, end});
  }
}

}  // namespace

double parse_duration_seconds(std::string_view s) {
  s = trim_blanks(s);
  double scale = 1.0;
  if (s.size() > 2 && s.substr(s.size() - 2) == "ms") {
    scale = 0.001;
    s.remove_suffix(2);
  } else if (!s.empty() && s.back() == 's') {
    s.remove_suffix(1);
  }
  s = trim_blanks(s);
  if (s.empty() || s.size() > 16) return -1;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size() || !(value >= 0)) return -1;
  return value * scale;
}

std::string phoneme_markup(std::string_view word, std::string_view ipa) {
  std::string out = "[";
  out += word;
  out += "](/";
  out += ipa;
  out += "/)";
  return out;
}

std::vector<TextSegment> parse_inline_markup(std::string_view text) {
  std::vector<TextSegment> out;
  for (auto& piece : parse_inline_markup_pieces(text)) out.push_back(std::move(piece.segment));
  return out;
}

std::vector<MarkupPiece> parse_inline_markup_pieces(std::string_view text) {
  std::vector<MarkupPiece> out;
  std::size_t pos = 0;
  std::size_t plain_start = 0;
  while (pos < text.size()) {
    if (text[pos] != '[') {
      ++pos;
      continue;
    }
    const std::size_t close = text.find(']', pos + 1);
    if (close == std::string_view::npos) break;
    const std::string_view inner = text.substr(pos + 1, close - pos - 1);
    // [pause:1.5s]
    if (inner.size() > 6 && inner.substr(0, 6) == "pause:") {
      const double seconds = parse_duration_seconds(inner.substr(6));
      if (seconds >= 0) {
        append_text(out, text, plain_start, pos);
        out.push_back({TextSegment::pause(std::min(seconds, kMaxPauseSeconds)), pos, close + 1});
        pos = plain_start = close + 1;
        continue;
      }
    }
    // [word](/ipa/)
    if (!inner.empty() && inner.find('[') == std::string_view::npos &&
        text.substr(close + 1, 2) == "(/") {
      const std::size_t end = text.find("/)", close + 3);
      if (end != std::string_view::npos) {
        const std::string_view ipa = text.substr(close + 3, end - close - 3);
        if (!trim_blanks(ipa).empty() && ipa.find('\n') == std::string_view::npos) {
          append_text(out, text, plain_start, pos);
          out.push_back({TextSegment::phoneme(std::string(inner), std::string(trim_blanks(ipa))), pos, end + 2});
          pos = plain_start = end + 2;
          continue;
        }
      }
    }
    ++pos;  // not markup: a later "[" may still start some
  }
  append_text(out, text, plain_start, text.size());
  return out;
}

}  // namespace chorus
