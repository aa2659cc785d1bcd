#pragma once
// Words as timestamps count them: whitespace-separated tokens that hold a letter or a digit
// ("$5.99" and "ninety-nine" are one word each, a lone "—" is none).
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace chorus {

using ByteSpan = std::pair<std::size_t, std::size_t>;  // [begin, end) in bytes

// Word spans of plain text, shifted by `offset`.
std::vector<ByteSpan> word_spans(std::string_view text, std::size_t offset = 0);

// Word spans of a chunk that may hold pronunciation markup: "[New York](/.../)" is one word
// spanning the whole markup; pauses are no words.
std::vector<ByteSpan> chunk_word_spans(std::string_view chunk);

}  // namespace chorus
