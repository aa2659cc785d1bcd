#include "engines/xtts/xtts_text_split.h"

#include "text/chunker.h"
#include "text/utf8.h"

namespace chorus::xtts {

std::vector<std::string> split_for_xtts(std::string_view text, std::string_view language,
                                        std::size_t limit) {
  std::vector<std::string> pieces;
  if (limit == 0) return pieces;
  if (utf8_length(text) <= limit) {
    if (!is_blank(text)) pieces.emplace_back(text);
    return pieces;
  }
  ChunkOptions options;
  options.first_chunk_max_chars = limit;
  options.max_chars = limit;
  for (auto& chunk : split_into_chunks(text, language, options)) {
    // The chunker's guarantee, re-checked: a piece over the limit is never sent.
    if (utf8_length(chunk.text) <= limit) {
      if (!is_blank(chunk.text)) pieces.push_back(std::move(chunk.text));
      continue;
    }
    for (auto& part : fit_to_length(chunk.text, limit)) {
      if (!is_blank(part)) pieces.push_back(std::move(part));
    }
  }
  return pieces;
}

}  // namespace chorus::xtts
