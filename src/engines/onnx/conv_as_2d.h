#pragma once
// One-dimensional convolutions rewritten as two-dimensional ones of height 1. ONNX Runtime runs a
// 1-D Conv or ConvTranspose through its generic im2col + GEMM path, while 2-D ones on x86 get its
// blocked-channel (NCHWc) kernels: measured on Piper's en_US-joe-medium, one thread, noise off,
// a sentence's Run takes 235 ms as exported and 193-199 ms rewritten, with samples equal to
// within 1e-5 (float rounding). Each rewritten node reads its input through an Unsqueeze (axis 2)
// and writes its output through a Squeeze, so every other node sees the tensors it saw before.
#include <cstddef>
#include <string>
#include <string_view>

namespace onnx {
class ModelProto;
}

namespace chorus::onnx {

struct Conv2dRewrite {
  std::string model;      // the serialized graph to load (ONNX protobuf)
  std::size_t nodes = 0;  // convolutions rewritten; 0 = `model` is the input, unchanged
};

// Rewrites every top-level Conv and ConvTranspose whose weight is a rank-3 initializer read by
// convolutions alone (a weight computed in the graph, or shared with another kind of node, keeps
// its node as it is). Bytes that do not parse as an ONNX model come back unchanged (the loader
// then says what is wrong with them). Throws LoadError (with `name`) when the rewritten graph
// cannot be serialized.
Conv2dRewrite convolutions_as_2d(std::string model, const std::string& name);

// The same on a parsed model, in place (a caller that has parsed it already saves a parse and a
// serialization of tens of MB); returns the convolutions rewritten.
std::size_t convolutions_as_2d(::onnx::ModelProto& model);

}  // namespace chorus::onnx
