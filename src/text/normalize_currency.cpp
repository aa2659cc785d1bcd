// Money: "$5.99", "€1,50", "5 €", "100 USD", "$5.3 billion", "£2M".
#include <array>

#include "text/normalize_rules.h"
#include "text/unicode.h"
#include "text/utf8.h"

namespace chorus::normalize {

namespace {

struct CurrencyHit {
  const CurrencyWords* currency = nullptr;
  std::size_t end = 0;
};

// Longest currency symbol (or ISO code followed by a word end) at pos.
CurrencyHit currency_at(const Context& ctx, std::size_t pos) {
  CurrencyHit best;
  std::size_t best_len = 0;
  for (const auto& c : ctx.pack.currencies) {
    for (std::string_view sym : c.symbols) {
      if (sym.size() > best_len && starts_with(ctx.text, pos, sym)) {
        best = {&c, pos + sym.size()};
        best_len = sym.size();
      }
    }
    if (c.code.size() > best_len && starts_with(ctx.text, pos, c.code) &&
        at_word_end(ctx.text, pos + c.code.size()) && at_word_start(ctx.text, pos)) {
      best = {&c, pos + c.code.size()};
      best_len = c.code.size();
    }
  }
  return best;
}

// Magnitude after an amount: "5.3 billion", "2M", "1k", "3 Mio.".
struct MagnitudeHit {
  int index = -1;  // into LanguagePack::magnitudes
  std::size_t end = 0;
};

MagnitudeHit magnitude_at(const Context& ctx, std::size_t pos) {
  static constexpr std::array<std::pair<std::string_view, int>, 13> kShort{{
      {"k", 0}, {"K", 0}, {"m", 1}, {"M", 1}, {"mn", 1}, {"MM", 1}, {"Mio.", 1}, {"Mio", 1},
      {"b", 2}, {"B", 2}, {"bn", 2}, {"Mrd.", 2}, {"T", 3},
  }};
  const std::size_t glued = pos;
  const std::size_t spaced = skip_spaces(ctx.text, pos);
  MagnitudeHit best;
  std::size_t best_len = 0;
  auto consider = [&](std::size_t at, std::string_view word, int index) {
    if (word.empty() || word.size() <= best_len || !starts_with_ci(ctx.text, at, word)) return;
    const std::size_t end = at + word.size();
    if (word.back() != '.' && !at_word_end(ctx.text, end)) return;
    best = {index, end};
    best_len = word.size();
  };
  for (const auto& [word, index] : kShort) {
    if (starts_with(ctx.text, glued, word)) consider(glued, word, index);
    if (spaced == glued + 1 && starts_with(ctx.text, spaced, word) && word.size() > 1) {
      consider(spaced, word, index);
    }
  }
  if (spaced == glued + 1) {
    for (int i = 0; i < 4; ++i) {
      const auto& m = ctx.pack.magnitudes[static_cast<std::size_t>(i)];
      for (std::string_view w : {m.one, m.few, m.many}) consider(spaced, w, i);
    }
  }
  return best;
}

std::string_view form(const NounForms& f, PluralCategory c) {
  return c == PluralCategory::kOne ? f.one : (c == PluralCategory::kFew ? f.few : f.many);
}

// "de" + "euros" -> "d'euros" in French; elsewhere the words are joined with a space.
std::string join_of(std::string_view of, std::string_view noun) {
  if (of.empty()) return std::string(noun);
  const bool vowel = !noun.empty() && std::string_view("aeiouhAEIOUH").find(noun[0]) != std::string_view::npos;
  if (of == "de" && vowel && noun.substr(0, 1) != "h") return "d'" + std::string(noun);
  return std::string(of) + " " + std::string(noun);
}

std::string amount_words(const Context& ctx, const ParsedNumber& n, const CurrencyWords& cur,
                         const MagnitudeHit& mag) {
  const LanguagePack& pack = ctx.pack;
  std::string sign = n.negative ? std::string(pack.minus) + " " : std::string();
  ParsedNumber unsigned_n = n;
  unsigned_n.negative = false;
  if (mag.index >= 0) {
    const NounForms& m = pack.magnitudes[static_cast<std::size_t>(mag.index)];
    const auto v = to_integer(n.integer);
    const PluralCategory c =
        !n.fraction.empty() ? PluralCategory::kFew : (v ? pack.plural(*v) : PluralCategory::kMany);
    return sign + number_words(ctx, unsigned_n, m.gender) + " " + std::string(form(m, c)) + " " +
           join_of(pack.magnitude_of, cur.major.many);
  }
  const auto major = to_integer(n.integer);
  if (!major) return sign + number_words(ctx, unsigned_n) + " " + std::string(cur.major.many);
  const bool has_minor = !cur.minor.one.empty() && !n.fraction.empty() && n.fraction.size() <= 2;
  if (!n.fraction.empty() && !has_minor) {
    return sign + number_words(ctx, unsigned_n, cur.major.gender) + " " +
           std::string(cur.major.few);
  }
  std::string out = sign;
  if (*major > 0 || !has_minor) {
    out += integer_words(ctx, n.integer, cur.major.gender) + " " +
           std::string(form(cur.major, pack.plural(*major)));
  }
  if (has_minor) {
    std::string cents = n.fraction;
    if (cents.size() == 1) cents += '0';
    const auto minor = to_integer(cents);
    if (minor && *minor > 0) {
      if (*major > 0) out += " " + std::string(pack.and_word) + " ";
      out += cardinal_words(*minor, ctx.language, cur.minor.gender) + " " +
             std::string(form(cur.minor, pack.plural(*minor)));
    } else if (*major == 0) {
      out += cardinal_words(0, ctx.language) + " " + std::string(cur.major.many);
    }
  }
  return out;
}

}  // namespace

std::optional<Match> match_currency(const Context& ctx, std::size_t pos) {
  const std::string_view s = ctx.text;
  std::size_t p = pos;
  bool negative = false;
  if (code_point_at(s, p) == '-' || code_point_at(s, p) == 0x2212) {
    negative = true;
    p = next_code_point(s, p);
  }
  // Symbol or code first: "$5", "US$ 5", "EUR 20".
  if (CurrencyHit pre = currency_at(ctx, p); pre.currency) {
    std::size_t q = pre.end;
    if (code_point_at(s, q) == ' ' && is_digit_at(s, q + 1)) ++q;
    auto n = parse_number(ctx, q, false);
    if (!n) return std::nullopt;
    n->negative = negative;
    const MagnitudeHit mag = magnitude_at(ctx, n->end);
    const std::size_t end = mag.index >= 0 ? mag.end : n->end;
    return Match{end - pos, amount_words(ctx, *n, *pre.currency, mag)};
  }
  if (negative && !is_digit_at(s, p)) return std::nullopt;
  // Amount first: "5 €", "5€", "100 USD", "3 million dollars" is left to the words.
  auto n = parse_number(ctx, pos, true);
  if (!n) return std::nullopt;
  MagnitudeHit mag = magnitude_at(ctx, n->end);
  std::size_t q = mag.index >= 0 ? mag.end : n->end;
  const std::size_t sym = skip_spaces(s, q);
  if (sym - q > 1) return std::nullopt;
  CurrencyHit post = currency_at(ctx, sym);
  if (!post.currency) return std::nullopt;
  // A code must stand alone ("100 USD"), a symbol may touch the number ("5€").
  return Match{post.end - pos, amount_words(ctx, *n, *post.currency, mag)};
}

}  // namespace chorus::normalize
