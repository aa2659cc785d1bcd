// Word-level rules: abbreviations and titles, roman numerals in names, symbols and emoji.
#include <algorithm>
#include <array>

#include "text/abbreviations.h"
#include "text/emoji_names.h"
#include "text/normalize_rules.h"
#include "text/unicode.h"
#include "text/utf8.h"

namespace chorus::normalize {

namespace {

// Words after which a roman numeral is a plain number ("World War II", "Chapter IV").
constexpr std::array<std::string_view, 22> kCardinalRomanContext{
    "war",   "part",    "chapter", "volume", "vol",     "act",     "book",  "phase",
    "type",  "class",   "level",   "season", "episode", "stage",   "section", "article",
    "appendix", "grade", "apollo", "wars",   "bowl",    "schedule"};

// Capitalized words that are not names, so a following "II" is not a regnal number.
constexpr std::array<std::string_view, 12> kNotNames{"the", "a", "an", "in", "on", "at",
                                                     "and", "or", "of", "to", "i", "is"};

// When a symbol is read; elsewhere it is dropped (markdown noise) or kept (punctuation).
enum class SymbolWhen { kAlways, kBeforeDigit, kStandalone };
struct SymbolRule {
  std::string_view symbol;
  SymbolWhen when;
};
constexpr std::array<SymbolRule, 23> kSymbolRules{{
    {"&", SymbolWhen::kAlways},        {"+", SymbolWhen::kAlways},
    {"=", SymbolWhen::kAlways},        {"@", SymbolWhen::kStandalone},
    {"%", SymbolWhen::kAlways},        {"°", SymbolWhen::kAlways},
    {"×", SymbolWhen::kAlways},        {"÷", SymbolWhen::kAlways},
    {"<", SymbolWhen::kStandalone},    {">", SymbolWhen::kStandalone},
    {"≤", SymbolWhen::kAlways},        {"≥", SymbolWhen::kAlways},
    {"≈", SymbolWhen::kAlways},        {"~", SymbolWhen::kBeforeDigit},
    {"±", SymbolWhen::kAlways},        {"©", SymbolWhen::kAlways},
    {"®", SymbolWhen::kAlways},        {"™", SymbolWhen::kAlways},
    {"§", SymbolWhen::kAlways},        {"#", SymbolWhen::kBeforeDigit},
    {"€", SymbolWhen::kStandalone},    {"$", SymbolWhen::kStandalone},
    {"£", SymbolWhen::kStandalone},
}};

// Characters that only format text (markdown, ASCII art) and are never read.
constexpr std::string_view kSilent = "*_|^\\`~#<>";

int roman_value(char c) {
  switch (c) {
    case 'I': return 1;
    case 'V': return 5;
    case 'X': return 10;
    case 'L': return 50;
    case 'C': return 100;
    case 'D': return 500;
    case 'M': return 1000;
    default: return 0;
  }
}

std::string to_roman(int n) {
  static constexpr std::array<std::pair<int, std::string_view>, 13> kParts{{
      {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"},
      {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}}};
  std::string out;
  for (const auto& [v, s] : kParts) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

// Value of a canonical roman numeral ("IV", not "IIII"), or 0.
int parse_roman(std::string_view s) {
  int total = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const int v = roman_value(s[i]);
    if (v == 0) return 0;
    const int next = i + 1 < s.size() ? roman_value(s[i + 1]) : 0;
    total += v < next ? -v : v;
  }
  if (total <= 0 || total >= 4000 || to_roman(total) != s) return 0;
  return total;
}

// The word before pos as written (case kept).
std::string_view previous_word_raw(std::string_view s, std::size_t pos) {
  std::size_t end = pos;
  while (end > 0 && s[end - 1] == ' ') --end;
  std::size_t begin = end;
  while (begin > 0 && is_letter(code_point_before(s, begin))) {
    begin = utf8_floor_boundary(s, begin - 1);
  }
  return s.substr(begin, end - begin);
}

bool next_is(std::string_view s, std::size_t pos, bool (*pred)(char32_t)) {
  const std::size_t p = skip_spaces(s, pos);
  return p > pos && p < s.size() && pred(code_point_at(s, p));
}

bool is_digit_cp(char32_t c) { return is_ascii_digit(c); }
bool is_upper_cp(char32_t c) { return is_upper(c); }

bool is_emoji_part(char32_t c) {
  return is_emoji(c) || c == 0x200D || c == 0xFE0F || c == 0xFE0E || (c >= 0x1F3FB && c <= 0x1F3FF);
}

}  // namespace

std::optional<Match> match_abbreviation(const Context& ctx, std::size_t pos) {
  const std::string_view s = ctx.text;
  for (const auto& a : ctx.pack.abbreviations) {
    if (!starts_with(s, pos, a.written)) continue;
    const std::size_t end = pos + a.written.size();
    if (!at_word_end(s, end) && is_word_char(code_point_before(s, end))) continue;
    if (a.written.back() == '.' && end < s.size() && is_letter(code_point_at(s, end))) continue;
    if (a.when == AbbreviationWhen::kBeforeNumber && !next_is(s, end, is_digit_cp)) continue;
    if (a.when == AbbreviationWhen::kBeforeCapital && !next_is(s, end, is_upper_cp)) continue;
    std::string words(a.expansion);
    // Keep the sentence end the period also marked ("... and Co. Then").
    if (a.written.back() == '.') {
      std::string key(a.written.substr(0, a.written.size() - 1));
      const bool at_end = skip_spaces(s, end) >= s.size() || code_point_at(s, end) == '\n';
      const bool ambiguous = abbreviation_kind(to_lower(key), ctx.language) ==
                                 AbbreviationKind::kAmbiguous &&
                             next_is(s, end, is_upper_cp);
      if (at_end || ambiguous) words += '.';
    }
    return Match{end - pos, words};
  }
  return std::nullopt;
}

std::optional<Match> match_roman_numeral(const Context& ctx, std::size_t pos) {
  if (!ctx.english) return std::nullopt;
  const std::string_view s = ctx.text;
  std::size_t end = pos;
  while (end < s.size() && roman_value(s[end]) > 0) ++end;
  if (end == pos || !at_word_end(s, end)) return std::nullopt;
  const std::string_view numeral = s.substr(pos, end - pos);
  const int value = parse_roman(numeral);
  if (value == 0) return std::nullopt;
  const std::string_view prev = previous_word_raw(s, pos);
  if (prev.empty()) return std::nullopt;
  const std::string prev_lower = to_lower(prev);
  const auto v = static_cast<std::uint64_t>(value);
  if (std::find(kCardinalRomanContext.begin(), kCardinalRomanContext.end(), prev_lower) !=
      kCardinalRomanContext.end()) {
    return Match{end - pos, cardinal_words(v, "en")};
  }
  const bool regnal_letters = numeral.find_first_not_of("IVX") == std::string_view::npos;
  const bool name_before = is_upper(code_point_at(prev, 0)) &&
                           std::find(kNotNames.begin(), kNotNames.end(), prev_lower) == kNotNames.end();
  if (regnal_letters && name_before && numeral != "I" && numeral != "V" && numeral != "X") {
    return Match{end - pos, "the " + ordinal_words(v, "en")};
  }
  return std::nullopt;
}

std::optional<Match> match_symbol(const Context& ctx, std::size_t pos) {
  const std::string_view s = ctx.text;
  const char32_t cp = code_point_at(s, pos);
  if (is_emoji_part(cp)) {
    std::size_t end = pos;
    while (end < s.size() && is_emoji_part(code_point_at(s, end))) end = next_code_point(s, end);
    switch (ctx.options.emoji) {
      case EmojiMode::kKeep: return std::nullopt;
      case EmojiMode::kDrop: return Match{end - pos, ""};
      case EmojiMode::kName: {
        std::string names;
        if (ctx.english) {
          for (std::size_t p = pos; p < end; p = next_code_point(s, p)) {
            const std::string_view name = emoji_name(code_point_at(s, p));
            if (!name.empty()) names = join_words(names, name);
          }
        }
        return Match{end - pos, names};
      }
    }
  }
  for (const auto& rule : kSymbolRules) {
    if (!starts_with(s, pos, rule.symbol)) continue;
    const std::size_t end = pos + rule.symbol.size();
    if (rule.when == SymbolWhen::kBeforeDigit && !is_digit_at(s, end)) break;
    if (rule.when == SymbolWhen::kStandalone &&
        !((pos == 0 || s[pos - 1] == ' ') && (end >= s.size() || s[end] == ' '))) {
      break;
    }
    for (const auto& [sym, word] : ctx.pack.symbols) {
      if (sym == rule.symbol) return Match{end - pos, std::string(word)};
    }
    break;
  }
  if (cp < 0x80 && kSilent.find(static_cast<char>(cp)) != std::string_view::npos) {
    return Match{1, ""};
  }
  // "and/or": a slash between words is a pause, not a word.
  if (cp == '/' && pos > 0 && is_letter(code_point_before(s, pos)) &&
      is_letter(code_point_at(s, pos + 1))) {
    return Match{1, ""};
  }
  return std::nullopt;
}

}  // namespace chorus::normalize
