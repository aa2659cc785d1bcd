#include "engines/onnx/seeded_noise.h"

#include <onnx/onnx_pb.h>

#include <array>
#include <fstream>
#include <initializer_list>
#include <random>
#include <set>

#include "engines/onnx/model_opset.h"
#include "engines/onnx/onnx_session.h"

namespace chorus::onnx {
namespace {

// The generator works on residues modulo this prime: a product of two residues stays under
// 2^62, inside int64, and a residue converts to float without overflow.
constexpr std::int64_t kModulus = 2147483647;  // 2^31 - 1
// Spreads neighbouring counters across the residues before the squaring rounds (the multiplier
// of the MINSTD generator, a primitive root of kModulus).
constexpr std::int64_t kSpread = 48271;
// x -> x^2 + c (mod p), three times: each round is non-linear, so values of neighbouring
// counters are unrelated after the last one. The constants are arbitrary odd residues.
constexpr std::array<std::int64_t, 3> kRoundConstants{1013904223, 1664525, 69069};
constexpr float kTwoPi = 6.28318530717958647692f;

const std::set<std::string> kReplaced{"RandomNormalLike", "RandomUniformLike"};
const std::set<std::string> kUnsupported{"RandomNormal", "RandomUniform", "Multinomial", "Bernoulli"};

// Random nodes in the graph and in every subgraph (If/Loop/Scan bodies) below it.
std::size_t random_nodes(const ::onnx::GraphProto& graph) {
  std::size_t count = 0;
  for (const auto& node : graph.node()) {
    if (kReplaced.count(node.op_type()) || kUnsupported.count(node.op_type())) ++count;
    for (const auto& attribute : node.attribute()) {
      if (attribute.has_g()) count += random_nodes(attribute.g());
      for (const auto& g : attribute.graphs()) count += random_nodes(g);
    }
  }
  return count;
}

const ::onnx::AttributeProto* attribute(const ::onnx::NodeProto& node, const std::string& name) {
  for (const auto& a : node.attribute()) {
    if (a.name() == name) return &a;
  }
  return nullptr;
}

float float_attribute(const ::onnx::NodeProto& node, const std::string& name, float fallback) {
  const auto* a = attribute(node, name);
  return a ? a->f() : fallback;
}

// Appends the replacement nodes to a new node list; constants become initializers.
class Builder {
 public:
  Builder(::onnx::GraphProto& graph, std::string prefix) : graph_(graph), prefix_(std::move(prefix)) {}

  ::onnx::NodeProto& node(const std::string& type, std::initializer_list<std::string> inputs,
                          const std::string& output = {}) {
    ::onnx::NodeProto& n = *nodes.Add();
    n.set_op_type(type);
    n.set_name(prefix_ + type + "_" + std::to_string(count_));
    for (const auto& input : inputs) n.add_input(input);
    n.add_output(output.empty() ? prefix_ + "t" + std::to_string(count_) : output);
    ++count_;
    return n;
  }
  std::string op(const std::string& type, std::initializer_list<std::string> inputs) {
    return node(type, inputs).output(0);
  }
  std::string cast(const std::string& input, int to, const std::string& output = {}) {
    ::onnx::NodeProto& n = node("Cast", {input}, output);
    ::onnx::AttributeProto& a = *n.add_attribute();
    a.set_name("to");
    a.set_type(::onnx::AttributeProto::INT);
    a.set_i(to);
    return n.output(0);
  }
  // Scalar initializers, added on first use (a name stands for one value).
  std::string int_constant(const std::string& name, std::int64_t value) {
    return constant(name, ::onnx::TensorProto::INT64, [&](::onnx::TensorProto& t) { t.add_int64_data(value); });
  }
  std::string float_constant(const std::string& name, float value) {
    return constant(name, ::onnx::TensorProto::FLOAT, [&](::onnx::TensorProto& t) { t.add_float_data(value); });
  }

  google::protobuf::RepeatedPtrField<::onnx::NodeProto> nodes;

 private:
  ::onnx::GraphProto& graph_;
  std::string prefix_;
  std::size_t count_ = 0;
  std::set<std::string> constants_;

