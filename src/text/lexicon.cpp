#include "text/lexicon.h"

#include <algorithm>

#include "text/unicode.h"
#include "text/utf8.h"

namespace chorus {

namespace {

std::size_t word_count(std::string_view s) {
  return 1 + static_cast<std::size_t>(std::count(s.begin(), s.end(), ' '));
}

// Word boundaries: a lexicon word is a run of letters, digits, apostrophes and hyphens.
bool is_word_cp(char32_t cp) { return is_alnum(cp) || cp == '\'' || cp == 0x2019 || cp == '-'; }

void push_text(std::vector<TextSegment>& out, const TextSegment& like, std::string text) {
  if (text.empty()) return;
  if (!out.empty() && out.back().kind == TextSegment::Kind::kText &&
      out.back().language == like.language && out.back().normalize == like.normalize &&
      out.back().rate == like.rate) {
    out.back().text += text;
    return;
  }
  TextSegment s = like;
  s.text = std::move(text);
  out.push_back(std::move(s));
}

}  // namespace

std::optional<LexiconEntry> Lexicon::parse_entry(std::string_view word, std::string_view value) {
  word = trim_blanks(word);
  value = trim_blanks(value);
  if (word.empty() || value.empty() || word.size() > kMaxWordBytes || value.size() > kMaxValueBytes ||
      word.find('\n') != std::string_view::npos || !is_valid_utf8(word) || !is_valid_utf8(value)) {
    return std::nullopt;
  }
  const bool ipa = value.size() >= 2 && value.front() == '/' && value.back() == '/';
  if (ipa && value.size() == 2) return std::nullopt;
  return LexiconEntry{std::string(word), std::string(ipa ? value.substr(1, value.size() - 2) : value), ipa};
}

bool Lexicon::add(std::string_view word, std::string_view value) {
  auto entry = parse_entry(word, value);
  if (!entry) return false;
  if (entries_.size() >= max_entries_ && !find(entry->word)) return false;
  add(std::move(*entry));
  return true;
}

void Lexicon::add(LexiconEntry entry) {
  longest_words_ = std::max(longest_words_, word_count(entry.word));
  std::string key = to_lower(entry.word);
  entries_[key] = std::move(entry);
}

std::optional<LexiconEntry> Lexicon::find(std::string_view word) const {
  // Trimmed as add() trims, so a word finds the entry it was added as.
  const auto it = entries_.find(to_lower(trim_blanks(word)));
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

std::vector<TextSegment> Lexicon::apply(const std::vector<TextSegment>& segments) const {
  if (entries_.empty()) return segments;
  std::vector<TextSegment> out;
  for (const auto& seg : segments) {
    if (seg.kind != TextSegment::Kind::kText || !seg.normalize) {
      out.push_back(seg);
      continue;
    }
    // Word start offsets, so phrases ("New York") can be matched longest first.
    const std::string& t = seg.text;
    std::vector<std::pair<std::size_t, std::size_t>> words;  // [begin, end)
    std::size_t pos = 0;
    while (pos < t.size()) {
      std::size_t p = pos;
      const char32_t cp = decode_utf8(t, p);
      if (!is_word_cp(cp) || cp == '-' || cp == '\'') {
        pos = p;
        continue;
      }
      std::size_t end = p;
      while (end < t.size()) {
        std::size_t q = end;
        if (!is_word_cp(decode_utf8(t, q))) break;
        end = q;
      }
      words.emplace_back(pos, end);
      pos = end;
    }
    std::size_t copied = 0;
    for (std::size_t i = 0; i < words.size();) {
      bool matched = false;
      for (std::size_t n = std::min(longest_words_, words.size() - i); n >= 1 && !matched; --n) {
        const std::size_t begin = words[i].first;
        const std::size_t end = words[i + n - 1].second;
        const std::string_view candidate(t.data() + begin, end - begin);
        // Phrases must be separated by single spaces to match.
        if (n > 1 && std::count(candidate.begin(), candidate.end(), ' ') != static_cast<long>(n - 1)) continue;
        const auto it = entries_.find(to_lower(candidate));
        if (it == entries_.end()) continue;
        push_text(out, seg, t.substr(copied, begin - copied));
        if (it->second.is_phonemes) {
          TextSegment p = TextSegment::phoneme(std::string(candidate), it->second.replacement);
          p.language = seg.language;
          p.rate = seg.rate;
          out.push_back(std::move(p));
        } else {
          push_text(out, seg, it->second.replacement);
        }
        copied = end;
        i += n;
        matched = true;
      }
      if (!matched) ++i;
    }
    push_text(out, seg, t.substr(copied));
  }
  return out;
}

}  // namespace chorus
