#include "text/language_detect.h"

#include <textcat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include "text/language.h"
#include "text/utf8.h"

namespace chorus {

namespace {

// The Latin-script XTTS languages and their libexttextcat models. Restricting the models to
// these keeps textcat from answering with languages no engine here speaks.
constexpr std::array<std::string_view, 11> kLatinLanguages{"en", "es", "fr", "de", "it", "pt",
                                                           "pl", "tr", "nl", "cs", "hu"};

constexpr std::string_view kDefaultModelDir = "/usr/share/libexttextcat/";

// Letters that only one of the Latin-script languages uses: they settle ties and short texts.
struct Diacritics {
  std::string_view language;
  std::array<char32_t, 10> letters;
};
constexpr std::array<Diacritics, 7> kDiacritics{{
    {"hu", {U'ő', U'ű', U'Ő', U'Ű'}},
    {"pl", {U'ł', U'ą', U'ę', U'ś', U'ź', U'ż', U'ń', U'Ł', U'Ś', U'Ż'}},
    {"cs", {U'ř', U'ů', U'ě', U'ň', U'ť', U'ď', U'Ř', U'Ů'}},
    {"tr", {U'ğ', U'ı', U'ş', U'İ', U'Ş', U'Ğ'}},
    {"es", {U'ñ', U'¿', U'¡', U'Ñ'}},
    {"pt", {U'ã', U'õ', U'Ã', U'Õ'}},
    {"de", {U'ß', U'ẞ'}},
}};

// Below this many letters a language-specific letter overrides the n-gram guess.
constexpr std::size_t kShortSentenceLetters = 40;
// Below this many letters an ambiguous textcat result defers to the caller's language.
constexpr std::size_t kAmbiguousLetters = 25;

// Scores within this fraction of the best one count as a tie.
constexpr double kNearTie = 0.01;

// Text classified is capped: a few hundred bytes are plenty and keep detection cheap.
constexpr std::size_t kMaxClassifiedBytes = 1000;

class Textcat {
 public:
  Textcat() {
    const char* env = std::getenv("CHORUS_TEXTCAT_DIR");
    std::string dir = env && *env ? env : std::string(kDefaultModelDir);
    if (dir.back() != '/') dir += '/';
    if (!std::filesystem::exists(dir + "en.lm")) return;
    // textcat reads its model list from a file: write one naming only our languages.
    std::string conf = (std::filesystem::temp_directory_path() / "chorus-textcat-XXXXXX").string();
    const int fd = mkstemp(conf.data());
    if (fd < 0) return;
    close(fd);
    {
      std::ofstream out(conf);
      for (std::string_view lang : kLatinLanguages) out << lang << ".lm " << lang << "\n";
    }
    handle_ = special_textcat_Init(conf.c_str(), dir.c_str());
    std::remove(conf.c_str());
    if (handle_) {
      textcat_SetProperty(handle_, TCPROP_UTF8AWARE, TC_TRUE);
      textcat_SetProperty(handle_, TCPROP_MINIMUM_DOCUMENT_SIZE, 3);
    }
  }
  ~Textcat() {
    if (handle_) textcat_Done(handle_);
  }
  Textcat(const Textcat&) = delete;
  Textcat& operator=(const Textcat&) = delete;

  bool available() const { return handle_ != nullptr; }

  // Candidate languages with their distance scores (lower is closer), best first; empty when
  // textcat cannot decide.
  std::vector<std::pair<std::string, int>> classify(std::string_view text) {
    std::vector<std::pair<std::string, int>> out;
    if (!handle_) return out;
    std::lock_guard lock(mutex_);  // textcat keeps per-handle scratch state
    // The same phrases come back (cache hits are answered after the text front-end has run):
    // their classification, a pure function of the text, is remembered. Cleared when full.
    if (auto known = memo_.find(text); known != memo_.end()) return known->second;
    candidate_t* candidates = textcat_GetClassifyFullOutput(handle_);
    const int n = textcat_ClassifyFull(handle_, text.data(), text.size(), candidates);
    if (n > 0) {
      std::vector<candidate_t> sorted(candidates, candidates + n);
      std::stable_sort(sorted.begin(), sorted.end(),
                       [](const candidate_t& a, const candidate_t& b) { return a.score < b.score; });
      for (const auto& c : sorted) out.emplace_back(c.name, c.score);
    }
    textcat_ReleaseClassifyFullOutput(handle_, candidates);
    if (memo_.size() >= kMemoEntries) memo_.clear();
    memo_.emplace(std::string(text), out);
    return out;
  }

