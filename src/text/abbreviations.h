#pragma once
// Words that end with a period without ending the sentence, per language.
#include <string_view>

namespace chorus {

enum class AbbreviationKind {
  kNone,
  kNonTerminal,  // never ends a sentence: titles, "e.g.", "vs." (always followed by more text)
  kAmbiguous,    // often ends a sentence: "etc.", "Inc.", "Jr."; ends one when a capital follows
};

// word is the token before the period, without the period and lower-cased ("dr", "e.g", "z.b").
AbbreviationKind abbreviation_kind(std::string_view word, std::string_view language);

// Languages that write ordinals as a number followed by a period ("3. Oktober").
bool uses_ordinal_period(std::string_view language);

// Lower-case month name (full or usual abbreviation) in the language: "oktober", "října".
bool is_month_name(std::string_view word, std::string_view language);

}  // namespace chorus
