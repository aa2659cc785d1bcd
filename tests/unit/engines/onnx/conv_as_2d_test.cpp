// 1-D convolutions rewritten as 2-D ones of height 1 compute what they computed: strides,
// dilations, pads, groups, transposed convolutions with output padding, a convolution that is the
// graph's output, an input read by two convolutions; weights that something else reads too stay
// as they are; bytes that are not a model come back as they were. The elementwise nodes between
// them stay 4-D, with depthwise convolutions where ONNX Runtime's blocked layout needs them.
#include "engines/onnx/conv_as_2d.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "engines/onnx/onnx_session.h"

namespace chorus::onnx::conv_as_2d_test {
namespace {

constexpr std::int64_t kChannels = 4;
constexpr std::int64_t kLength = 37;

void declare(::onnx::ValueInfoProto& info, const std::string& name) {
  info.set_name(name);
  auto& t = *info.mutable_type()->mutable_tensor_type();
  t.set_elem_type(::onnx::TensorProto::FLOAT);
  for (int i = 0; i < 3; ++i) t.mutable_shape()->add_dim()->set_dim_param("d" + std::to_string(i));
}

void weight(::onnx::GraphProto& graph, const std::string& name, std::vector<std::int64_t> dims, std::mt19937& rng) {
  auto& t = *graph.add_initializer();
  t.set_name(name);
  t.set_data_type(::onnx::TensorProto::FLOAT);
  std::int64_t count = 1;
  for (const auto d : dims) {
    t.add_dims(d);
    count *= d;
  }
  std::normal_distribution<float> normal(0.0f, 0.5f);
  for (std::int64_t i = 0; i < count; ++i) t.add_float_data(normal(rng));
}

::onnx::NodeProto& node(::onnx::GraphProto& graph, const std::string& op, std::vector<std::string> inputs,
                        const std::string& output) {
  auto& n = *graph.add_node();
  n.set_op_type(op);
  n.set_name(output + "_node");
  for (const auto& i : inputs) n.add_input(i);
  n.add_output(output);
  return n;
}

void ints(::onnx::NodeProto& node, const std::string& name, std::vector<std::int64_t> values) {
  auto& a = *node.add_attribute();
  a.set_name(name);
  a.set_type(::onnx::AttributeProto::INTS);
  for (const auto v : values) a.add_ints(v);
}

std::string serialized(const ::onnx::ModelProto& m) {
  std::string bytes;
  m.SerializeToString(&bytes);
  return bytes;
}

// `channels` rows of a sine, [1, channels, kLength] flattened.
std::vector<float> wave(std::int64_t channels, float step) {
  std::vector<float> x(static_cast<std::size_t>(channels * kLength));
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(step * static_cast<float>(i));
  return x;
}

// x [1, 4, L] ->
//   a = Conv(x, wa, ba; k 3, stride 2, pads 1 1)            (x read by two convolutions)
//   b = LeakyRelu(Conv(x, wb; k 5, dilation 2, pads 4 4, group 2))
//   c = ConvTranspose(a, wc, bc; k 4, stride 2, pads 1 1, output_padding 1)
//   shared = Conv(b, ws) + ws-derived value   (ws also read by ReduceSum: left 1-D)
//   out_a = a (a convolution as the graph's output), out_c = c, out_s = shared
std::string model(std::int64_t opset) {
  std::mt19937 rng(7);
  ::onnx::ModelProto m;
  m.set_ir_version(8);
  m.add_opset_import()->set_version(opset);
  auto& g = *m.mutable_graph();
  g.set_name("convs");
  declare(*g.add_input(), "x");
  weight(g, "wa", {6, kChannels, 3}, rng);
  weight(g, "ba", {6}, rng);
  weight(g, "wb", {4, kChannels / 2, 5}, rng);
  weight(g, "wc", {6, 3, 4}, rng);
  weight(g, "bc", {3}, rng);
  weight(g, "ws", {2, 4, 1}, rng);
  auto& a = node(g, "Conv", {"x", "wa", "ba"}, "out_a");
  ints(a, "kernel_shape", {3});
  ints(a, "strides", {2});
  ints(a, "pads", {1, 1});
  auto& b = node(g, "Conv", {"x", "wb"}, "b_conv");
  ints(b, "dilations", {2});
  ints(b, "pads", {4, 4});
  auto& group = *b.add_attribute();
  group.set_name("group");
  group.set_type(::onnx::AttributeProto::INT);
  group.set_i(2);
  auto& relu = node(g, "LeakyRelu", {"b_conv"}, "b");
  auto& alpha = *relu.add_attribute();
  alpha.set_name("alpha");
  alpha.set_type(::onnx::AttributeProto::FLOAT);
  alpha.set_f(0.1f);
  auto& c = node(g, "ConvTranspose", {"out_a", "wc", "bc"}, "out_c");
  ints(c, "strides", {2});
  ints(c, "pads", {1, 1});
  ints(c, "output_padding", {1});
  node(g, "Conv", {"b", "ws"}, "s_conv");
  auto& sum = node(g, "ReduceSum", {"ws"}, "ws_sum");
  auto& keep = *sum.add_attribute();
  keep.set_name("keepdims");
  keep.set_type(::onnx::AttributeProto::INT);
  keep.set_i(0);
  node(g, "Add", {"s_conv", "ws_sum"}, "out_s");
  for (const char* name : {"out_a", "out_c", "out_s"}) declare(*g.add_output(), name);
  return serialized(m);
}

std::vector<OutputTensor> run(const std::string& graph) {
  Session session("convs", graph, SessionOptions{});
  const std::vector<float> x = wave(kChannels, 0.37f);
  return session.run({{"x", std::span<const float>(x), {1, kChannels, kLength}}}, {"out_a", "out_c", "out_s"});
}

// The same outputs, shape for shape and value for value within `tolerance`.
void expect_near(const std::vector<OutputTensor>& actual, const std::vector<OutputTensor>& expected,
                 float tolerance) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(actual[i].shape, expected[i].shape) << "output " << i;
    ASSERT_EQ(actual[i].floats.size(), expected[i].floats.size()) << "output " << i;
    ASSERT_FALSE(expected[i].floats.empty());
    for (std::size_t j = 0; j < expected[i].floats.size(); ++j) {
      EXPECT_NEAR(actual[i].floats[j], expected[i].floats[j], tolerance) << "output " << i << " value " << j;
    }
  }
}

