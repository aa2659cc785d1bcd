#pragma once
// Reproducible noise for ONNX graphs that draw it (Piper's VITS exports: two RandomNormalLike
// nodes, in the duration predictor and before the flow). ONNX Runtime seeds such a node once per
// session, from the graph's `seed` attribute or the clock, and advances it with every Run, so the
// same text gives different audio on every call and the C API offers no way to reset it. The
// rewrite replaces each RandomNormalLike / RandomUniformLike node by a counter-based generator
// built from plain ONNX operators (an element's value is a hash of its index and a per-node
// offset, then Box-Muller for normals), fed by one added int64 input: a Run's noise is then a
// function of that input alone, whatever ran before and on whichever thread.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace chorus::onnx {

// The int64 input the rewritten graph adds, shape [generators]: one offset per replaced node.
inline constexpr const char* kNoiseSeedInput = "chorus_noise_seed";

struct SeededGraph {
  std::string model;           // the serialized graph to load (ONNX protobuf)
  std::size_t generators = 0;  // nodes replaced; 0 = the graph draws no noise and is unchanged
};

// Reads the ONNX file at `path` and rewrites its random nodes. Throws LoadError (naming the file)
// when it cannot be read or parsed, when it draws noise in a way the rewrite does not cover
// (RandomNormal, RandomUniform, Multinomial, Bernoulli, random nodes inside a subgraph, or an
// output type other than float), or when its opset is older than 11 (Range and Mod are needed).
SeededGraph seed_random_nodes(const std::string& path);

// The values for kNoiseSeedInput that `seed` stands for: one offset per generator, each in
// [0, 2^31 - 1), different for every node and, in practice, for every seed.
std::vector<std::int64_t> noise_seed_values(std::uint64_t seed, std::size_t generators);

}  // namespace chorus::onnx
