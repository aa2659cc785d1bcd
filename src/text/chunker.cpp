#include "text/chunker.h"

#include <algorithm>

#include "text/sentence_splitter.h"
#include "text/unicode.h"
#include "text/utf8.h"

namespace chorus {

namespace {

// A first chunk shorter than this sounds clipped and makes some models hallucinate, so
// clauses keep being added to it until it reaches this length (within first_chunk_max_chars).
constexpr std::size_t kMinFirstChunkChars = 20;

struct Piece {
  std::string text;
  std::size_t length = 0;  // code points
  bool ends_paragraph = false;
};

char32_t first_code_point(std::string_view s) {
  std::size_t pos = 0;
  return s.empty() ? 0 : decode_utf8(s, pos);
}

char32_t last_code_point(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t pos = utf8_floor_boundary(s, s.size() - 1);
  return decode_utf8(s, pos);
}

bool is_unspaced_char(char32_t cp) {
  return is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

// Scripts written without spaces are re-joined without one.
bool needs_space(std::string_view a, std::string_view b) {
  return !(is_unspaced_char(last_code_point(a)) && is_unspaced_char(first_code_point(b)));
}

Piece make_piece(std::string text, bool ends_paragraph = false) {
  const std::size_t length = utf8_length(text);
  return {std::move(text), length, ends_paragraph};
}

std::size_t joined_length(const Piece& a, const Piece& b) {
  if (a.text.empty()) return b.length;
  return a.length + b.length + (needs_space(a.text, b.text) ? 1 : 0);
}

void append(Piece& a, const Piece& b) {
  if (a.text.empty()) {
    a = b;
    return;
  }
  const bool space = needs_space(a.text, b.text);
  a.length += b.length + (space ? 1 : 0);
  if (space) a.text.push_back(' ');
  a.text += b.text;
  a.ends_paragraph = b.ends_paragraph;
}

bool has_alnum(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (is_alnum(decode_utf8(s, pos))) return true;
  }
  return false;
}

// Cuts one over-long word at code point boundaries.
void cut_word(const std::string& word, std::size_t max_chars, std::vector<std::string>& out) {
  std::size_t pos = 0;
  std::size_t start = 0;
  std::size_t count = 0;
  while (pos < word.size()) {
    decode_utf8(word, pos);
    if (++count == max_chars) {
      out.push_back(word.substr(start, pos - start));
      start = pos;
      count = 0;
    }
  }
  if (start < word.size()) out.push_back(word.substr(start));
}

std::vector<std::string> merge_greedily(const std::vector<std::string>& parts,
                                        std::size_t max_chars) {
  std::vector<std::string> out;
  Piece current;
  for (const auto& part : parts) {
    Piece p = make_piece(part);
    if (!current.text.empty() && joined_length(current, p) > max_chars) {
      out.push_back(std::move(current.text));
      current = {};
    }
    append(current, p);
  }
  if (!current.text.empty()) out.push_back(std::move(current.text));
  return out;
}

std::vector<std::string> fit_words(std::string_view text, std::size_t max_chars) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    std::string word(text.substr(start, end - start));
    if (!word.empty()) {
      if (utf8_length(word) <= max_chars) {
        words.push_back(std::move(word));
      } else {
        cut_word(word, max_chars, words);
      }
    }
    start = end + 1;
  }
  return merge_greedily(words, max_chars);
}