void expect_same_outputs(std::int64_t opset) {
  const std::string original = model(opset);
  const Conv2dRewrite rewritten = convolutions_as_2d(original, "convs");
  EXPECT_EQ(rewritten.nodes, 3u);  // a, b, c; not the one whose weight ReduceSum reads
  ASSERT_NE(rewritten.model, original);
  const auto expected = run(original);
  expect_near(run(rewritten.model), expected, 1e-5f);
  EXPECT_EQ(expected[0].shape, (std::vector<std::int64_t>{1, 6, 19}));
  EXPECT_EQ(expected[1].shape, (std::vector<std::int64_t>{1, 3, 39}));
  EXPECT_EQ(expected[2].shape, (std::vector<std::int64_t>{1, 2, kLength}));
}

TEST(ConvAs2d, RewrittenConvolutionsComputeWhatTheyDid) { expect_same_outputs(15); }

TEST(ConvAs2d, OlderOpsetsTakeTheAxesAsAnAttribute) { expect_same_outputs(11); }

// A stage of HiFi-GAN's decoder (VITS, Piper): an upsampling ConvTranspose whose output feeds a
// residual block's activation and sums, LeakyRelu in front of each convolution, the blocks'
// sum over a constant, and a tensor the 3-D part of the graph reads on.
//   t = ConvTranspose(x)                 l0 = LeakyRelu(t)     r1 = Conv(l0) + t
//   r2 = Conv(LeakyRelu(r1)) + r1        s = r2 + r1           d = s / 2 (a Constant node)
//   m = LeakyRelu(d) * mask (3-D)        y = Conv(m)           outputs: y and s
constexpr std::int64_t kStageChannels = 16;  // a multiple of ONNX Runtime's channel block

