#pragma once
// espeak-ng as the grapheme-to-phoneme stage of every engine that needs one (Kokoro, Piper; the
// built-in engine speaks through the same library). Everything goes through EspeakLibrary's
// process-wide lock (espeak_library.h).
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

// Initializes libespeak-ng once for the process (no-op when already done). Throws EngineError
// when the data cannot be loaded.
void initialize_espeak_phonemes(const std::string& espeak_data_dir);

// IPA for text in an espeak voice ("en-us", "fr"), each clause's phonemes joined by a space.
// `tie` (e.g. '^') joins the letters of multi-letter phonemes; 0 = none. Language switch marks
// such as "(fr)" are kept as espeak writes them. Throws EngineError for an unknown voice.
std::string espeak_ipa(std::string_view text, const std::string& voice, char tie = 0);

// One clause of text as Piper phonemizes it: its phonemes (language switch marks removed), the
// punctuation that ended it (one of . , ? ! ; : or 0), and whether that ends a sentence.
struct PhonemeClause {
  std::string phonemes;
  char terminator = 0;
  bool ends_sentence = false;
};

// espeak-ng 1.51 (Debian) lacks espeak_TextToPhonemesWithTerminator, so the text is cut at
// clause punctuation (a mark followed by whitespace or the end, as espeak reads it) and each
// piece phonemized on its own; the mark is the clause's terminator.
std::vector<PhonemeClause> espeak_clauses(std::string_view text, const std::string& voice);

// Piper's sentence phoneme strings: each clause's phonemes, its terminator, and a space after
// , ; : — grouped into sentences at . ? ! (docs: Piper's phonemize_espeak). A clause without a
// terminator (text cut by inline pronunciations) is followed by a space.
std::vector<std::string> piper_sentences(const std::vector<PhonemeClause>& clauses);

}  // namespace chorus
