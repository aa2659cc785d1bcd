#pragma once
// Sentence and clause segmentation, per language, on any UTF-8 text.
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

struct Sentence {
  std::string text;            // trimmed, inner whitespace runs collapsed to one space
  bool ends_paragraph = false;  // a blank line (or the end of the text) follows
};

// Abbreviations (Dr., e.g.), decimals (3.14), initials (J. R. R.) and ellipses followed by a
// lower-case word do not end sentences; CJK 。！？, Hindi । ॥ and Arabic ؟ do, with or
// without a following space. A line break ends a sentence when the line has no final
// punctuation and the next line looks like a new item (capital, digit or bullet). Blank
// sentences are never returned.
std::vector<Sentence> split_sentences(std::string_view text, std::string_view language);

// Splits one sentence after clause marks (, ; : — and their CJK/Arabic forms). Each piece
// keeps its mark; marks inside numbers ("1,000", "3:45") and URLs do not split.
std::vector<std::string> split_clauses(std::string_view sentence);

// Collapses whitespace runs to one space, drops control/format characters, trims.
std::string collapse_whitespace(std::string_view text);

}  // namespace chorus