std::string decoder_stage(std::int64_t opset) {
  std::mt19937 rng(11);
  ::onnx::ModelProto m;
  m.set_ir_version(8);
  m.add_opset_import()->set_version(opset);
  auto& g = *m.mutable_graph();
  g.set_name("stage");
  declare(*g.add_input(), "x");
  declare(*g.add_input(), "mask");
  weight(g, "wt", {kStageChannels, kStageChannels, 4}, rng);
  weight(g, "w0", {kStageChannels, kStageChannels, 3}, rng);
  weight(g, "w1", {kStageChannels, kStageChannels, 3}, rng);
  weight(g, "wy", {1, kStageChannels, 3}, rng);
  auto leaky = [&](const std::string& in, const std::string& out) {
    auto& n = node(g, "LeakyRelu", {in}, out);
    auto& alpha = *n.add_attribute();
    alpha.set_name("alpha");
    alpha.set_type(::onnx::AttributeProto::FLOAT);
    alpha.set_f(0.1f);
  };
  auto& t = node(g, "ConvTranspose", {"x", "wt"}, "t");
  ints(t, "strides", {2});
  ints(t, "pads", {1, 1});
  leaky("t", "l0");
  ints(node(g, "Conv", {"l0", "w0"}, "c0"), "pads", {1, 1});
  node(g, "Add", {"c0", "t"}, "r1");
  leaky("r1", "l1");
  auto& c1 = node(g, "Conv", {"l1", "w1"}, "c1");
  ints(c1, "pads", {2, 2});
  ints(c1, "dilations", {2});
  node(g, "Add", {"c1", "r1"}, "r2");
  node(g, "Add", {"r2", "r1"}, "s");
  auto& two = node(g, "Constant", {}, "two");
  auto& value = *two.add_attribute();
  value.set_name("value");
  value.set_type(::onnx::AttributeProto::TENSOR);
  value.mutable_t()->set_data_type(::onnx::TensorProto::FLOAT);
  value.mutable_t()->add_float_data(2.0f);
  node(g, "Div", {"s", "two"}, "d");
  leaky("d", "l2");
  node(g, "Mul", {"l2", "mask"}, "m");
  ints(node(g, "Conv", {"m", "wy"}, "y"), "pads", {1, 1});
  for (const char* name : {"y", "s"}) declare(*g.add_output(), name);
  return serialized(m);
}

std::vector<OutputTensor> run_stage(const std::string& graph) {
  Session session("stage", graph, SessionOptions{});
  const std::vector<float> x = wave(kStageChannels, 0.23f);
  std::vector<float> mask(static_cast<std::size_t>(2 * kLength), 1.0f);
  mask.back() = 0.0f;
  return session.run({{"x", std::span<const float>(x), {1, kStageChannels, kLength}},
                      {"mask", std::span<const float>(mask), {1, 1, 2 * kLength}}},
                     {"y", "s"});
}

void expect_same_stage(std::int64_t opset) {
  const std::string original = decoder_stage(opset);
  const Conv2dRewrite rewritten = convolutions_as_2d(original, "stage");
  EXPECT_EQ(rewritten.nodes, 4u);
  const auto expected = run_stage(original);
  ASSERT_EQ(expected.size(), 2u);
  EXPECT_EQ(expected[0].shape, (std::vector<std::int64_t>{1, 1, 2 * kLength}));
  EXPECT_EQ(expected[1].shape, (std::vector<std::int64_t>{1, kStageChannels, 2 * kLength}));
  expect_near(run_stage(rewritten.model), expected, 1e-4f);

  ::onnx::ModelProto m;
  ASSERT_TRUE(m.ParseFromString(rewritten.model));
  int depthwise = 0, squeezes = 0, unsqueezes = 0;
  std::vector<std::string> squeezed;
  for (const auto& n : m.graph().node()) {
    if (n.op_type() == "Conv" && n.name().find("/depthwise") != std::string::npos) ++depthwise;
    if (n.op_type() == "Squeeze") {
      ++squeezes;
      squeezed.push_back(n.output(0));
    }
    if (n.op_type() == "Unsqueeze") ++unsqueezes;
    if (n.op_type() == "Div") ADD_FAILURE() << "the division by a constant is left as a Div";
    if (n.op_type() == "Constant") ADD_FAILURE() << "the divisor, read by nothing now, is left";
  }
  // One after the ConvTranspose (read by l0 and r1), one in front of each LeakyRelu that no
  // single-use convolution feeds (l0, l1), one for the division; l2 follows the division's
  // convolution and fuses with it.
  EXPECT_EQ(depthwise, 4);
  // Back to 3-D only where the 3-D graph reads: l2 (Mul with the mask), s and y (outputs).
  EXPECT_EQ(squeezes, 3);
  EXPECT_EQ(squeezed, (std::vector<std::string>{"s", "l2", "y"}));
  EXPECT_EQ(unsqueezes, 2);  // x and m, read by convolutions
}

