#pragma once
// Word timings an engine reports for one chunk, so responses can carry word timestamps.
#include <cstddef>
#include <functional>

namespace chorus {

// A stretch of the chunk's text and where it is heard. The text span is in bytes of
// SynthesisRequest::text and may cover several words when the engine cannot tell them apart;
// samples are at the engine's rate, counted from the first sample the engine passed to its
// sink for this chunk.
struct WordTiming {
  std::size_t text_begin = 0;
  std::size_t text_end = 0;
  std::size_t start_sample = 0;
  std::size_t end_sample = 0;
};

using WordTimingSink = std::function<void(const WordTiming&)>;

}  // namespace chorus