  template <typename Fill>
  std::string constant(const std::string& name, int type, Fill fill) {
    const std::string full = prefix_ + name;
    if (constants_.insert(full).second) {
      ::onnx::TensorProto& t = *graph_.add_initializer();
      t.set_name(full);
      t.set_data_type(type);
      fill(t);
    }
    return full;
  }
};

// A counter tensor to uniform values in (0, 1].
std::string uniform(Builder& b, std::string x) {
  const std::string modulus = b.int_constant("modulus", kModulus);
  x = b.op("Mod", {b.op("Mul", {b.op("Mod", {x, modulus}), b.int_constant("spread", kSpread)}), modulus});
  for (std::size_t r = 0; r < kRoundConstants.size(); ++r) {
    const std::string round = b.int_constant("round" + std::to_string(r), kRoundConstants[r]);
    x = b.op("Mod", {b.op("Add", {b.op("Mul", {x, x}), round}), modulus});
  }
  const std::string as_float = b.cast(x, ::onnx::TensorProto::FLOAT);
  return b.op("Div", {b.op("Add", {as_float, b.float_constant("half", 0.5f)}),
                      b.float_constant("modulus_f", static_cast<float>(kModulus))});
}

// The nodes that stand for one random node: element i of its output is a function of i, the
// node's offset (element `index` of the seed input) and the node's own parameters.
void replace(Builder& b, const ::onnx::NodeProto& random, std::size_t index, std::int64_t opset,
             const std::string& path) {
  const std::string& like = random.input(0);
  const std::string suffix = std::to_string(index);
  const std::string offset =
      b.op("Gather", {kNoiseSeedInput, b.int_constant("index" + suffix, static_cast<std::int64_t>(index))});
  const std::string count = b.op("Size", {like});
  const std::string one = b.int_constant("one", 1);
  const std::string position = b.op("Range", {b.int_constant("zero", 0), count, one});
  const std::string first = b.op("Add", {b.op("Mul", {position, b.int_constant("two", 2)}), offset});
  const std::string u1 = uniform(b, first);
  std::string value;
  if (random.op_type() == "RandomNormalLike") {
    const std::string u2 = uniform(b, b.op("Add", {first, one}));
    // Box-Muller: sqrt(-2 ln u1) cos(2 pi u2) is a standard normal value.
    const std::string radius = b.op("Sqrt", {b.op("Mul", {b.op("Log", {u1}), b.float_constant("minus_two", -2.0f)})});
    const std::string angle = b.op("Mul", {u2, b.float_constant("two_pi", kTwoPi)});
    const std::string z = b.op("Mul", {radius, b.op("Cos", {angle})});
    const std::string scale = b.float_constant("scale" + suffix, float_attribute(random, "scale", 1.0f));
    const std::string mean = b.float_constant("mean" + suffix, float_attribute(random, "mean", 0.0f));
    value = b.op("Add", {b.op("Mul", {z, scale}), mean});
  } else {
    const float low = float_attribute(random, "low", 0.0f);
    const float high = float_attribute(random, "high", 1.0f);
    const std::string width = b.float_constant("width" + suffix, high - low);
    value = b.op("Add", {b.op("Mul", {u1, width}), b.float_constant("low" + suffix, low)});
  }
  const std::string& output = random.output(0);
  const ::onnx::AttributeProto* dtype = attribute(random, "dtype");
  if (dtype && dtype->i() == ::onnx::TensorProto::FLOAT) {
    b.node("Reshape", {value, b.op("Shape", {like})}, output);
  } else if (dtype && (dtype->i() == ::onnx::TensorProto::DOUBLE || dtype->i() == ::onnx::TensorProto::FLOAT16)) {
    b.cast(b.op("Reshape", {value, b.op("Shape", {like})}), static_cast<int>(dtype->i()), output);
  } else if (!dtype && opset >= 15) {
    b.node("CastLike", {b.op("Reshape", {value, b.op("Shape", {like})}), like}, output);
  } else {
    throw LoadError(path + ": node '" + random.name() + "' (" + random.op_type() +
                    ") draws noise of a type the seeded generator does not make");
  }
}

}  // namespace

SeededGraph seed_random_nodes(const std::string& path) {
  ::onnx::ModelProto model;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw LoadError(path + ": cannot read the model");
    if (!model.ParseFromIstream(&in)) throw LoadError(path + ": not an ONNX model (protobuf parse failed)");
  }
  ::onnx::GraphProto& graph = *model.mutable_graph();
  SeededGraph out;
  const std::size_t total = random_nodes(graph);
  if (total == 0) {
    model.SerializeToString(&out.model);
    return out;
  }
  const std::int64_t opset = default_opset(model);
  if (opset < 11) {
    throw LoadError(path + ": a fixed noise seed needs opset 11 or later (the graph has " + std::to_string(opset) + ")");
  }
  std::size_t top_level = 0;
  for (const auto& node : graph.node()) {
    if (kUnsupported.count(node.op_type())) {
      throw LoadError(path + ": node '" + node.name() + "' (" + node.op_type() +
                      ") draws noise a fixed seed cannot reproduce");
    }
    if (kReplaced.count(node.op_type())) ++top_level;
  }
  if (top_level != total) throw LoadError(path + ": the graph draws noise inside a subgraph; a fixed seed cannot reproduce it");

  Builder b(graph, "chorus_noise/");
  for (const auto& node : graph.node()) {
    if (kReplaced.count(node.op_type())) {
      replace(b, node, out.generators++, opset, path);
    } else {
      *b.nodes.Add() = node;
    }
  }
  graph.mutable_node()->Swap(&b.nodes);
  ::onnx::ValueInfoProto& input = *graph.add_input();
  input.set_name(kNoiseSeedInput);
  auto& tensor = *input.mutable_type()->mutable_tensor_type();
  tensor.set_elem_type(::onnx::TensorProto::INT64);
  tensor.mutable_shape()->add_dim()->set_dim_value(static_cast<std::int64_t>(out.generators));
  if (!model.SerializeToString(&out.model)) throw LoadError(path + ": the rewritten graph cannot be serialized");
  return out;
}

std::vector<std::int64_t> noise_seed_values(std::uint64_t seed, std::size_t generators) {
  // mt19937_64's output is fixed by the C++ standard: the same seed gives the same offsets with
  // any standard library.
  std::mt19937_64 engine(seed);
  std::vector<std::int64_t> values(generators);
  for (auto& v : values) v = static_cast<std::int64_t>(engine() % static_cast<std::uint64_t>(kModulus));
  return values;
}

}  // namespace chorus::onnx
