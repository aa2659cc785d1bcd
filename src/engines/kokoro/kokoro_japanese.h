#pragma once
// Japanese text -> Kokoro phonemes: MeCab (Debian's libmecab with the IPA dictionary,
// mecab-ipadic-utf8) splits the text into words and gives each its pronunciation in katakana;
// kokoro_kana.h turns that into Kokoro's symbols. Words are grouped as misaki groups them
// closely enough for the model: a content word with the auxiliaries and suffixes after it.
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::kokoro {

// One word as MeCab analysed it.
struct JapaneseMorpheme {
  std::string surface;
  std::vector<std::string> features;  // ipadic: pos, pos1, pos2, pos3, type, form, base, reading, pronunciation
};

// Phonemes of analysed words (pure: unit-testable without a dictionary).
std::string phonemize_morphemes(const std::vector<JapaneseMorpheme>& words);

class JapaneseG2P {
 public:
  // Loads MeCab with `dictionary_dir` (empty: the system's default from /etc/mecabrc). Throws
  // std::runtime_error with MeCab's reason when it cannot.
  explicit JapaneseG2P(const std::string& dictionary_dir = {});
  ~JapaneseG2P();
  JapaneseG2P(const JapaneseG2P&) = delete;
  JapaneseG2P& operator=(const JapaneseG2P&) = delete;

  std::vector<JapaneseMorpheme> analyse(std::string_view text) const;
  std::string phonemize(std::string_view text) const { return phonemize_morphemes(analyse(text)); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  mutable std::mutex mutex_;  // a MeCab tagger is not safe to share between threads
};

}  // namespace chorus::kokoro
