#pragma once
// A user lexicon: words mapped to a pronunciation (IPA) or to a respelling, applied before
// normalization and phonemization. Entries come from the server config and from requests;
// a request's entries win over the server's.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/segments.h"

namespace chorus {

struct LexiconEntry {
  std::string word;         // as written; matched case-insensitively as a whole word
  std::string replacement;  // IPA when is_phonemes, otherwise the respelling to read
  bool is_phonemes = false;
};

class Lexicon {
 public:
  // A request's lexicon keeps the default cap; the server's (from the config) may be larger.
  explicit Lexicon(std::size_t max_entries = kMaxEntries) : max_entries_(max_entries) {}

  // Reads one word/value pair as add() does; nullopt when add() would refuse it.
  static std::optional<LexiconEntry> parse_entry(std::string_view word, std::string_view value);

  // Adds or replaces an entry. A value written between slashes ("/ˈkoʊkəroʊ/") is IPA, as in
  // the inline markup; anything else is a respelling ("Kokoro" -> "koh koh roh").
  // Returns false (and ignores the entry) for an empty or multi-line word, an over-long word or
  // value, invalid UTF-8, or a new word once max_entries are held.
  bool add(std::string_view word, std::string_view value);
  void add(LexiconEntry entry);

  std::size_t max_entries() const { return max_entries_; }
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  std::optional<LexiconEntry> find(std::string_view word) const;

  // Rewrites the text segments: matched words become phoneme segments or respelled text.
  std::vector<TextSegment> apply(const std::vector<TextSegment>& segments) const;

  // Limits that keep a request's lexicon from being used to exhaust the server.
  static constexpr std::size_t kMaxEntries = 1000;
  static constexpr std::size_t kMaxWordBytes = 100;
  static constexpr std::size_t kMaxValueBytes = 200;
  static constexpr std::size_t kMaxServerEntries = 100000;

 private:
  std::size_t max_entries_;
  std::map<std::string, LexiconEntry> entries_;  // key: lower-cased word
  std::size_t longest_words_ = 1;                // words per entry, for phrase matching
};

}  // namespace chorus
