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
    normalize::match_currency, normalize::match_number, normalize::match_abbreviation,
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

}  // namespace

std::string normalize_text(std::string_view text, std::string_view language,
                           const NormalizeOptions& options) {
  const std::string clean = sanitize_utf8(text);
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
  return tidy(out);
}

}  // namespace chorus
