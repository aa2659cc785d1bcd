#pragma once
// What espeak-ng reads for one chunk: pronunciation markup "[word](/IPA/)" becomes espeak
// phoneme input "[[mnemonics]]" (read with espeakPHONEMES), the rest is passed as written. The
// spans map espeak's text positions back to the chunk, for word timings.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chorus {

struct EspeakInput {
  struct Span {
    std::size_t input_begin = 0, input_end = 0;  // bytes of `text`
    std::size_t chunk_begin = 0, chunk_end = 0;  // bytes of the chunk
    bool verbatim = true;                        // false: converted markup, mapped as a whole
  };
  std::string text;
  bool phonemes = false;  // holds [[ ]] phoneme input
  std::vector<Span> spans;

  // The chunk bytes a byte range of `text` came from.
  std::pair<std::size_t, std::size_t> to_chunk(std::size_t begin, std::size_t end) const;
  // Byte offset of a 0-based code point index of `text` (espeak counts characters).
  std::size_t byte_of_char(std::size_t char_index) const;
};

EspeakInput build_espeak_input(std::string_view chunk_text);

}  // namespace chorus