TEST(ConvAs2d, ElementwiseNodesBetweenConvolutionsStayFourDimensional) { expect_same_stage(15); }

TEST(ConvAs2d, ElementwiseNodesStayFourDimensionalWithOlderOpsets) { expect_same_stage(11); }

// x / k becomes x * (1 / k) only where 1 / k is a float: a division by zero or by a denormal
// stays a division (0 * inf would be NaN where 0 / k is 0).
TEST(ConvAs2d, ADivisionWhoseReciprocalOverflowsStaysADivision) {
  std::mt19937 rng(5);
  for (const float divisor : {0.0f, 1e-40f}) {
    ::onnx::ModelProto m;
    m.set_ir_version(8);
    m.add_opset_import()->set_version(15);
    auto& g = *m.mutable_graph();
    declare(*g.add_input(), "x");
    weight(g, "w", {kStageChannels, kChannels, 1}, rng);
    auto& k = *g.add_initializer();
    k.set_name("k");
    k.set_data_type(::onnx::TensorProto::FLOAT);
    k.add_float_data(divisor);
    node(g, "Conv", {"x", "w"}, "c");
    node(g, "Div", {"c", "k"}, "y");
    declare(*g.add_output(), "y");
    const std::string bytes = serialized(m);
    const Conv2dRewrite rewritten = convolutions_as_2d(bytes, "division");
    EXPECT_EQ(rewritten.nodes, 1u);
    ::onnx::ModelProto out;
    ASSERT_TRUE(out.ParseFromString(rewritten.model));
    int divisions = 0;
    for (const auto& n : out.graph().node()) divisions += n.op_type() == "Div";
    EXPECT_EQ(divisions, 1) << "divisor " << divisor;
    EXPECT_NO_THROW(Session("division", rewritten.model, SessionOptions{}));
  }
}

// An initializer that is also a graph input (a default the caller may override) is not a
// constant to fold into a depthwise convolution.
TEST(ConvAs2d, AScalarTheCallerMayFeedIsNotFolded) {
  std::mt19937 rng(9);
  ::onnx::ModelProto m;
  m.set_ir_version(8);
  m.add_opset_import()->set_version(11);
  auto& g = *m.mutable_graph();
  declare(*g.add_input(), "x");
  weight(g, "w", {kStageChannels, kChannels, 1}, rng);
  auto& k = *g.add_initializer();
  k.set_name("k");
  k.set_data_type(::onnx::TensorProto::FLOAT);
  k.add_float_data(2.0f);
  auto& k_input = *g.add_input();
  k_input.set_name("k");
  k_input.mutable_type()->mutable_tensor_type()->set_elem_type(::onnx::TensorProto::FLOAT);
  k_input.mutable_type()->mutable_tensor_type()->mutable_shape();
  node(g, "Conv", {"x", "w"}, "c");
  node(g, "Mul", {"c", "k"}, "y");
  declare(*g.add_output(), "y");
  const std::string bytes = serialized(m);
  const Conv2dRewrite rewritten = convolutions_as_2d(bytes, "fed");
  EXPECT_EQ(rewritten.nodes, 1u);
  EXPECT_NO_THROW(Session("fed", rewritten.model, SessionOptions{}));
  ::onnx::ModelProto out;
  ASSERT_TRUE(out.ParseFromString(rewritten.model));
  int products = 0;
  for (const auto& n : out.graph().node()) products += n.op_type() == "Mul";
  EXPECT_EQ(products, 1);
}

