#include "engines/kokoro/kokoro_japanese.h"

#include <mecab.h>

#include <stdexcept>

#include "engines/kokoro/kokoro_kana.h"
#include "engines/kokoro/kokoro_vocab.h"

namespace chorus::kokoro {
namespace {

const std::string& feature(const JapaneseMorpheme& m, std::size_t i) {
  static const std::string none;
  return i < m.features.size() ? m.features[i] : none;
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

bool all_kana(std::u32string_view s) {
  if (s.empty()) return false;
  for (char32_t c : s) {
    if (!((c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF))) return false;
  }
  return true;
}

// Auxiliaries, dependent verbs and adjectives, suffixes and conjunctive particles belong to the
// word before them ("晴れています" is one word, as misaki's word list has it).
bool attaches_to_previous(const JapaneseMorpheme& m) {
  const std::string& pos = feature(m, 0);
  const std::string& pos1 = feature(m, 1);
  if (pos == "助動詞") return true;
  if ((pos == "動詞" || pos == "形容詞" || pos == "名詞") && (pos1 == "非自立" || pos1 == "接尾")) return true;
  return pos == "助詞" && pos1 == "接続助詞";
}

// The phonemes of one word and whether it is punctuation (spacing differs).
struct Piece {
  std::string phonemes;
  bool mark = false;
  bool opening = false;
};

Piece piece_for(const JapaneseMorpheme& m) {
  Piece p;
  const std::u32string surface = utf8_to_u32(m.surface);
  if (feature(m, 0) == "記号" || (surface.size() == 1 && !japanese_mark(surface[0]).empty() &&
                                  !all_kana(surface))) {
    for (char32_t c : surface) p.phonemes += japanese_mark(c);
    p.mark = true;
    p.opening = p.phonemes == "“" || p.phonemes == "(";
    return p;
  }
  if (is_ascii(m.surface)) {  // a Latin word inside Japanese text is left as written
    p.phonemes = m.surface;
    return p;
  }
  const std::string& pronunciation = feature(m, 8);
  if (!pronunciation.empty() && pronunciation != "*") {
    p.phonemes = kana_to_phonemes(utf8_to_u32(pronunciation));
  } else if (all_kana(surface)) {  // unknown word in kana: read as written
    p.phonemes = kana_to_phonemes(surface);
  }
  return p;
}

std::vector<std::string> split_csv(const char* s) {
  std::vector<std::string> out(1);
  for (; *s; ++s) {
    if (*s == ',') out.emplace_back();
    else out.back().push_back(*s);
  }
  return out;
}

}  // namespace

std::string phonemize_morphemes(const std::vector<JapaneseMorpheme>& words) {
  std::string out;
  bool space_before_next = false;
  for (const auto& word : words) {
    const Piece piece = piece_for(word);
    if (piece.phonemes.empty()) continue;
    if (piece.mark) {
      if (piece.opening) {
        if (!out.empty() && out.back() != ' ') out += ' ';
        out += piece.phonemes;
        space_before_next = false;
      } else {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += piece.phonemes;
        space_before_next = true;
      }
      continue;
    }
    if (!out.empty() && space_before_next && !attaches_to_previous(word)) out += ' ';
    out += piece.phonemes;
    space_before_next = true;
  }
  // A small tsu binds to the syllable after it: no space on either side of ʔ (misaki's rule).
  std::u32string s = utf8_to_u32(out);
  std::u32string joined;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == U' ' && ((i + 1 < s.size() && s[i + 1] == U'ʔ') || (!joined.empty() && joined.back() == U'ʔ'))) {
      continue;
    }
    joined.push_back(s[i]);
  }
  while (!joined.empty() && joined.back() == U' ') joined.pop_back();
  return u32_to_utf8(joined);
}

struct JapaneseG2P::Impl {
  mecab_t* mecab = nullptr;
  ~Impl() {
    if (mecab) mecab_destroy(mecab);
  }
};

JapaneseG2P::JapaneseG2P(const std::string& dictionary_dir) : impl_(std::make_unique<Impl>()) {
  const std::string args = dictionary_dir.empty() ? std::string() : "-d " + dictionary_dir;
  impl_->mecab = mecab_new2(args.c_str());
  if (!impl_->mecab) {
    const char* why = mecab_strerror(nullptr);
    throw std::runtime_error(std::string("MeCab cannot load its dictionary (apt-get install mecab-ipadic-utf8): ") +
                             (why ? why : "unknown error"));
  }
}

JapaneseG2P::~JapaneseG2P() = default;

std::vector<JapaneseMorpheme> JapaneseG2P::analyse(std::string_view text) const {
  std::vector<JapaneseMorpheme> out;
  const std::string input(text);
  std::lock_guard lock(mutex_);
  const mecab_node_t* node = mecab_sparse_tonode2(impl_->mecab, input.c_str(), input.size());
  if (!node) throw std::runtime_error(std::string("MeCab: ") + mecab_strerror(impl_->mecab));
  for (; node; node = node->next) {
    if (node->stat == MECAB_BOS_NODE || node->stat == MECAB_EOS_NODE) continue;
    JapaneseMorpheme m;
    m.surface.assign(node->surface, node->length);
    m.features = split_csv(node->feature ? node->feature : "");
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace chorus::kokoro
