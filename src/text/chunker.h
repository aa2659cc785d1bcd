#pragma once
// Cuts text into the pieces an engine synthesizes one at a time.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

struct TextChunk {
  std::string text;
  double pause_after_seconds = 0;  // silence to insert after this chunk (paragraph breaks)
};

struct ChunkOptions {
  std::size_t first_chunk_max_chars = 100;  // short first chunk: streaming starts early
  std::size_t max_chars = 400;              // longest chunk the engine handles well
};

// Pause that follows a paragraph (a blank line in the input).
inline constexpr double kParagraphPauseSeconds = 0.6;

// Lengths are counted in code points. The first chunk holds the first sentence (plus more
// sentences while they fit first_chunk_max_chars), or the first clause(s) of a longer first
// sentence. Later chunks are whole sentences merged up to max_chars; a sentence longer than
// that is cut at clause marks, then between words, then (scripts without spaces) between
// characters. Chunks never span a paragraph break, are never blank and never split a code
// point. Words are only split when a single word exceeds the limit.
std::vector<TextChunk> split_into_chunks(std::string_view text, std::string_view language,
                                         const ChunkOptions& options);

// Cuts text (one sentence or clause) into pieces of at most max_chars code points: at clause
// marks, then spaces, then characters.
std::vector<std::string> fit_to_length(std::string_view text, std::size_t max_chars);

}  // namespace chorus
