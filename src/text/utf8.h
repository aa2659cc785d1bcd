#pragma once
// UTF-8 primitives shared by the whole text front-end. Everything that cuts text works on code
// point boundaries obtained from here, so no stage can split a multi-byte sequence.
#include <cstddef>
#include <string>
#include <string_view>

namespace chorus {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Strict validation: rejects overlong forms, surrogates, code points above U+10FFFF and
// truncated sequences.
bool is_valid_utf8(std::string_view s);

// Number of code points. Invalid bytes count as one code point each.
std::size_t utf8_length(std::string_view s);

// True when the text holds nothing audible: only Unicode whitespace, control and format
// characters (zero-width space, BOM, ...). The empty string is blank.
bool is_blank(std::string_view s);

// `s` without its leading and trailing spaces and tabs (the separators of the line formats:
// lexicon entries, inline pronunciation markup).
std::string_view trim_blanks(std::string_view s);

// Decodes the code point starting at s[pos] and advances pos past it. Invalid or truncated
// sequences yield U+FFFD and advance one byte, so callers always make progress. ASCII is
// decoded inline: every stage of the front-end walks its text with this.
char32_t decode_utf8_sequence(std::string_view s, std::size_t& pos);
inline char32_t decode_utf8(std::string_view s, std::size_t& pos) {
  const auto b = static_cast<unsigned char>(s[pos]);
  if (b < 0x80) {
    ++pos;
    return b;
  }
  return decode_utf8_sequence(s, pos);
}

// Appends the UTF-8 encoding of cp (U+FFFD for surrogates and values above U+10FFFF).
void append_utf8(std::string& out, char32_t cp);
std::string to_utf8(char32_t cp);

// Byte length of the sequence whose lead byte is b (1 for invalid lead bytes).
std::size_t utf8_sequence_length(unsigned char b);

// Byte offset of the first code point boundary at or before pos.
std::size_t utf8_floor_boundary(std::string_view s, std::size_t pos);

// Replaces invalid sequences by U+FFFD so later stages can assume valid input.
std::string sanitize_utf8(std::string_view s);

}  // namespace chorus
