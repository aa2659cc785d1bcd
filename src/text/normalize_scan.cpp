#include "text/normalize_rules.h"
#include "text/unicode.h"
#include "text/utf8.h"

namespace chorus::normalize {

bool is_digit_at(std::string_view s, std::size_t pos) {
  return pos < s.size() && s[pos] >= '0' && s[pos] <= '9';
}

std::size_t skip_digits(std::string_view s, std::size_t pos) {
  while (is_digit_at(s, pos)) ++pos;
  return pos;
}

char32_t code_point_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return 0;
  return decode_utf8(s, pos);
}

char32_t code_point_before(std::string_view s, std::size_t pos) {
  if (pos == 0 || pos > s.size()) return 0;
  std::size_t p = utf8_floor_boundary(s, pos - 1);
  return decode_utf8(s, p);
}

std::size_t next_code_point(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return s.size();
  decode_utf8(s, pos);
  return pos;
}

bool is_word_char(char32_t cp) { return is_alnum(cp); }

bool at_word_start(std::string_view s, std::size_t pos) {
  return pos == 0 || !is_word_char(code_point_before(s, pos));
}

bool at_word_end(std::string_view s, std::size_t pos) {
  return pos >= s.size() || !is_word_char(code_point_at(s, pos));
}

bool starts_with_ci(std::string_view s, std::size_t pos, std::string_view prefix) {
  if (pos > s.size() || s.size() - pos < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = s[pos + i];
    char b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a + 32);
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b + 32);
    if (a != b) return false;
  }
  return true;
}

std::size_t prefix_end_ci(std::string_view s, std::size_t pos, std::string_view prefix) {
  if (prefix.empty() || pos >= s.size()) return 0;
  std::size_t p = 0;
  while (p < prefix.size()) {
    if (pos >= s.size()) return 0;
    if (to_lower(decode_utf8(s, pos)) != to_lower(decode_utf8(prefix, p))) return 0;
  }
  return pos;
}

bool starts_with(std::string_view s, std::size_t pos, std::string_view prefix) {
  // The first byte rules out most candidates before a compare: rules try whole tables of
  // prefixes at every position.
  return pos <= s.size() && s.size() - pos >= prefix.size() &&
         (prefix.empty() || (s[pos] == prefix[0] && s.compare(pos, prefix.size(), prefix) == 0));
}

std::size_t skip_spaces(std::string_view s, std::size_t pos) {
  while (pos < s.size() && is_space(code_point_at(s, pos))) pos = next_code_point(s, pos);
  return pos;
}

std::string previous_word(std::string_view s, std::size_t pos) {
  std::size_t end = pos;
  while (end > 0 && is_space(code_point_before(s, end))) end = utf8_floor_boundary(s, end - 1);
  std::size_t begin = end;
  while (begin > 0 && is_letter(code_point_before(s, begin))) {
    begin = utf8_floor_boundary(s, begin - 1);
  }
  return to_lower(s.substr(begin, end - begin));
}

std::string join_words(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  std::string out(a);
  out += ' ';
  out += b;
  return out;
}

}  // namespace chorus::normalize
