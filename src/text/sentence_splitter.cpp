#include "text/sentence_splitter.h"

#include <algorithm>

#include "text/abbreviations.h"
#include "text/unicode.h"
#include "text/utf8.h"

namespace chorus {

namespace {

using Text = std::u32string;

Text decode(std::string_view s) {
  Text out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) out.push_back(decode_utf8(s, pos));
  return out;
}

std::string encode(const Text& s, std::size_t begin, std::size_t end) {
  std::string out;
  out.reserve(end - begin);
  for (std::size_t i = begin; i < end; ++i) append_utf8(out, s[i]);
  return out;
}

// Marks that end a sentence even with no space after them: scripts written without spaces.
bool is_unspaced_terminator(char32_t cp) {
  return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF61 || cp == 0x964 ||
         cp == 0x965 || cp == 0xFF0E;
}

bool is_strong_terminator(char32_t cp) {
  return cp == '!' || cp == '?' || cp == 0x61F || cp == 0x203C || cp == 0x2047 ||
         cp == 0x2048 || cp == 0x2049 || cp == 0x37E || is_unspaced_terminator(cp);
}

bool is_terminator(char32_t cp) { return cp == '.' || cp == 0x2026 || is_strong_terminator(cp); }

// Closing quotes and brackets that belong to the sentence they follow.
bool is_closer(char32_t cp) {
  switch (cp) {
    case '"': case '\'': case ')': case ']': case '}': case 0xBB: case 0x2019: case 0x201D:
    case 0x203A: case 0x300D: case 0x300F: case 0x3011: case 0x3015: case 0x3009: case 0x300B:
    case 0xFF09: case 0xFF3D: case 0xFF63:
      return true;
    default:
      return false;
  }
}

bool is_opener(char32_t cp) {
  switch (cp) {
    case '"': case '\'': case '(': case '[': case '{': case 0xAB: case 0xBF: case 0xA1:
    case 0x2018: case 0x201C: case 0x201E: case 0x2039: case 0x300C: case 0x300E: case 0x3010:
    case 0xFF08:
      return true;
    default:
      return false;
  }
}

bool is_bullet(char32_t cp) {
  return cp == '-' || cp == '*' || cp == 0x2022 || cp == 0x2023 || cp == 0x25AA || cp == 0x25CF ||
         cp == 0x2013 || cp == 0x2014 || cp == 0xB7;
}

// Lower-cased word whose period is at index dot, stripped of opening quotes and brackets.
std::string word_before(const Text& s, std::size_t begin, std::size_t dot) {
  std::size_t w = dot;
  while (w > begin && s[w - 1] != ' ') --w;
  while (w < dot && is_opener(s[w])) ++w;
  Text word(s.begin() + static_cast<std::ptrdiff_t>(w), s.begin() + static_cast<std::ptrdiff_t>(dot));
  for (auto& c : word) c = to_lower(c);
  return encode(word, 0, word.size());
}

std::size_t word_length_before(const Text& s, std::size_t begin, std::size_t dot) {
  std::size_t w = dot;
  while (w > begin && s[w - 1] != ' ' && !is_opener(s[w - 1])) --w;
  return dot - w;
}

// First letter or digit of the word starting at pos (after opening quotes), or 0.
char32_t next_word_start(const Text& s, std::size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || is_opener(s[pos]))) ++pos;
  return pos < s.size() ? s[pos] : 0;
}

std::string next_word_lower(const Text& s, std::size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || is_opener(s[pos]))) ++pos;
  std::size_t end = pos;
  while (end < s.size() && is_letter(s[end])) ++end;
  Text word(s.begin() + static_cast<std::ptrdiff_t>(pos), s.begin() + static_cast<std::ptrdiff_t>(end));
  for (auto& c : word) c = to_lower(c);
  return encode(word, 0, word.size());
}

