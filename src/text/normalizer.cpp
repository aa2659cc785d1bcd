#include "text/normalizer.h"

#include <array>

#include "text/language.h"
#include "text/normalize_rules.h"
#include "text/unicode.h"
#include "text/utf8.h"

namespace chorus {

namespace {

using normalize::Context;
using normalize::Match;
using normalize::Rule;

constexpr std::array<Rule, 10> kWordRules{
    normalize::match_url,      normalize::match_email,  normalize::match_hashtag_or_handle,
    normalize::match_phone,    normalize::match_date,   normalize::match_time,
    normalize::match_abbreviation, normalize::match_currency, normalize::match_number,
    normalize::match_roman_numeral,
};

bool is_space_before_punct(char c) {
  return c == ',' || c == '.' || c == ')' || c == ']' || c == '?' || c == '!';
}

// Replacements are inserted with spaces on both sides; this removes the doubled spaces and
// the spaces that ended up before punctuation, keeping line breaks (they mark paragraphs).
std::string tidy(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      pending_space = !out.empty() && out.back() != '\n';
      continue;
    }
    if (c == '\n') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      pending_space = false;
      out.push_back(c);
      continue;
    }
    if (pending_space && !is_space_before_punct(c)) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

void append_words(std::string& out, const std::string& words) {
  if (words.empty()) {
    out.push_back(' ');
    return;
  }
  out.push_back(' ');
  out += words;
  out.push_back(' ');
}

// Digits of other scripts (Arabic-Indic, Devanagari, fullwidth) become ASCII so one set of
// number rules serves every language; so do the Arabic decimal and thousands marks.
std::string ascii_digits(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(text, pos);
    const int d = digit_value(cp);
    if (cp >= 0x80 && d >= 0) {
      out.push_back(static_cast<char>('0' + d));
    } else if (cp == 0x66B) {
      out.push_back('.');
    } else if (cp == 0x66C) {
      out.push_back(',');
    } else {
      out.append(text, start, pos - start);
    }
  }
  return out;
}

bool unspaced(char32_t cp) {
  return is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

// Chinese and Japanese are written without spaces: drop the ones the rules inserted.
std::string remove_cjk_spaces(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  char32_t prev = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(s, pos);
    if (cp == ' ' && unspaced(prev)) {
      std::size_t q = pos;
      while (q < s.size() && s[q] == ' ') ++q;
      std::size_t r = q;
      if (q < s.size() && unspaced(decode_utf8(s, r))) {
        pos = q;
        continue;
      }
    }
    out.append(s, start, pos - start);
    prev = cp;
  }
  return out;
}

}  // namespace

std::string normalize_text(std::string_view text, std::string_view language,
                           const NormalizeOptions& options) {
  const std::string clean = ascii_digits(sanitize_utf8(text));
  const LanguagePack& pack = language_pack(language);
  const Context ctx{clean, language, pack, options, pack.language == "en"};
  std::string out;
  out.reserve(clean.size() + clean.size() / 2);
  std::size_t pos = 0;
  while (pos < clean.size()) {
    const char32_t cp = normalize::code_point_at(clean, pos);
    // Numbers glued to letters ("MP3", "A4") are still read as numbers.
    const bool digit_after_letter = is_ascii_digit(cp) && !normalize::at_word_start(clean, pos);
    if (normalize::at_word_start(clean, pos) || digit_after_letter) {
      std::optional<Match> m;
      if (digit_after_letter) {
        m = normalize::match_number(ctx, pos);
      } else {
        for (Rule rule : kWordRules) {
          if ((m = rule(ctx, pos))) break;
        }
      }
      if (m && m->length > 0) {
        append_words(out, m->words);
        pos += m->length;
        continue;
      }
    }
    if (auto m = normalize::match_symbol(ctx, pos); m && m->length > 0) {
      append_words(out, m->words);
      pos += m->length;
      continue;
    }
    if (cp == '\r') {
      ++pos;
      continue;
    }
    if (cp != '\n' && is_space(cp)) {
      out.push_back(' ');
      pos = normalize::next_code_point(clean, pos);
      continue;
    }
    // Copy the word (or code point) unchanged.
    std::size_t end = normalize::next_code_point(clean, pos);
    if (normalize::is_word_char(cp)) {
      while (end < clean.size()) {
        const char32_t next = normalize::code_point_at(clean, end);
        if (!is_letter(next)) break;
        end = normalize::next_code_point(clean, end);
      }
    }
    out.append(clean, pos, end - pos);
    pos = end;
  }
  std::string result = tidy(out);
  return pack.no_spaces ? remove_cjk_spaces(result) : result;
}

}  // namespace chorus