// Punctuation-only "sentences" ("...", "—") cannot be spoken alone: they join the sentence
// before them.
std::vector<Sentence> speakable_sentences(std::vector<Sentence> sentences) {
  std::vector<Sentence> out;
  for (auto& s : sentences) {
    if (has_alnum(s.text)) {
      out.push_back(std::move(s));
    } else if (!out.empty() && !out.back().ends_paragraph) {
      out.back().text += ' ';
      out.back().text += s.text;
      out.back().ends_paragraph = s.ends_paragraph;
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> fit_to_length(std::string_view text, std::size_t max_chars) {
  max_chars = std::max<std::size_t>(max_chars, 1);
  const std::string collapsed = collapse_whitespace(text);
  if (collapsed.empty()) return {};
  if (utf8_length(collapsed) <= max_chars) return {collapsed};
  std::vector<std::string> parts;
  for (const auto& clause : split_clauses(collapsed)) {
    if (utf8_length(clause) <= max_chars) {
      parts.push_back(clause);
    } else {
      for (auto& w : fit_words(clause, max_chars)) parts.push_back(std::move(w));
    }
  }
  return merge_greedily(parts, max_chars);
}

// Guarantees the first chunk's limit in the cases the main path cannot shape it (input with
// nothing speakable, or a first clause that turned out inaudible and was dropped).
void enforce_first_limit(std::vector<TextChunk>& chunks, std::size_t first_max, std::size_t max_chars) {
  if (chunks.empty() || utf8_length(chunks[0].text) <= first_max) return;
  const std::vector<std::string> parts = fit_to_length(chunks[0].text, first_max);
  const double pause = chunks[0].pause_after_seconds;
  std::vector<TextChunk> fixed{{parts[0], 0}};
  const std::string remainder = collapse_whitespace(
      std::string_view(chunks[0].text).substr(chunks[0].text.find(parts[0]) + parts[0].size()));
  for (auto& piece : fit_to_length(remainder, max_chars)) {
    if (!is_blank(piece)) fixed.push_back({std::move(piece), 0});
  }
  fixed.back().pause_after_seconds = pause;
  chunks.erase(chunks.begin());
  chunks.insert(chunks.begin(), fixed.begin(), fixed.end());
}

std::vector<TextChunk> split_into_chunks(std::string_view text, std::string_view language,
                                         const ChunkOptions& options) {
  const std::size_t max_chars = std::max<std::size_t>(options.max_chars, 1);
  const std::size_t first_max = options.first_chunk_max_chars == 0
                                    ? max_chars
                                    : std::min(options.first_chunk_max_chars, max_chars);
  const std::string clean = sanitize_utf8(text);
  std::vector<Sentence> sentences = speakable_sentences(split_sentences(clean, language));
  if (sentences.empty()) {
    // Nothing but punctuation or symbols: still hand it over rather than return nothing.
    std::vector<TextChunk> out;
    for (auto& piece : fit_to_length(clean, max_chars)) {
      if (!is_blank(piece)) out.push_back({std::move(piece), 0});
    }
    enforce_first_limit(out, first_max, max_chars);
    return out;
  }

  std::vector<TextChunk> chunks;
  auto emit = [&](Piece& p) {
    if (p.text.empty() || is_blank(p.text)) return;
    chunks.push_back({std::move(p.text), p.ends_paragraph ? kParagraphPauseSeconds : 0.0});
    p = {};
  };

  // The first chunk: as little as makes a natural phrase, so audio starts quickly.
  std::size_t next = 0;
  Piece first = make_piece(sentences[0].text, sentences[0].ends_paragraph);
  if (first.length <= first_max) {
    next = 1;
    while (next < sentences.size() && !first.ends_paragraph) {
      Piece candidate = make_piece(sentences[next].text, sentences[next].ends_paragraph);
      if (joined_length(first, candidate) > first_max) break;
      append(first, candidate);
      ++next;
    }
    emit(first);
  } else {
    // The head is a prefix of the sentence; the rest keeps its original spacing.
    const std::string& sentence = sentences[0].text;
    const std::vector<std::string> clauses = split_clauses(sentence);
    Piece head;
    std::size_t taken = 0;
    while (taken < clauses.size()) {
      Piece clause = make_piece(clauses[taken]);
      if (joined_length(head, clause) > first_max) break;
      append(head, clause);
      ++taken;
      if (head.length >= std::min(kMinFirstChunkChars, first_max)) break;
    }
    if (head.text.empty()) {
      // Even the first clause is too long: cut it between words (or characters).
      head = make_piece(fit_words(clauses[0], first_max)[0]);
    }
    std::size_t cut = sentence.find(head.text);
    cut = cut == std::string::npos ? sentence.size() : cut + head.text.size();
    std::string rest = collapse_whitespace(std::string_view(sentence).substr(cut));
    emit(head);
    if (is_blank(rest)) {
      if (!chunks.empty() && sentences[0].ends_paragraph) {
        chunks.back().pause_after_seconds = kParagraphPauseSeconds;
      }
      next = 1;
    } else {
      sentences[0].text = std::move(rest);
      next = 0;
    }
  }

  // Later chunks: whole sentences, as many as fit.
  Piece current;
  for (std::size_t i = next; i < sentences.size(); ++i) {
    const std::vector<std::string> parts = fit_to_length(sentences[i].text, max_chars);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      Piece p = make_piece(parts[k], k + 1 == parts.size() && sentences[i].ends_paragraph);
      if (!current.text.empty() && joined_length(current, p) > max_chars) emit(current);
      append(current, p);
      if (current.ends_paragraph) emit(current);
    }
  }
  emit(current);

  enforce_first_limit(chunks, first_max, max_chars);
  if (!chunks.empty()) chunks.back().pause_after_seconds = 0;
  return chunks;
}

}  // namespace chorus