// A corrupt graph whose weight claims far more channels than it stores gets no depthwise
// convolution (its weight would be made one value per claimed channel); the loader then rejects
// the graph.
TEST(ConvAs2d, ChannelsAWeightDoesNotStoreMakeNoDepthwiseConvolution) {
  ::onnx::ModelProto m;
  m.set_ir_version(8);
  m.add_opset_import()->set_version(15);
  auto& g = *m.mutable_graph();
  declare(*g.add_input(), "x");
  auto& w = *g.add_initializer();
  w.set_name("w");
  w.set_data_type(::onnx::TensorProto::FLOAT);
  for (const std::int64_t d : {std::int64_t{1} << 20, kChannels, std::int64_t{3}}) w.add_dims(d);
  for (int i = 0; i < 12; ++i) w.add_float_data(0.5f);
  auto& t = *g.add_initializer();
  t.set_name("tw");
  t.set_data_type(::onnx::TensorProto::FLOAT);
  for (const std::int64_t d : {kChannels, std::int64_t{1} << 20, std::int64_t{3}}) t.add_dims(d);
  for (int i = 0; i < 12; ++i) t.add_float_data(0.5f);
  node(g, "Conv", {"x", "w"}, "c");
  node(g, "ConvTranspose", {"x", "tw"}, "u");
  node(g, "Add", {"u", "u"}, "v");  // the transposed convolution's output read twice
  auto& two = *g.add_initializer();
  two.set_name("two");
  two.set_data_type(::onnx::TensorProto::FLOAT);
  two.add_float_data(2.0f);
  node(g, "Div", {"c", "two"}, "y");
  for (const char* name : {"y", "v"}) declare(*g.add_output(), name);
  const Conv2dRewrite rewritten = convolutions_as_2d(serialized(m), "corrupt");
  EXPECT_EQ(rewritten.nodes, 2u);
  ::onnx::ModelProto out;
  ASSERT_TRUE(out.ParseFromString(rewritten.model));
  for (const auto& n : out.graph().node()) {
    EXPECT_EQ(n.name().find("/depthwise"), std::string::npos) << n.name();
  }
  EXPECT_THROW(Session("corrupt", rewritten.model, SessionOptions{}), LoadError);
}

TEST(ConvAs2d, GraphsWithoutOneDimensionalConvolutionsAreUnchanged) {
  ::onnx::ModelProto m;
  m.set_ir_version(8);
  m.add_opset_import()->set_version(15);
  auto& g = *m.mutable_graph();
  declare(*g.add_input(), "x");
  node(g, "Neg", {"x"}, "y");
  declare(*g.add_output(), "y");
  const std::string bytes = serialized(m);
  const Conv2dRewrite rewritten = convolutions_as_2d(bytes, "neg");
  EXPECT_EQ(rewritten.nodes, 0u);
  EXPECT_EQ(rewritten.model, bytes);
}

// A corrupt graph whose convolution names no output is left to the loader to reject, not read
// past its end.
TEST(ConvAs2d, AConvolutionWithoutOutputIsLeftAlone) {
  std::mt19937 rng(3);
  ::onnx::ModelProto m;
  m.set_ir_version(8);
  m.add_opset_import()->set_version(15);
  auto& g = *m.mutable_graph();
  declare(*g.add_input(), "x");
  weight(g, "w", {2, kChannels, 3}, rng);
  auto& conv = *g.add_node();
  conv.set_op_type("Conv");
  conv.add_input("x");
  conv.add_input("w");
  declare(*g.add_output(), "y");
  const std::string bytes = serialized(m);
  const Conv2dRewrite rewritten = convolutions_as_2d(bytes, "corrupt");
  EXPECT_EQ(rewritten.nodes, 0u);
  EXPECT_EQ(rewritten.model, bytes);
  EXPECT_THROW(Session("corrupt", rewritten.model, SessionOptions{}), LoadError);
}

TEST(ConvAs2d, BytesThatAreNotAModelComeBackUnchanged) {
  const std::string garbage = "\x08\x96\x01not a model at all";
  const Conv2dRewrite rewritten = convolutions_as_2d(garbage, "garbage");
  EXPECT_EQ(rewritten.nodes, 0u);
  EXPECT_EQ(rewritten.model, garbage);
}

}  // namespace
}  // namespace chorus::onnx::conv_as_2d_test
