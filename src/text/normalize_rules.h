#pragma once
// Internal to the normalizer: the rule interface and scanning helpers shared by the rule
// files (normalize_numbers.cpp, normalize_time_date.cpp, normalize_web.cpp, normalize_words.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "text/language_pack.h"
#include "text/normalizer.h"

namespace chorus::normalize {

struct Context {
  std::string_view text;  // the whole (sanitized) input
  std::string_view language;
  const LanguagePack& pack;
  const NormalizeOptions& options;
  bool english;
};

// A rule looks at text[pos] (always a word start) and either declines or consumes
// `length` bytes, replacing them with `words`.
struct Match {
  std::size_t length = 0;
  std::string words;
};
using Rule = std::optional<Match> (*)(const Context& ctx, std::size_t pos);

// Rules in the order they are tried.
std::optional<Match> match_url(const Context& ctx, std::size_t pos);
std::optional<Match> match_email(const Context& ctx, std::size_t pos);
std::optional<Match> match_hashtag_or_handle(const Context& ctx, std::size_t pos);
std::optional<Match> match_phone(const Context& ctx, std::size_t pos);
std::optional<Match> match_date(const Context& ctx, std::size_t pos);
std::optional<Match> match_time(const Context& ctx, std::size_t pos);
std::optional<Match> match_currency(const Context& ctx, std::size_t pos);
std::optional<Match> match_number(const Context& ctx, std::size_t pos);
std::optional<Match> match_abbreviation(const Context& ctx, std::size_t pos);
std::optional<Match> match_roman_numeral(const Context& ctx, std::size_t pos);

// Single code point rules (symbols, emoji), tried where no word rule matched.
std::optional<Match> match_symbol(const Context& ctx, std::size_t pos);

// ---- scanning helpers (normalize_scan.cpp) ----
bool is_digit_at(std::string_view s, std::size_t pos);
std::size_t skip_digits(std::string_view s, std::size_t pos);
char32_t code_point_at(std::string_view s, std::size_t pos);
char32_t code_point_before(std::string_view s, std::size_t pos);
std::size_t next_code_point(std::string_view s, std::size_t pos);
bool is_word_char(char32_t cp);
// True when pos starts a word: the previous code point is not a letter or digit.
bool at_word_start(std::string_view s, std::size_t pos);
bool at_word_end(std::string_view s, std::size_t pos);
// Case-insensitive (ASCII) prefix test at pos.
bool starts_with_ci(std::string_view s, std::size_t pos, std::string_view prefix);
// Case-insensitive (Unicode lower case, code point by code point) prefix test at pos: the end
// of the matched text in s, or 0 when prefix is not there. Allocates nothing: it is tried at
// every word of every text.
std::size_t prefix_end_ci(std::string_view s, std::size_t pos, std::string_view prefix);
bool starts_with(std::string_view s, std::size_t pos, std::string_view prefix);
std::size_t skip_spaces(std::string_view s, std::size_t pos);
// The word (letters only) ending right before pos, skipping spaces; lower-cased.
std::string previous_word(std::string_view s, std::size_t pos);

// ---- numbers (normalize_numbers.cpp) ----
struct ParsedNumber {
  bool negative = false;
  std::string integer;   // digits only
  std::string fraction;  // digits after the decimal mark, empty when none
  bool grouped = false;  // thousands separators were used
  std::size_t end = 0;   // byte offset after the number
};
// Parses a number at pos (optional sign, groups, decimal part) with the pack's separators.
std::optional<ParsedNumber> parse_number(const Context& ctx, std::size_t pos, bool allow_sign);
std::optional<std::uint64_t> to_integer(const std::string& digits);
// Words for a parsed number; cardinal gender per the noun that follows.
std::string number_words(const Context& ctx, const ParsedNumber& n,
                         Gender gender = Gender::kMasculine);
std::string integer_words(const Context& ctx, const std::string& digits,
                          Gender gender = Gender::kMasculine);

std::string join_words(std::string_view a, std::string_view b);

}  // namespace chorus::normalize
