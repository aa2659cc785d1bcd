// Plain numbers and what directly follows them: ordinals, percentages, units, ranges,
// fractions, decades and years.
#include <algorithm>
#include <array>

#include "text/normalize_rules.h"
#include "text/unicode.h"
#include "text/utf8.h"

namespace chorus::normalize {

namespace {

bool contains_code_point(std::string_view list, char32_t cp) {
  std::size_t pos = 0;
  while (pos < list.size()) {
    if (decode_utf8(list, pos) == cp) return true;
  }
  return false;
}

bool is_dash(char32_t cp) { return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2212; }

// Fractions with their own names in English; other denominators use the ordinal.
struct NamedFraction {
  unsigned denominator;
  std::string_view one;
  std::string_view many;
};
constexpr std::array<NamedFraction, 2> kEnglishFractions{{{2, "half", "halves"},
                                                          {4, "quarter", "quarters"}}};

// Vulgar fraction characters.
struct FractionChar {
  char32_t cp;
  unsigned numerator;
  unsigned denominator;
};
constexpr std::array<FractionChar, 9> kFractionChars{{{0xBD, 1, 2},
                                                      {0xBC, 1, 4},
                                                      {0xBE, 3, 4},
                                                      {0x2153, 1, 3},
                                                      {0x2154, 2, 3},
                                                      {0x215B, 1, 8},
                                                      {0x215C, 3, 8},
                                                      {0x215D, 5, 8},
                                                      {0x215E, 7, 8}}};

std::string fraction_words(const Context& ctx, std::uint64_t num, std::uint64_t den) {
  const std::string n = cardinal_words(num, ctx.language);
  if (ctx.english && den > 1) {
    for (const auto& f : kEnglishFractions) {
      if (f.denominator == den) return n + " " + std::string(num == 1 ? f.one : f.many);
    }
    return n + " " + ordinal_words(den, "en") + (num == 1 ? "" : "s");
  }
  if (ctx.pack.fraction_denominator_first) {
    return cardinal_words(den, ctx.language) + std::string(ctx.pack.over) + n;
  }
  return n + " " + std::string(ctx.pack.over) + " " + cardinal_words(den, ctx.language);
}

std::string percent_words(const Context& ctx, const ParsedNumber& n, PluralCategory c);

// English plural of a year/number word for decades: "ninety" -> "nineties", "ten" -> "tens".
std::string pluralize_last_word(std::string words) {
  if (!words.empty() && words.back() == 'y') return words.substr(0, words.size() - 1) + "ies";
  return words + "s";
}

PluralCategory category_for(const Context& ctx, const ParsedNumber& n) {
  if (!n.fraction.empty()) return PluralCategory::kFew;
  const auto v = to_integer(n.integer);
  return v ? ctx.pack.plural(*v) : PluralCategory::kMany;
}

std::string_view form_for(const NounForms& forms, PluralCategory c) {
  switch (c) {
    case PluralCategory::kOne: return forms.one;
    case PluralCategory::kFew: return forms.few;
    case PluralCategory::kMany: return forms.many;
  }
  return forms.many;
}

// A unit symbol right after the number (optionally after one space), longest first.
const UnitWords* match_unit(const Context& ctx, std::size_t pos, std::size_t* end) {
  const std::size_t start = skip_spaces(ctx.text, pos);
  if (start - pos > 1) return nullptr;
  const UnitWords* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& u : ctx.pack.units) {
    if (u.symbol.size() <= best_len || !starts_with(ctx.text, start, u.symbol)) continue;
    const std::size_t after = start + u.symbol.size();
    const char32_t last = code_point_before(ctx.text, after);
    if (is_word_char(last) && !at_word_end(ctx.text, after)) continue;
    best = &u;
    best_len = u.symbol.size();
  }
  if (best) *end = start + best_len;
  return best;
}

bool in_year_context(const Context& ctx, std::size_t pos) {
  const std::string prev = previous_word(ctx.text, pos);
  if (prev.empty()) {
    // Nothing but punctuation or spaces since the sentence began.
    std::size_t p = pos;
    while (p > 0) {
      const char32_t c = code_point_before(ctx.text, p);
      if (c == '.' || c == '!' || c == '?' || c == '\n') return true;
      if (is_alnum(c)) return false;
      p = utf8_floor_boundary(ctx.text, p - 1);
    }
    return true;
  }
  return std::find(ctx.pack.year_context.begin(), ctx.pack.year_context.end(), prev) !=
         ctx.pack.year_context.end();
}

bool followed_by_era(const Context& ctx, std::size_t end) {
  const std::size_t p = skip_spaces(ctx.text, end);
  for (std::string_view era : {"AD", "BC", "BCE", "CE", "A.D.", "B.C."}) {
    if (starts_with(ctx.text, p, era) && at_word_end(ctx.text, p + era.size())) return true;
  }
  return false;
}

// Number followed by what qualifies it; `first` is the number already parsed at pos.
std::optional<Match> number_with_suffix(const Context& ctx, std::size_t pos,
                                        const ParsedNumber& n, bool allow_range);

std::optional<Match> try_range(const Context& ctx, std::size_t pos, const ParsedNumber& n) {
  std::size_t p = n.end;
  const bool spaced = code_point_at(ctx.text, p) == ' ';
  if (spaced) ++p;
  const char32_t dash = code_point_at(ctx.text, p);
  if (!is_dash(dash)) return std::nullopt;
  if (spaced && dash == '-') return std::nullopt;  // "5 - 3" is a subtraction or an aside
  std::size_t q = next_code_point(ctx.text, p);
  if (spaced) {
    if (code_point_at(ctx.text, q) != ' ') return std::nullopt;
    ++q;
  }
  auto second = parse_number(ctx, q, false);
  if (!second) return std::nullopt;
  auto tail = number_with_suffix(ctx, q, *second, false);
  if (!tail) return std::nullopt;
  return Match{tail->length + (q - pos),
               number_words(ctx, n) + " " + std::string(ctx.pack.range_to) + " " + tail->words};
}

std::optional<Match> number_with_suffix(const Context& ctx, std::size_t pos,
                                        const ParsedNumber& n, bool allow_range) {
  const std::string_view s = ctx.text;
  const auto value = to_integer(n.integer);
  const bool plain_integer = n.fraction.empty() && !n.negative && value.has_value();

  if (allow_range) {
    if (auto r = try_range(ctx, pos, n)) return r;
  }
  // Decades: "1990s", "the '80s".
  if (ctx.english && plain_integer && !n.grouped &&
      (n.integer.size() == 4 || n.integer.size() == 2) && starts_with(s, n.end, "s") &&
      at_word_end(s, n.end + 1)) {
    const std::string words = n.integer.size() == 4 ? year_words(*value, "en")
                                                    : cardinal_words(*value, "en");
    return Match{n.end + 1 - pos, pluralize_last_word(words)};
  }
  // Ordinals: "21st", "1er", "2º", "1ª".
  if (plain_integer) {
    for (std::string_view suffix : ctx.pack.feminine_ordinal_suffixes) {
      if (starts_with_ci(s, n.end, suffix) && at_word_end(s, n.end + suffix.size())) {
        return Match{n.end + suffix.size() - pos,
                     ordinal_words(*value, ctx.language, Gender::kFeminine)};
      }
    }
    for (std::string_view suffix : ctx.pack.ordinal_suffixes) {
      if (starts_with_ci(s, n.end, suffix) && at_word_end(s, n.end + suffix.size())) {
        return Match{n.end + suffix.size() - pos,
                     ordinal_words(*value, ctx.language, ctx.pack.ordinal_suffix_gender)};
      }
    }
  }
  // Percentages: "15%", "15 %", "2.5%".
  {
    std::size_t p = n.end;
    if (code_point_at(s, p) == ' ' || code_point_at(s, p) == 0xA0 || code_point_at(s, p) == 0x202F) {
      p = next_code_point(s, p);
    }
    if (code_point_at(s, p) == '%') return Match{p + 1 - pos, percent_words(ctx, n, category_for(ctx, n))};
  }
  // Fractions: "3/4".
  if (plain_integer && !n.grouped && starts_with(s, n.end, "/") && is_digit_at(s, n.end + 1)) {
    const std::size_t den_end = skip_digits(s, n.end + 1);
    const auto den = to_integer(std::string(s.substr(n.end + 1, den_end - n.end - 1)));
    if (den && *den > 0 && *den < 1000 && at_word_end(s, den_end) &&
        code_point_at(s, den_end) != '/') {
      return Match{den_end - pos, fraction_words(ctx, *value, *den)};
    }
  }
  // "2½"
  if (plain_integer) {
    const char32_t c = code_point_at(s, n.end);
    for (const auto& f : kFractionChars) {
      if (f.cp != c) continue;
      return Match{next_code_point(s, n.end) - pos,
                   number_words(ctx, n) + " " + std::string(ctx.pack.and_word) + " " +
                       fraction_words(ctx, f.numerator, f.denominator)};
    }
  }
  // Units: "10 km", "5kg", "20°C".
  std::size_t unit_end = 0;
  if (const UnitWords* unit = match_unit(ctx, n.end, &unit_end)) {
    const auto c = category_for(ctx, n);
    return Match{unit_end - pos,
                 number_words(ctx, n, unit->name.gender) + " " + std::string(form_for(unit->name, c))};
  }
  // Magnitude shorthands: "1k", "2M", "3B".
  {
    static constexpr std::array<std::pair<std::string_view, std::size_t>, 6> kShort{
        {{"k", 0}, {"K", 0}, {"M", 1}, {"B", 2}, {"bn", 2}, {"T", 3}}};
    for (const auto& [letters, index] : kShort) {
      if (starts_with(s, n.end, letters) && at_word_end(s, n.end + letters.size())) {
        const auto& noun = ctx.pack.magnitudes[index];
        return Match{n.end + letters.size() - pos,
                     number_words(ctx, n, noun.gender) + " " +
                         std::string(form_for(noun, category_for(ctx, n)))};
      }
    }
  }
  // Years: "2024年".
  if (plain_integer && !n.grouped && n.integer.size() == 4) {
    for (std::string_view suffix : ctx.pack.year_suffixes) {
      if (starts_with(s, n.end, suffix)) return Match{n.end - pos, year_words(*value, ctx.language)};
    }
  }
  // Years.
  if (plain_integer && !n.grouped && n.integer.size() == 4 && n.integer[0] != '0' &&
      *value >= 1000 && *value <= 2099 && number_speller(ctx.language).year != nullptr &&
      (in_year_context(ctx, pos) || followed_by_era(ctx, n.end))) {
    return Match{n.end - pos, year_words(*value, ctx.language)};
  }
  return Match{n.end - pos, number_words(ctx, n)};
}

std::string percent_words(const Context& ctx, const ParsedNumber& n, PluralCategory c) {
  const std::string number = number_words(ctx, n, ctx.pack.percent.gender);
  const std::string word(form_for(ctx.pack.percent, c));
  if (ctx.pack.percent_before) return word + (ctx.pack.no_spaces ? "" : " ") + number;
  return number + " " + word;
}

}  // namespace

