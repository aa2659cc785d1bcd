#include "engines/onnx/conv_as_2d.h"

#include <onnx/onnx_pb.h>

#include <climits>
#include <map>
#include <set>
#include <vector>

#include "engines/onnx/model_opset.h"
#include "engines/onnx/onnx_session.h"

namespace chorus::onnx {
namespace {

const std::string kConv2dPrefix = "chorus_conv2d/";
const std::string kConv2dAxes = kConv2dPrefix + "axes";

bool is_convolution(const ::onnx::NodeProto& node) {
  return (node.domain().empty() || node.domain() == "ai.onnx") &&
         (node.op_type() == "Conv" || node.op_type() == "ConvTranspose") && node.input_size() >= 2 &&
         !node.input(0).empty() && node.output_size() >= 1 && !node.output(0).empty();
}

// Every name a subgraph (If/Loop/Scan body) reads: such a weight is left as it is.
void subgraph_reads(const ::onnx::GraphProto& graph, std::set<std::string>& names) {
  for (const auto& node : graph.node()) {
    for (const auto& attribute : node.attribute()) {
      auto visit = [&](const ::onnx::GraphProto& g) {
        for (const auto& n : g.node()) names.insert(n.input().begin(), n.input().end());
        subgraph_reads(g, names);
      };
      if (attribute.has_g()) visit(attribute.g());
      for (const auto& g : attribute.graphs()) visit(g);
    }
  }
}

// The weights that can take a height of 1: rank-3 initializers that only top-level convolutions
// read, as their weight.
std::set<std::string> rewritable_weights(const ::onnx::GraphProto& graph) {
  std::set<std::string> weights;
  for (const auto& t : graph.initializer()) {
    if (t.dims_size() == 3) weights.insert(t.name());
  }
  std::set<std::string> excluded;
  subgraph_reads(graph, excluded);
  for (const auto& input : graph.input()) excluded.insert(input.name());  // IR < 4: declared shapes
  for (const auto& output : graph.output()) excluded.insert(output.name());
  for (const auto& node : graph.node()) {
    for (int i = 0; i < node.input_size(); ++i) {
      if (!(is_convolution(node) && i == 1)) excluded.insert(node.input(i));
    }
  }
  for (const auto& name : excluded) weights.erase(name);
  return weights;
}

// [k] -> [1, k] for kernel_shape, strides, dilations and output_shape; output_padding [p] ->
// [0, p]; pads [begin, end] -> [0, begin, 0, end].
void add_height(::onnx::NodeProto& node) {
  for (auto& a : *node.mutable_attribute()) {
    const std::string& name = a.name();
    std::vector<std::int64_t> values(a.ints().begin(), a.ints().end());
    if (name == "pads" && values.size() == 2) {
      values = {0, values[0], 0, values[1]};
    } else if (name == "output_padding" && values.size() == 1) {
      values.insert(values.begin(), 0);
    } else if ((name == "kernel_shape" || name == "strides" || name == "dilations" || name == "output_shape") &&
               values.size() == 1) {
      values.insert(values.begin(), 1);
    } else {
      continue;
    }
    a.clear_ints();
    for (const auto v : values) a.add_ints(v);
  }
}

::onnx::NodeProto reshape_node(const std::string& op, const std::string& input, const std::string& output,
                               std::int64_t opset) {
  ::onnx::NodeProto node;
  node.set_op_type(op);
  node.set_name(kConv2dPrefix + output);
  node.add_input(input);
  // Axes became an input in opset 13; before, an attribute.
  if (opset >= 13) {
    node.add_input(kConv2dAxes);
  } else {
    auto& axes = *node.add_attribute();
    axes.set_name("axes");
    axes.set_type(::onnx::AttributeProto::INTS);
    axes.add_ints(2);
  }
  node.add_output(output);
  return node;
}

}  // namespace

std::size_t convolutions_as_2d(::onnx::ModelProto& model) {
  ::onnx::GraphProto& graph = *model.mutable_graph();
  const std::set<std::string> weights = rewritable_weights(graph);
  if (weights.empty()) return 0;
  const std::int64_t opset = default_opset(model);

  for (auto& t : *graph.mutable_initializer()) {
    if (!weights.count(t.name())) continue;
    // [out, in, k] -> [out, in, 1, k]: the same values in the same order.
    const std::vector<std::int64_t> dims(t.dims().begin(), t.dims().end());
    t.clear_dims();
    for (const auto d : {dims[0], dims[1], std::int64_t{1}, dims[2]}) t.add_dims(d);
  }

  std::size_t rewritten = 0;
  google::protobuf::RepeatedPtrField<::onnx::NodeProto> nodes;
  std::map<std::string, std::string> unsqueezed;  // a tensor -> its [n, c, 1, l] form
  for (auto& node : *graph.mutable_node()) {
    if (!is_convolution(node) || !weights.count(node.input(1))) {
      nodes.Add()->Swap(&node);
      continue;
    }
    const std::string input = node.input(0);
    auto [view, added] = unsqueezed.try_emplace(input, kConv2dPrefix + input);
    if (added) *nodes.Add() = reshape_node("Unsqueeze", input, view->second, opset);
    const std::string output = node.output(0);
    node.set_input(0, view->second);
    node.set_output(0, kConv2dPrefix + output);
    add_height(node);
    const std::string written = node.output(0);
    nodes.Add()->Swap(&node);
    *nodes.Add() = reshape_node("Squeeze", written, output, opset);
    unsqueezed.emplace(output, written);  // a convolution reading it takes the 4-D tensor as is
    ++rewritten;
  }
  graph.mutable_node()->Swap(&nodes);
  if (opset >= 13) {
    auto& axes = *graph.add_initializer();
    axes.set_name(kConv2dAxes);
    axes.set_data_type(::onnx::TensorProto::INT64);
    axes.add_dims(1);
    axes.add_int64_data(2);
  }
  return rewritten;
}

Conv2dRewrite convolutions_as_2d(std::string serialized, const std::string& name) {
  Conv2dRewrite out;
  ::onnx::ModelProto model;
  if (serialized.size() > static_cast<std::size_t>(INT_MAX) ||
      !model.ParseFromArray(serialized.data(), static_cast<int>(serialized.size()))) {
    out.model = std::move(serialized);
    return out;
  }
  out.nodes = convolutions_as_2d(model);
  if (out.nodes == 0) {
    out.model = std::move(serialized);
    return out;
  }
  serialized.clear();
  serialized.shrink_to_fit();
  if (!model.SerializeToString(&out.model)) throw LoadError(name + ": the rewritten graph cannot be serialized");
  return out;
}

}  // namespace chorus::onnx
