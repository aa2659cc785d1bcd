#pragma once
// Joins the words an engine spoke (normalized: "five dollars and ninety-nine cents") to the words
// the user wrote ("$5.99"), so word timestamps name the original words. Words equal on both
// sides anchor the alignment (longest common subsequence); between anchors the spoken words
// go to the written ones in order, weighted by how many words each written one normalizes to.
#include <string>
#include <string_view>
#include <vector>

#include "text/segments.h"

namespace chorus {

// The written words of parsed input, before lexicon and normalization: whitespace-separated
// tokens with a letter or digit, stripped of surrounding punctuation (an abbreviation keeps its
// period: "Dr."). A pronunciation "[New York](/.../)" is one word.
std::vector<std::string> written_words(const std::vector<TextSegment>& segments, std::string_view language);

// For each spoken word, the index of the written word it belongs to, or -1 (spoken words with
// no written counterpart, such as "and" for "&" next to an anchor). Monotonic.
std::vector<long> align_words(const std::vector<std::string>& written, const std::vector<std::string>& spoken,
                              std::string_view language);

// The comparison form of a word: lower case, surrounding punctuation removed; the word inside
// pronunciation markup.
std::string word_key(std::string_view word);

}  // namespace chorus
