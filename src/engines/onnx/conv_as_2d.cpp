#include "engines/onnx/conv_as_2d.h"

#include <onnx/onnx_pb.h>

#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <utility>
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

bool default_domain(const ::onnx::NodeProto& node) { return node.domain().empty() || node.domain() == "ai.onnx"; }

// Elementwise nodes compute the same on [n, c, 1, l] as on [n, c, l]: every 4-D operand gained
// its axis at the same place, and a scalar broadcasts either way.
bool is_unary_elementwise(const ::onnx::NodeProto& node) {
  const std::string& op = node.op_type();
  return default_domain(node) && node.input_size() == 1 && node.output_size() == 1 && !node.input(0).empty() &&
         !node.output(0).empty() && (op == "LeakyRelu" || op == "Relu" || op == "Tanh" || op == "Sigmoid");
}

bool is_binary_elementwise(const ::onnx::NodeProto& node) {
  const std::string& op = node.op_type();
  return default_domain(node) && node.input_size() == 2 && node.output_size() == 1 && !node.input(0).empty() &&
         !node.input(1).empty() && !node.output(0).empty() &&
         (op == "Add" || op == "Sub" || op == "Mul" || op == "Div");
}

// The value of a float tensor with one element and at most three dimensions, all 1.
std::optional<float> single_float(const ::onnx::TensorProto& t) {
  if (t.data_type() != ::onnx::TensorProto::FLOAT || t.dims_size() > 3 ||
      t.data_location() == ::onnx::TensorProto::EXTERNAL) {
    return std::nullopt;
  }
  for (const auto d : t.dims()) {
    if (d != 1) return std::nullopt;
  }
  if (t.float_data_size() == 1) return t.float_data(0);
  if (t.raw_data().size() == sizeof(float)) {
    float value = 0;
    std::memcpy(&value, t.raw_data().data(), sizeof value);  // ONNX stores raw data little-endian
    return value;
  }
  return std::nullopt;
}

// Float scalars the graph holds as initializers or Constant nodes, by name; not an initializer
// that is also a graph input (before IR 4 a caller may feed another value for it).
std::map<std::string, float> float_scalars(const ::onnx::GraphProto& graph) {
  std::set<std::string> inputs;
  for (const auto& input : graph.input()) inputs.insert(input.name());
  std::map<std::string, float> scalars;
  for (const auto& t : graph.initializer()) {
    if (inputs.count(t.name())) continue;
    if (auto v = single_float(t)) scalars[t.name()] = *v;
  }
  for (const auto& node : graph.node()) {
    if (!default_domain(node) || node.op_type() != "Constant" || node.output_size() != 1) continue;
    for (const auto& a : node.attribute()) {
      std::optional<float> v;
      if (a.name() == "value" && a.has_t()) v = single_float(a.t());
      if (a.name() == "value_float" && a.type() == ::onnx::AttributeProto::FLOAT) v = a.f();
      if (v) scalars[node.output(0)] = *v;
    }
  }
  return scalars;
}

// How often each name is read: by top-level nodes, as a graph output, inside a subgraph.
std::map<std::string, int> reads(const ::onnx::GraphProto& graph) {
  std::map<std::string, int> count;
  for (const auto& node : graph.node()) {
    for (const auto& input : node.input()) ++count[input];
  }
  for (const auto& output : graph.output()) ++count[output.name()];
  std::set<std::string> in_subgraphs;
  subgraph_reads(graph, in_subgraphs);
  for (const auto& name : in_subgraphs) ++count[name];
  return count;
}

// Builds the rewritten node list. A tensor a rewritten node writes has a 4-D form ("wide");
// each also gets a Squeeze back to its own name, which finish() drops where nothing reads it.
class Rewriter {
 public:
  Rewriter(::onnx::GraphProto& graph, std::int64_t opset)
      : graph_(graph), opset_(opset), weights_(rewritable_weights(graph)), scalars_(float_scalars(graph)),
        reads_(reads(graph)) {}

  std::size_t run() {
    if (weights_.empty()) return 0;
    for (auto& t : *graph_.mutable_initializer()) {
      if (!weights_.count(t.name())) continue;
      // [out, in, k] -> [out, in, 1, k]: the same values in the same order.
      const std::vector<std::int64_t> dims(t.dims().begin(), t.dims().end());
      t.clear_dims();
      for (const auto d : {dims[0], dims[1], std::int64_t{1}, dims[2]}) t.add_dims(d);
      weight_shapes_[t.name()] = WeightShape{dims[0], dims[1], stored_values(t)};
    }
    for (auto& node : *graph_.mutable_node()) {
      if (is_convolution(node) && weights_.count(node.input(1))) {
        convolution(node);
      } else if (is_unary_elementwise(node) && wide_.count(node.input(0))) {
        unary(node);
      } else if (is_binary_elementwise(node) && binary_operands(node)) {
        binary(node);
      } else {
        nodes_.Add()->Swap(&node);
      }
    }
    finish();
    return convolutions_;
  }

 private:
  struct Wide {
    std::string name;
    std::int64_t channels = 0;  // 0: not known
    bool from_convolution = false;
  };

