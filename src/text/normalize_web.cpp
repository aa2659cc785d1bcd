// URLs, e-mail addresses, hashtags, handles and phone numbers.
#include <algorithm>
#include <array>

#include "text/normalize_rules.h"
#include "text/unicode.h"
#include "text/utf8.h"

namespace chorus::normalize {

namespace {

// Top-level domains that make "word.tld" a web address rather than two words.
constexpr std::array<std::string_view, 40> kTlds{
    "com", "org", "net", "io",  "dev", "ai", "edu", "gov", "co", "uk", "de", "fr", "es", "it",
    "nl",  "pl",  "ru",  "cz",  "hu",  "tr", "jp",  "cn",  "kr", "in", "br", "pt", "eu", "us",
    "ca",  "au",  "ch",  "at",  "be",  "se", "info", "app", "me", "tv", "xyz", "gg"};

bool is_url_char(char32_t c) {
  return is_alnum(c) || c == '.' || c == '/' || c == '-' || c == '_' || c == '~' || c == '%' ||
         c == '?' || c == '=' || c == '&' || c == '#' || c == ':' || c == '+';
}

bool is_host_char(char32_t c) { return is_alnum(c) || c == '.' || c == '-'; }

// Reads a host or path piece: letters as words, digit runs as numbers, separators as words.
std::string spell_url_part(const Context& ctx, std::string_view part) {
  std::string out;
  std::size_t p = 0;
  while (p < part.size()) {
    const char c = part[p];
    if (c >= '0' && c <= '9') {
      const std::size_t e = skip_digits(part, p);
      out = join_words(out, integer_words(ctx, std::string(part.substr(p, e - p))));
      p = e;
      continue;
    }
    std::string_view word;
    switch (c) {
      case '.': word = ctx.pack.dot; break;
      case '/': word = ctx.pack.slash; break;
      case '-': word = ctx.english ? "dash" : ""; break;
      case '_': word = ctx.english ? "underscore" : ""; break;
      case '@': word = ctx.pack.at; break;
      default: break;
    }
    if (!word.empty() || c == '-' || c == '_' || c == '.' || c == '/' || c == '@') {
      out = join_words(out, word);
      ++p;
      continue;
    }
    std::size_t e = p;
    while (e < part.size()) {
      std::size_t q = e;
      const char32_t cp = decode_utf8(part, q);
      if (!is_letter(cp)) break;
      e = q;
    }
    if (e == p) {
      ++p;  // other punctuation inside a URL is not read
      continue;
    }
    std::string_view w = part.substr(p, e - p);
    out = join_words(out, w == "www" ? std::string("w w w") : std::string(w));
    p = e;
  }
  return out;
}

// Scans are capped so that a long run of dots or dashes costs linear time overall, not
// quadratic (every position of such a run is a word start that tries these rules).
constexpr std::size_t kMaxHostBytes = 253;
constexpr std::size_t kMaxUrlBytes = 2048;
constexpr std::size_t kMaxLocalPartBytes = 64;
constexpr std::size_t kMaxPhoneGroups = 6;

std::size_t scan(std::string_view s, std::size_t pos, bool (*ok)(char32_t), std::size_t max_bytes) {
  const std::size_t limit = std::min(s.size(), pos + max_bytes);
  while (pos < limit && ok(code_point_at(s, pos))) pos = next_code_point(s, pos);
  return pos;
}

// Trailing sentence punctuation is not part of an address.
std::size_t trim_trailing(std::string_view s, std::size_t begin, std::size_t end) {
  while (end > begin && std::string_view(".,;:!?)'\"").find(s[end - 1]) != std::string_view::npos) {
    --end;
  }
  return end;
}

bool has_tld(std::string_view host) {
  const auto dot = host.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  const std::string tld = to_lower(host.substr(dot + 1));
  return std::find(kTlds.begin(), kTlds.end(), tld) != kTlds.end();
}

// Splits CamelCase hashtags into words: "BlackFriday" -> "Black Friday".
std::string split_camel_case(std::string_view tag) {
  std::string out;
  std::size_t p = 0;
  char32_t prev = 0;
  while (p < tag.size()) {
    const std::size_t start = p;
    const char32_t cp = decode_utf8(tag, p);
    if (cp == '_') {
      out += ' ';
    } else {
      if (!out.empty() && is_upper(cp) && is_lower(prev)) out += ' ';
      out.append(tag, start, p - start);
    }
    prev = cp;
  }
  return out;
}

}  // namespace

std::optional<Match> match_url(const Context& ctx, std::size_t pos) {
  if (!ctx.options.urls) return std::nullopt;
  const std::string_view s = ctx.text;
  std::size_t p = pos;
  bool explicit_url = false;
  for (std::string_view scheme : {"https://", "http://", "ftp://"}) {
    if (starts_with_ci(s, p, scheme)) {
      p += scheme.size();
      explicit_url = true;
      break;
    }
  }
  if (!explicit_url && !starts_with_ci(s, p, "www.")) {
    // Bare domains: "example.com", "docs.python.org/3".
    const std::size_t host_end = trim_trailing(s, p, scan(s, p, is_host_char, kMaxHostBytes));
    if (!has_tld(s.substr(p, host_end - p))) return std::nullopt;
    if (code_point_at(s, host_end) == '@') return std::nullopt;
  }
  const std::size_t end = trim_trailing(s, p, scan(s, p, is_url_char, kMaxUrlBytes));
  if (end <= p) return std::nullopt;
  std::string_view rest = s.substr(p, end - p);
  // The query and fragment are not worth reading aloud.
  const auto cut = rest.find_first_of("?#");
  if (cut != std::string_view::npos) rest = rest.substr(0, cut);
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  return Match{end - pos, spell_url_part(ctx, rest)};
}

std::optional<Match> match_email(const Context& ctx, std::size_t pos) {
  if (!ctx.options.urls) return std::nullopt;
  const std::string_view s = ctx.text;
  auto local_char = [](char32_t c) {
    return is_alnum(c) || c == '.' || c == '_' || c == '-' || c == '+';
  };
  std::size_t p = pos;
  const std::size_t limit = std::min(s.size(), pos + kMaxLocalPartBytes);
  while (p < limit && local_char(code_point_at(s, p))) p = next_code_point(s, p);
  if (p == pos || code_point_at(s, p) != '@') return std::nullopt;
  const std::size_t host_start = p + 1;
  const std::size_t host_end =
      trim_trailing(s, host_start, scan(s, host_start, is_host_char, kMaxHostBytes));
  const std::string_view host = s.substr(host_start, host_end - host_start);
  if (host.find('.') == std::string_view::npos) return std::nullopt;
  return Match{host_end - pos, spell_url_part(ctx, s.substr(pos, p - pos)) + " " +
                                   std::string(ctx.pack.at) + " " + spell_url_part(ctx, host)};
}

std::optional<Match> match_hashtag_or_handle(const Context& ctx, std::size_t pos) {
  const std::string_view s = ctx.text;
  const char c = s[pos];
  if ((c != '#' && c != '@') || !ctx.options.read_hashtags) return std::nullopt;
  const std::size_t start = pos + 1;
  if (!is_letter(code_point_at(s, start))) return std::nullopt;
  std::size_t end = start;
  while (end < s.size()) {
    const char32_t cp = code_point_at(s, end);
    if (!is_alnum(cp) && cp != '_') break;
    end = next_code_point(s, end);
  }
  const std::string body = split_camel_case(s.substr(start, end - start));
  if (c == '#') return Match{end - pos, std::string(ctx.pack.hashtag) + " " + body};
  return Match{end - pos, std::string(ctx.pack.at) + " " + body};
}

std::optional<Match> match_phone(const Context& ctx, std::size_t pos) {
  const std::string_view s = ctx.text;
  std::size_t p = pos;
  const bool plus = s[p] == '+';
  if (plus) ++p;
  if (!is_digit_at(s, p) && !(s[p] == '(' && is_digit_at(s, p + 1))) return std::nullopt;
  // Digit groups separated by single spaces, dashes, dots or parentheses.
  std::vector<std::string> groups;
  bool parens = false;
  char sep_seen = 0;
  while (p < s.size() && groups.size() < kMaxPhoneGroups) {
    if (s[p] == '(') {
      parens = true;
      ++p;
    }
    const std::size_t e = skip_digits(s, p);
    if (e == p) break;
    groups.emplace_back(s.substr(p, e - p));
    p = e;
    if (p < s.size() && s[p] == ')') ++p;
    if (p < s.size() && (s[p] == '-' || s[p] == '.' || s[p] == ' ') && is_digit_at(s, p + 1)) {
      if (s[p] != ' ') sep_seen = s[p];
      ++p;
      continue;
    }
    if (p + 1 < s.size() && s[p] == ' ' && s[p + 1] == '(') {
      ++p;
      continue;
    }
    break;
  }
  std::size_t digits = 0;
  for (const auto& g : groups) digits += g.size();
  if (groups.size() < 2 || digits < 7 || digits > 15 || !at_word_end(s, p)) return std::nullopt;
  // Plain "123 456" is two numbers; a phone number needs + or (), or 3-4 digit dashed groups.
  const bool dashed = sep_seen != 0 && groups.back().size() == 4 && groups.size() >= 2 &&
                      std::all_of(groups.begin(), groups.end(),
                                  [](const std::string& g) { return g.size() >= 3 && g.size() <= 4; });
  if (!plus && !parens && !dashed) return std::nullopt;
  std::string out;
  if (plus) {
    auto it = std::find_if(ctx.pack.symbols.begin(), ctx.pack.symbols.end(),
                           [](const auto& sym) { return sym.first == "+"; });
    out = it != ctx.pack.symbols.end() ? std::string(it->second) : "plus";
  }
  for (std::size_t i = 0; i < groups.size(); ++i) {
    out = join_words(out, digit_words(groups[i], ctx.language));
    if (i + 1 < groups.size()) out += ',';
  }
  return Match{p - pos, out};
}

}  // namespace chorus::normalize
