#include "engines/phonemizer/espeak_phonemes.h"

#include <espeak-ng/speak_lib.h>

#include "core/api_error.h"
#include "engines/phonemizer/espeak_library.h"

namespace chorus {
namespace {

bool is_clause_mark(char c) {
  return c == '.' || c == ',' || c == '?' || c == '!' || c == ';' || c == ':';
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// espeak writes "(fr)word(en)" around words it reads in another language: not phonemes.
std::string without_language_switches(const std::string& ipa) {
  std::string out;
  for (std::size_t i = 0; i < ipa.size(); ++i) {
    if (ipa[i] == '(') {
      const auto close = ipa.find(')', i);
      if (close != std::string::npos && close > i + 1) {
        i = close;
        continue;
      }
    }
    out.push_back(ipa[i]);
  }
  return out;
}

bool blank(std::string_view text) {
  for (char c : text) {
    if (!is_space(c)) return false;
  }
  return true;
}

}  // namespace

void initialize_espeak_phonemes(const std::string& espeak_data_dir) {
  EspeakLibrary::instance().initialize(espeak_data_dir);
}

std::string espeak_ipa(std::string_view text, const std::string& voice, char tie) {
  const std::string input(text);  // espeak needs a NUL-terminated buffer
  const int mode = espeakPHONEMES_IPA | (tie ? espeakPHONEMES_TIE | (tie << 8) : 0);
  EspeakLibrary& library = EspeakLibrary::instance();
  auto lock = library.lock();
  if (!library.select_voice(lock, voice)) {
    throw EngineError("espeak-ng has no voice '" + voice + "'");
  }
  std::string out;
  const void* cursor = input.c_str();
  // One clause per call; the cursor becomes NULL at the end of the text.
  while (cursor != nullptr) {
    const char* phonemes = espeak_TextToPhonemes(&cursor, espeakCHARS_UTF8, mode);
    if (phonemes == nullptr) break;
    if (*phonemes == '\0') continue;
    if (!out.empty()) out.push_back(' ');
    out += phonemes;
  }
  return out;
}

std::vector<PhonemeClause> espeak_clauses(std::string_view text, const std::string& voice) {
  std::vector<PhonemeClause> clauses;
  std::size_t start = 0;
  auto flush = [&](std::size_t end, char mark) {
    std::string_view piece = text.substr(start, end - start);
    PhonemeClause clause;
    if (!blank(piece)) clause.phonemes = without_language_switches(espeak_ipa(piece, voice));
    clause.terminator = mark;
    clause.ends_sentence = mark == '.' || mark == '?' || mark == '!';
    if (!clause.phonemes.empty()) {
      clauses.push_back(std::move(clause));
    } else if (mark && !clauses.empty() && !clauses.back().terminator) {
      clauses.back().terminator = mark;  // "word !" : the mark still ends the clause
      clauses.back().ends_sentence = clause.ends_sentence;
    }
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_clause_mark(text[i])) continue;
    // A mark ends a clause when whitespace or the end follows ("3.5" and "a,b" do not).
    if (i + 1 < text.size() && !is_space(text[i + 1])) continue;
    flush(i, text[i]);
    start = i + 1;
  }
  if (start < text.size()) flush(text.size(), 0);
  return clauses;
}

std::vector<std::string> piper_sentences(const std::vector<PhonemeClause>& clauses) {
  std::vector<std::string> sentences;
  std::string current;
  bool open_clause = false;  // the previous clause had no terminator: words follow words
  for (const auto& clause : clauses) {
    if (open_clause && !current.empty() && current.back() != ' ') current.push_back(' ');
    open_clause = clause.terminator == 0;
    current += clause.phonemes;
    if (clause.terminator) current.push_back(clause.terminator);
    if (clause.terminator == ',' || clause.terminator == ';' || clause.terminator == ':') current.push_back(' ');
    if (clause.ends_sentence) {
      sentences.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) sentences.push_back(std::move(current));
  return sentences;
}

}  // namespace chorus