  void convolution(::onnx::NodeProto& node) {
    const std::string input = node.input(0);
    auto view = wide_.find(input);
    if (view == wide_.end()) {
      view = wide_.emplace(input, Wide{kConv2dPrefix + input}).first;
      *nodes_.Add() = reshape_node("Unsqueeze", input, view->second.name, opset_);
    }
    const std::string output = node.output(0);
    const bool transposed = node.op_type() == "ConvTranspose";
    const std::int64_t channels = output_channels(weight_shapes_.at(node.input(1)), node);
    node.set_input(0, view->second.name);
    node.set_output(0, kConv2dPrefix + output);
    add_height(node);
    const std::string written = node.output(0);
    nodes_.Add()->Swap(&node);
    *nodes_.Add() = reshape_node("Squeeze", written, output, opset_);
    wide_[output] = Wide{written, channels, !transposed};
    ++convolutions_;
    // ONNX Runtime keeps a tensor in its blocked layout only from node to node of its blocked
    // kinds (convolutions, Add, Relu, ...); a transposed convolution is not one of them. Where
    // its output feeds several nodes (HiFi-GAN's residual blocks: their activation and their
    // sums), one depthwise identity convolution puts it into the blocked layout once, instead
    // of every convolution's output being converted back for the sums.
    if (transposed && channels > 0 && reads_[output] >= 2) {
      wide_[output] = Wide{depthwise(written, kConv2dPrefix + output + "/blocked", channels, 1.0f), channels, true};
    }
  }

  void unary(::onnx::NodeProto& node) {
    const Wide input = wide_.at(node.input(0));
    std::string source = input.name;
    // A LeakyRelu after a convolution read only by it runs inside that convolution; anywhere
    // else ONNX Runtime has no blocked-layout LeakyRelu and converts its input back and forth.
    // A depthwise identity convolution in front makes it the fusable kind.
    if (node.op_type() == "LeakyRelu" && input.channels > 0 &&
        !(input.from_convolution && reads_[node.input(0)] == 1)) {
      source = depthwise(source, kConv2dPrefix + node.output(0) + "/fusable", input.channels, 1.0f);
    }
    node.set_input(0, source);
    emit(node, input.channels);
  }

  // Both operands wide, or one wide and the other a float scalar.
  bool binary_operands(const ::onnx::NodeProto& node) const {
    int wide = 0;
    for (const auto& input : node.input()) {
      if (wide_.count(input)) {
        ++wide;
      } else if (!scalars_.count(input)) {
        return false;
      }
    }
    return wide > 0;
  }

  void binary(::onnx::NodeProto& node) {
    const auto a = wide_.find(node.input(0));
    const auto b = wide_.find(node.input(1));
    std::int64_t channels = 0;
    if (a != wide_.end() && b != wide_.end()) {
      if (a->second.channels == b->second.channels) channels = a->second.channels;
    } else {
      channels = (a != wide_.end() ? a->second : b->second).channels;
    }
    // A wide tensor times or over a scalar: a depthwise convolution, which stays in the blocked
    // layout (ONNX Runtime's blocked Mul needs two blocked operands, and it has no blocked Div).
    const bool scaled = channels > 0 && (a == wide_.end()) != (b == wide_.end()) &&
                        (node.op_type() == "Mul" || (node.op_type() == "Div" && a != wide_.end()));
    if (scaled) {
      const float k = scalars_.at(a == wide_.end() ? node.input(0) : node.input(1));
      // x / k as x * (1 / k) only where 1 / k is a finite float (not for k = 0 or a denormal).
      if (node.op_type() == "Mul" || std::isfinite(1.0f / k)) {
        const std::string output = node.output(0);
        const Wide& x = a != wide_.end() ? a->second : b->second;
        const std::string written =
            depthwise(x.name, kConv2dPrefix + output, channels, node.op_type() == "Mul" ? k : 1.0f / k);
        *nodes_.Add() = reshape_node("Squeeze", written, output, opset_);
        wide_[output] = Wide{written, channels, true};
        return;
      }
    }
    for (int i = 0; i < 2; ++i) {
      const auto w = wide_.find(node.input(i));
      if (w != wide_.end()) node.set_input(i, w->second.name);
    }
    emit(node, channels);
  }

  // Emits `node` writing the wide form of its output, and the Squeeze back.
  void emit(::onnx::NodeProto& node, std::int64_t channels) {
    const std::string output = node.output(0);
    node.set_output(0, kConv2dPrefix + output);
    const std::string written = node.output(0);
    nodes_.Add()->Swap(&node);
    *nodes_.Add() = reshape_node("Squeeze", written, output, opset_);
    wide_[output] = Wide{written, channels, false};
  }

