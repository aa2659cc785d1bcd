#pragma once
// Text -> Kokoro phoneme string. espeak-ng's phoneme API drops clause punctuation, so the text is
// cut at punctuation, each run of words is phonemized on its own, and the marks are put back as
// tokens (Kokoro has ids for ; : , . ! ? — … " ( ) “ ”). Each language then gets misaki's rewrite
// table (kokoro_ipa_tables.h).
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::kokoro {

// Returns espeak-ng IPA (tie character '^', words separated by spaces) for punctuation-free
// text in an espeak voice ("en-us", "fr", ...). Must be thread-safe.
using IpaFunction = std::function<std::string(std::string_view text, const std::string& espeak_voice)>;
// Returns Kokoro phonemes for Japanese text, punctuation included (kokoro_japanese.h). Must be
// thread-safe.
using JapaneseFunction = std::function<std::string(std::string_view text)>;

struct PhonemizerLanguage {
  std::string tag;           // chorus language tag ("en-us")
  std::string espeak_voice;  // espeak-ng voice name ("en-us")
  bool english = false;      // misaki EspeakFallback table instead of EspeakG2P
  bool british = false;
  bool japanese = false;     // MeCab readings (kokoro_japanese.h) instead of espeak-ng
};

// Languages Kokoro can phonemize, as BCP-47 tags (lower case): espeak-ng's, and Japanese.
const std::vector<PhonemizerLanguage>& phonemizer_languages();
// Resolves "en", "en-US", "pt", "fr-fr", ... to one of phonemizer_languages(); nullopt if none.
std::optional<PhonemizerLanguage> find_phonemizer_language(std::string_view tag);

class Phonemizer {
 public:
  explicit Phonemizer(IpaFunction ipa, JapaneseFunction japanese = {})
      : ipa_(std::move(ipa)), japanese_(std::move(japanese)) {}

  bool speaks_japanese() const { return static_cast<bool>(japanese_); }

  // Phonemizes UTF-8 text; punctuation is kept, symbols Kokoro lacks are left for the
  // tokenizer to drop.
  std::string phonemize(std::string_view text, const PhonemizerLanguage& language) const;

 private:
  IpaFunction ipa_;
  JapaneseFunction japanese_;
};

}  // namespace chorus::kokoro
