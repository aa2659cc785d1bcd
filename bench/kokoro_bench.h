#pragma once
// make bench, Kokoro part: chorus over HTTP against a bare ONNX Runtime Run of the same graph.
#include <string>

namespace chorus::bench {

// Prints the Kokoro figures, or a note saying why they were skipped (no ONNX Runtime in this
// build, no python3-onnx to generate the graph).
void run_kokoro_bench(const std::string& chorus_binary);

}  // namespace chorus::bench
