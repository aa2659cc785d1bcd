#pragma once
// One-dimensional convolutions rewritten as two-dimensional ones of height 1. ONNX Runtime runs a
// 1-D Conv or ConvTranspose through its generic im2col + GEMM path, while 2-D ones on x86 get its
// blocked-channel (NCHWc) kernels. A rewritten node reads its input through an Unsqueeze (axis 2)
// where the tensor is not 4-D already; the elementwise nodes between convolutions (Add, Sub, Mul,
// Div, LeakyRelu, Relu, Tanh, Sigmoid on 4-D operands or a float scalar) compute on the 4-D
// tensors too, and a Squeeze gives back the 3-D tensor wherever another node or the graph's
// output reads it. So nothing outside sees a tensor change.
//
// ONNX Runtime keeps the blocked layout only across nodes it has blocked kernels for, and
// converts the layout back and forth around every other one: with the convolutions alone
// rewritten, those conversions took 17% of a Piper Run, most of it in VITS's decoder (HiFi-GAN)
// around its LeakyRelu on a residual sum, the sums with a transposed convolution's output and
// the division of the blocks' sum. Depthwise 1x1 convolutions stand in
// where that pays: after a ConvTranspose read more than once, in front of a LeakyRelu that no
// single-use convolution feeds (the LeakyRelu then runs inside it), and for a product with or a
// division by a scalar. Measured on en_US-joe-medium, one thread, noise off: a 268-frame
// decode 108 ms as exported, 83 ms with the convolutions alone rewritten, 71 ms with all of this;
// samples equal to within float rounding.
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
