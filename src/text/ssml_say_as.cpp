// <say-as> conversions.
#include <algorithm>
#include <vector>

#include "text/number_words.h"
#include "text/normalizer.h"
#include "text/ssml.h"
#include "text/unicode.h"
#include "text/utf8.h"

namespace chorus {

namespace {

std::vector<std::string> digit_groups(std::string_view text) {
  std::vector<std::string> groups;
  std::string current;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      current.push_back(c);
    } else if (!current.empty()) {
      groups.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) groups.push_back(std::move(current));
  return groups;
}

std::string spell_characters(std::string_view text, std::string_view language) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(text, pos);
    std::string piece;
    if (is_ascii_digit(cp)) {
      piece = digit_words(text.substr(start, pos - start), language);
    } else if (is_letter(cp)) {
      piece = std::string(text.substr(start, pos - start));
    } else {
      continue;
    }
    if (!out.empty()) out += ' ';
    out += piece;
  }
  return out;
}

std::string date_words_for(std::string_view text, std::string_view format, std::string_view language) {
  const std::vector<std::string> g = digit_groups(text);
  std::string f(format.empty() ? "ymd" : format);
  if (g.size() != f.size() || g.empty()) return normalize_text(text, language);
  std::string y, m, d;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] == 'y') y = g[i];
    if (f[i] == 'm') m = g[i];
    if (f[i] == 'd') d = g[i];
  }
  auto pad = [](std::string s) { return s.size() == 1 ? "0" + s : s; };
  if (y.size() == 2) y = (std::stoi(y) < 50 ? "20" : "19") + y;
  if (!y.empty() && !m.empty() && !d.empty() && y.size() == 4) {
    return normalize_text(y + "-" + pad(m) + "-" + pad(d), language);
  }
  return normalize_text(text, language);
}

}  // namespace

std::string say_as_words(std::string_view text, std::string_view interpret_as,
                         std::string_view format, std::string_view language) {
  if (interpret_as == "characters" || interpret_as == "spell-out" || interpret_as == "verbatim") {
    return spell_characters(text, language);
  }
  if (interpret_as == "digits") return digit_words(text, language);
  if (interpret_as == "cardinal" || interpret_as == "number" || interpret_as == "ordinal") {
    std::string digits;
    bool negative = false;
    for (char c : text) {
      if (c >= '0' && c <= '9') digits.push_back(c);
      if (c == '-' && digits.empty()) negative = true;
    }
    if (digits.empty() || digits.size() > 15) return normalize_text(text, language);
    const auto v = std::stoull(digits);
    if (interpret_as == "ordinal") return ordinal_words(v, language);
    std::string words = cardinal_words(v, language);
    return negative ? normalize_text("-" + digits, language) : words;
  }
  if (interpret_as == "date") return date_words_for(text, format, language);
  if (interpret_as == "telephone") {
    std::string out;
    for (const auto& g : digit_groups(text)) {
      if (!out.empty()) out += ", ";
      out += digit_words(g, language);
    }
    return out.empty() ? std::string(text) : out;
  }
  return normalize_text(text, language);
}

}  // namespace chorus