std::optional<std::uint64_t> to_integer(const std::string& digits) {
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

std::optional<ParsedNumber> parse_number(const Context& ctx, std::size_t pos, bool allow_sign) {
  const std::string_view s = ctx.text;
  ParsedNumber n;
  std::size_t p = pos;
  const char32_t first = code_point_at(s, p);
  if (allow_sign && (first == '-' || first == 0x2212)) {
    const std::size_t after = next_code_point(s, p);
    const char32_t before = code_point_before(s, p);
    if (!is_digit_at(s, after) || (p > 0 && !is_space(before) && before != '(')) {
      return std::nullopt;
    }
    n.negative = true;
    p = after;
  }
  if (!is_digit_at(s, p)) return std::nullopt;
  std::size_t end = skip_digits(s, p);
  n.integer = std::string(s.substr(p, end - p));
  p = end;
  // Thousands groups: exactly three digits after each separator. Hindi also groups lakhs
  // and crores in twos before the last three digits: 1,00,000.
  const bool indian = ctx.pack.language == "hi";
  while (n.integer.size() <= 3 || n.grouped) {
    const char32_t sep = code_point_at(s, p);
    if (sep == 0 || !contains_code_point(ctx.pack.group_separators, sep)) break;
    const std::size_t after = next_code_point(s, p);
    const std::size_t group_end = skip_digits(s, after);
    const std::size_t len = group_end - after;
    const bool two_then_more = indian && len == 2 && code_point_at(s, group_end) == sep &&
                               is_digit_at(s, group_end + 1);
    if (len != 3 && !two_then_more) break;
    n.integer += std::string(s.substr(after, len));
    n.grouped = true;
    p = group_end;
  }
  const char32_t mark = code_point_at(s, p);
  if (mark != 0 && contains_code_point(ctx.pack.decimal_separators, mark)) {
    const std::size_t after = next_code_point(s, p);
    if (is_digit_at(s, after)) {
      const std::size_t frac_end = skip_digits(s, after);
      n.fraction = std::string(s.substr(after, frac_end - after));
      p = frac_end;
    }
  }
  n.end = p;
  return n;
}

std::string integer_words(const Context& ctx, const std::string& digits, Gender gender) {
  if (digits.size() > 1 && digits[0] == '0') return digit_words(digits, ctx.language);
  const auto v = to_integer(digits);
  if (!v || *v > kMaxSpelledNumber) return digit_words(digits, ctx.language);
  return cardinal_words(*v, ctx.language, gender);
}

std::string number_words(const Context& ctx, const ParsedNumber& n, Gender gender) {
  std::string out = n.negative ? std::string(ctx.pack.minus) + " " : std::string();
  out += integer_words(ctx, n.integer, gender);
  if (!n.fraction.empty()) {
    out += " " + std::string(ctx.pack.point) + " " + digit_words(n.fraction, ctx.language);
  }
  return out;
}

std::optional<Match> match_number(const Context& ctx, std::size_t pos) {
  // A fraction character standing alone: "½ cup".
  const char32_t c = code_point_at(ctx.text, pos);
  for (const auto& f : kFractionChars) {
    if (f.cp == c) return Match{next_code_point(ctx.text, pos) - pos,
                                fraction_words(ctx, f.numerator, f.denominator)};
  }
  // "%50" (Turkish, Arabic): the sign before the number.
  if (c == '%' && is_digit_at(ctx.text, pos + 1)) {
    auto n = parse_number(ctx, pos + 1, false);
    if (n) return Match{n->end - pos, percent_words(ctx, *n, category_for(ctx, *n))};
  }
  auto n = parse_number(ctx, pos, at_word_start(ctx.text, pos));
  if (!n) return std::nullopt;
  return number_with_suffix(ctx, pos, *n, true);
}

}  // namespace chorus::normalize