  void forget() {
    std::lock_guard lock(mutex_);
    memo_.clear();
  }

 private:
  static constexpr std::size_t kMemoEntries = 4096;
  void* handle_ = nullptr;
  std::mutex mutex_;
  std::map<std::string, std::vector<std::pair<std::string, int>>, std::less<>> memo_;
};

Textcat& textcat() {
  static Textcat instance;
  return instance;
}

std::string_view diacritic_language(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = decode_utf8(text, pos);
    if (cp < 0xA1) continue;
    for (const auto& d : kDiacritics) {
      if (std::find(d.letters.begin(), d.letters.end(), cp) != d.letters.end()) return d.language;
    }
  }
  return {};
}

std::size_t count_letters(std::string_view text) {
  std::size_t n = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (is_letter(decode_utf8(text, pos))) ++n;
  }
  return n;
}

}  // namespace

bool textcat_available() { return textcat().available(); }

void forget_language_classifications() { textcat().forget(); }

DetectedLanguage detect_language(std::string_view text, std::string_view fallback) {
  const std::string clean = sanitize_utf8(text.substr(0, utf8_floor_boundary(text, kMaxClassifiedBytes * 4)));
  const std::string fallback_lang = primary_subtag(fallback);
  DetectedLanguage result;
  result.script = dominant_script(clean);
  if (result.script == Script::kCommon) {
    return {fallback_lang, false, result.script, "fallback"};
  }
  const std::string_view by_script = language_for_script(result.script, clean);
  if (!by_script.empty()) {
    return {std::string(by_script), true, result.script, "script"};
  }
  if (result.script != Script::kLatin) {
    return {fallback_lang, false, result.script, "fallback"};
  }
  const std::string_view marked = diacritic_language(clean);
  const std::size_t letters = count_letters(clean);
  if (letters < kMinLettersForStatistics) {
    if (!marked.empty()) return {std::string(marked), false, result.script, "diacritics"};
    return {fallback_lang, false, result.script, "fallback"};
  }
  const std::string sample = clean.substr(0, utf8_floor_boundary(clean, kMaxClassifiedBytes));
  const auto scored = textcat().classify(sample);
  std::vector<std::string> candidates;
  for (const auto& [name, score] : scored) candidates.push_back(name);
  if (candidates.empty()) {
    if (!marked.empty()) return {std::string(marked), false, result.script, "diacritics"};
    return {fallback_lang, false, result.script, "fallback"};
  }
  // Close calls: a letter only one candidate's language uses decides. In short sentences
  // n-gram statistics are thin, so such a letter outweighs them.
  const bool marked_candidate =
      !marked.empty() && std::find(candidates.begin(), candidates.end(), marked) != candidates.end();
  if (!marked.empty() && ((candidates.size() > 1 && marked_candidate) || letters < kShortSentenceLetters)) {
    return {std::string(marked), true, result.script, "diacritics"};
  }
  // A near tie with the caller's language (the voice's or the default): keep that language.
  for (const auto& [name, score] : scored) {
    if (name == fallback_lang && score <= scored.front().second * (1.0 + kNearTie)) {
      const bool best = name == candidates.front();
      return {fallback_lang, best && candidates.size() == 1, result.script, best ? "textcat" : "fallback"};
    }
  }
  // A handful of words that several languages' statistics claim alike: when the caller's
  // language is one of them, it is the safer reading ("Please call Bob today." scores Czech,
  // Spanish, English, Italian, in that order).
  if (candidates.size() > 1 && letters < kAmbiguousLetters &&
      std::find(candidates.begin(), candidates.end(), fallback_lang) != candidates.end()) {
    return {fallback_lang, false, result.script, "fallback"};
  }
  return {candidates.front(), candidates.size() == 1, result.script, "textcat"};
}

}  // namespace chorus