bool all_digits(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Decides whether a single period at index dot (run ending at end) closes the sentence.
bool period_ends_sentence(const Text& s, std::size_t begin, std::size_t dot, std::size_t end,
                          std::string_view language) {
  if (end >= s.size()) return true;
  const char32_t next = next_word_start(s, end);
  if (is_lower(next)) return false;
  const std::string word = word_before(s, begin, dot);
  if (word.empty()) return true;
  const std::size_t letters = word_length_before(s, begin, dot);
  if (letters == 1 && is_upper(s[dot - 1])) return false;  // an initial: "J. R. R. Tolkien"
  switch (abbreviation_kind(word, language)) {
    case AbbreviationKind::kNonTerminal: return false;
    case AbbreviationKind::kAmbiguous: return is_upper(next);
    case AbbreviationKind::kNone: break;
  }
  if (all_digits(word) && word.size() <= 4 && uses_ordinal_period(language) &&
      is_month_name(next_word_lower(s, end), language)) {
    return false;  // "am 3. Oktober"
  }
  return true;
}

void split_block(const Text& s, std::string_view language, std::vector<Sentence>& out) {
  std::size_t start = 0;
  std::size_t i = 0;
  const std::size_t n = s.size();
  auto emit = [&](std::size_t end) {
    std::string piece = collapse_whitespace(encode(s, start, end));
    if (!is_blank(piece)) out.push_back({std::move(piece), false});
  };
  while (i < n) {
    if (!is_terminator(s[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    bool strong = false;
    bool unspaced = false;
    std::size_t dots = 0;
    while (j < n && is_terminator(s[j])) {
      strong = strong || is_strong_terminator(s[j]);
      unspaced = unspaced || is_unspaced_terminator(s[j]);
      dots += s[j] == '.' ? 1 : (s[j] == 0x2026 ? 3 : 0);
      ++j;
    }
    const std::size_t run_end = j;
    while (j < n && is_closer(s[j])) ++j;
    const bool spaced = j >= n || s[j] == ' ';
    bool boundary = false;
    if (unspaced) {
      // 「元気？」と聞いた: a quoted question that the sentence goes on after.
      boundary = j == run_end || j >= n || !is_letter(s[j]);
    } else if (!spaced) {
      boundary = false;  // "3.14", "example.com", "e.g.,"
    } else if (strong) {
      boundary = true;
    } else if (dots >= 2) {
      boundary = j >= n || !is_lower(next_word_start(s, j));
    } else {
      boundary = period_ends_sentence(s, start, i, j, language);
    }
    if (boundary) {
      emit(j);
      start = j;
    }
    i = j;
  }
  emit(n);
}

bool ends_with_continuation(const Text& line) {
  for (auto it = line.rbegin(); it != line.rend(); ++it) {
    if (is_space(*it)) continue;
    return is_alnum(*it) || is_closer(*it);
  }
  return false;
}

bool starts_new_item(const Text& line) {
  for (char32_t c : line) {
    if (is_space(c)) continue;
    return is_bullet(c) || digit_value(c) >= 0 || (is_letter(c) && !is_lower(c));
  }
  return false;
}

bool is_blank_line(const Text& line) {
  return std::all_of(line.begin(), line.end(),
                     [](char32_t c) { return is_space(c) || is_control_or_format(c); });
}

}  // namespace

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = decode_utf8(text, pos);
    if (is_space(cp)) {
      pending_space = !out.empty();
      continue;
    }
    // Joiners shape Indic conjuncts and emoji sequences; everything else here is inaudible.
    if (is_control_or_format(cp) && cp != 0x200C && cp != 0x200D) continue;
    if (pending_space) out.push_back(' ');
    pending_space = false;
    append_utf8(out, cp);
  }
  // A joiner only means something between two characters of a word.
  auto is_joiner_at = [&](std::size_t at) {
    return out.compare(at, 3, "\xE2\x80\x8C") == 0 || out.compare(at, 3, "\xE2\x80\x8D") == 0;
  };
  while (out.size() >= 3 && is_joiner_at(0)) out.erase(0, 3);
  while (out.size() >= 3 && is_joiner_at(out.size() - 3)) out.erase(out.size() - 3);
  return out;
}

std::vector<Sentence> split_sentences(std::string_view text, std::string_view language) {
  // Lines first: blank lines separate paragraphs, some single line breaks separate sentences.
  std::vector<Text> lines(1);
  char32_t prev_cp = 0;
  for (char32_t cp : decode(text)) {
    const bool crlf = prev_cp == '\r' && cp == '\n';
    prev_cp = cp;
    if (crlf) continue;
    if (cp == '\r' || cp == '\n' || cp == 0x2028 || cp == 0x85 || cp == 0xB || cp == 0xC) {
      lines.emplace_back();
    } else if (cp == 0x2029) {
      lines.emplace_back();
      lines.emplace_back();
    } else {
      lines.back().push_back(cp);
    }
  }
  std::vector<Sentence> out;
  Text block;
  std::size_t empty_run = 0;
  auto flush_block = [&]() {
    if (!block.empty()) split_block(block, language, out);
    block.clear();
  };
  auto end_paragraph = [&]() {
    flush_block();
    if (!out.empty()) out.back().ends_paragraph = true;
  };
  Text previous;
  for (const Text& line : lines) {
    if (is_blank_line(line)) {
      ++empty_run;
      continue;
    }
    if (empty_run > 0 && !block.empty()) {
      end_paragraph();
    } else if (!block.empty() && ends_with_continuation(previous) && starts_new_item(line)) {
      flush_block();
    } else if (!block.empty()) {
      block.push_back(' ');
    }
    empty_run = 0;
    block.insert(block.end(), line.begin(), line.end());
    previous = line;
  }
  end_paragraph();
  return out;
}

std::vector<std::string> split_clauses(std::string_view sentence) {
  const Text s = decode(sentence);
  const std::size_t n = s.size();
  std::vector<std::string> out;
  std::size_t start = 0;
  auto emit = [&](std::size_t end) {
    std::string piece = collapse_whitespace(encode(s, start, end));
    if (!is_blank(piece)) out.push_back(std::move(piece));
    start = end;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = s[i];
    const bool space_after = i + 1 >= n || is_space(s[i + 1]);
    const bool space_before = i > 0 && is_space(s[i - 1]);
    bool split = false;
    if (c == ',' || c == ';' || c == ':') {
      std::size_t j = i + 1;
      while (j < n && is_closer(s[j])) ++j;
      if (j >= n || is_space(s[j])) {
        i = j - 1;
        split = true;
      }
    } else if (c == 0x2014 || c == 0x2015) {
      split = true;
    } else if ((c == 0x2013 || c == '-') && space_before && space_after) {
      split = true;
    } else if (c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF1A || c == 0x60C ||
               c == 0x61B) {
      split = true;
    }
    if (split && i + 1 < n) emit(i + 1);
  }
  emit(n);
  return out;
}

}  // namespace chorus