  // A 1x1 convolution with one group per channel, multiplying each by `scale`; returns `output`.
  std::string depthwise(const std::string& input, const std::string& output, std::int64_t channels, float scale) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &scale, sizeof bits);  // named by its bits: two scales never share a name
    auto [weight, added] = depthwise_weights_.try_emplace(
        {channels, bits}, kConv2dPrefix + "depthwise/" + std::to_string(channels) + "/" + std::to_string(bits));
    if (added) {
      auto& t = *graph_.add_initializer();
      t.set_name(weight->second);
      t.set_data_type(::onnx::TensorProto::FLOAT);
      for (const auto d : {channels, std::int64_t{1}, std::int64_t{1}, std::int64_t{1}}) t.add_dims(d);
      for (std::int64_t c = 0; c < channels; ++c) t.add_float_data(scale);
    }
    ::onnx::NodeProto& node = *nodes_.Add();
    node.set_op_type("Conv");
    node.set_name(output + "/depthwise");  // not `output`: its Squeeze is named so
    node.add_input(input);
    node.add_input(weight->second);
    node.add_output(output);
    auto& g = *node.add_attribute();
    g.set_name("group");
    g.set_type(::onnx::AttributeProto::INT);
    g.set_i(channels);
    auto& k = *node.add_attribute();
    k.set_name("kernel_shape");
    k.set_type(::onnx::AttributeProto::INTS);
    k.add_ints(1);
    k.add_ints(1);
    return output;
  }

  struct WeightShape {
    std::int64_t dim0 = 0;    // output channels (Conv) or input channels (ConvTranspose)
    std::int64_t dim1 = 0;    // input channels per group (Conv) or output channels per group
    std::int64_t values = 0;  // float values the initializer stores; 0 when not known
  };

  static std::int64_t stored_values(const ::onnx::TensorProto& t) {
    if (t.data_type() != ::onnx::TensorProto::FLOAT) return 0;
    if (t.float_data_size() > 0) return t.float_data_size();
    return static_cast<std::int64_t>(t.raw_data().size() / sizeof(float));
  }

  // A convolution's output channels, or 0 (not known) where the weight's stored values do not
  // bear them out: a corrupt graph's dimensions or group may claim any number, and a depthwise
  // convolution's weight is made one value per channel before ONNX Runtime sees the graph. Every
  // valid graph passes (a ConvTranspose's group divides its input channels).
  static std::int64_t output_channels(const WeightShape& w, const ::onnx::NodeProto& node) {
    const std::int64_t g = group(node);
    if (w.dim0 <= 0 || w.dim1 <= 0 || w.dim0 > w.values || w.dim1 > w.values || g > w.dim0) return 0;
    const std::int64_t channels = node.op_type() == "ConvTranspose" ? w.dim1 * g : w.dim0;
    return channels <= w.values ? channels : 0;
  }

  static std::int64_t group(const ::onnx::NodeProto& node) {
    for (const auto& a : node.attribute()) {
      if (a.name() == "group" && a.type() == ::onnx::AttributeProto::INT && a.i() > 0) return a.i();
    }
    return 1;
  }

  // Drops the Squeezes nothing reads, and the scalars only replaced divisions and products read
  // (ONNX Runtime warns of unused ones at every load); adds the axes the rest read.
  void finish() {
    std::set<std::string> read;
    for (const auto& node : nodes_) read.insert(node.input().begin(), node.input().end());
    for (const auto& output : graph_.output()) read.insert(output.name());
    subgraph_reads(graph_, read);
    auto orphaned = [&](const std::string& name) {
      return scalars_.count(name) && reads_[name] > 0 && !read.count(name);
    };
    google::protobuf::RepeatedPtrField<::onnx::NodeProto> kept;
    bool axes = false;
    for (auto& node : nodes_) {
      const bool ours = node.name().rfind(kConv2dPrefix, 0) == 0;
      if (ours && node.op_type() == "Squeeze" && !read.count(node.output(0))) continue;
      if (default_domain(node) && node.op_type() == "Constant" && node.output_size() == 1 &&
          orphaned(node.output(0))) {
        continue;
      }
      if (ours && (node.op_type() == "Squeeze" || node.op_type() == "Unsqueeze")) axes = true;
      kept.Add()->Swap(&node);
    }
    graph_.mutable_node()->Swap(&kept);
    auto& initializers = *graph_.mutable_initializer();
    for (int i = initializers.size() - 1; i >= 0; --i) {
      if (orphaned(initializers.Get(i).name())) initializers.DeleteSubrange(i, 1);
    }
    if (axes && opset_ >= 13) {
      auto& t = *graph_.add_initializer();
      t.set_name(kConv2dAxes);
      t.set_data_type(::onnx::TensorProto::INT64);
      t.add_dims(1);
      t.add_int64_data(2);
    }
  }

  ::onnx::GraphProto& graph_;
  const std::int64_t opset_;
  const std::set<std::string> weights_;
  const std::map<std::string, float> scalars_;
  std::map<std::string, int> reads_;
  std::map<std::string, WeightShape> weight_shapes_;
  std::map<std::string, Wide> wide_;
  std::map<std::pair<std::int64_t, std::uint32_t>, std::string> depthwise_weights_;
  google::protobuf::RepeatedPtrField<::onnx::NodeProto> nodes_;
  std::size_t convolutions_ = 0;
};

}  // namespace

std::size_t convolutions_as_2d(::onnx::ModelProto& model) {
  return Rewriter(*model.mutable_graph(), default_opset(model)).run();
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
