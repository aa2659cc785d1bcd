#pragma once
// Cuts an ONNX graph in two at one tensor, so that an engine can run the part after the cut on
// pieces of that tensor. Piper's VITS exports end in a convolutional decoder (HiFi-GAN) that turns
// frames of latent speech into samples, and the decoder is most of a Run: cut off, it can decode
// the first frames alone, so the first audio of a sentence is out before the rest is decoded.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onnx {
class ModelProto;
}

namespace chorus::onnx {

struct GraphSplit {
  std::string cut;  // the tensor at the cut: the front's first output, the back's first input
  // The original inputs -> `cut`, then the original outputs that do not depend on `cut`.
  std::string front;
  // `cut`, then the original inputs the back reads -> the original outputs that depend on `cut`.
  // The back computes them from `cut` and those inputs alone (it repeats what little it needs
  // from the inputs, such as a speaker embedding).
  std::string back;
  std::vector<std::string> back_inputs;   // in the order the back graph declares them
  std::vector<std::string> back_outputs;  // the original outputs the back computes
};

// The ONNX file at `path`, serialized. Throws LoadError naming the file when it cannot be read.
std::string read_graph_file(const std::string& path);

// Splits the serialized model `model` at the tensor that the node reading the initializer
// `weight` takes as its first input (Piper: "dec.conv_pre.weight", the decoder's first
// convolution). nullopt when `model` does not parse as an ONNX model (the caller's loader then
// reports it), when no top-level node reads `weight`, or when the tensor is a graph input or
// output. Throws LoadError (with `name` for the model) when the halves cannot be serialized.
// `each_half`, when given, rewrites each half before it is serialized (conv_as_2d.h: one parse
// and one serialization of the model instead of two).
std::optional<GraphSplit> split_before_weight(std::string_view model, const std::string& weight,
                                              const std::string& name,
                                              const std::function<void(::onnx::ModelProto&)>& each_half = {});

}  // namespace chorus::onnx
