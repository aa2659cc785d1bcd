// Cutting a graph at the input of the node that reads a given weight: the halves compute what
// the whole graph does, the back half reads only what it needs, and graphs without that weight
// and bytes that are not a graph are left alone.
#include "engines/onnx/graph_split.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "engines/onnx/onnx_session.h"

namespace chorus::onnx {
namespace {

void declare(::onnx::ValueInfoProto& info, const std::string& name) {
  info.set_name(name);
  auto& t = *info.mutable_type()->mutable_tensor_type();
  t.set_elem_type(::onnx::TensorProto::FLOAT);
  t.mutable_shape()->add_dim()->set_dim_param("n");
}

void node(::onnx::GraphProto& graph, const std::string& op, std::vector<std::string> inputs, const std::string& output) {
  auto& n = *graph.add_node();
  n.set_op_type(op);
  n.set_name(output + "_node");
  for (const auto& i : inputs) n.add_input(i);
  n.add_output(output);
}

// x, y -> a = x * 2; b = a + w (w the weight the cut is named by); out = b * y; and, apart,
// neg = -x.
std::string graph_with_weight(const std::string& weight) {
  ::onnx::ModelProto model;
  model.set_ir_version(8);
  model.add_opset_import()->set_version(15);
  auto& graph = *model.mutable_graph();
  graph.set_name("g");
  declare(*graph.add_input(), "x");
  declare(*graph.add_input(), "y");
  for (const auto& [name, value] : {std::pair{std::string("two"), 2.0f}, std::pair{weight, 10.0f}}) {
    auto& t = *graph.add_initializer();
    t.set_name(name);
    t.set_data_type(::onnx::TensorProto::FLOAT);
    t.add_float_data(value);
  }
  node(graph, "Mul", {"x", "two"}, "a");
  node(graph, "Add", {"a", weight}, "b");
  node(graph, "Mul", {"b", "y"}, "out");
  node(graph, "Neg", {"x"}, "neg");
  declare(*graph.add_output(), "out");
  declare(*graph.add_output(), "neg");
  std::string bytes;
  model.SerializeToString(&bytes);
  return bytes;
}

TEST(GraphSplit, TheHalvesComputeWhatTheWholeDoes) {
  const auto split = split_before_weight(graph_with_weight("dec.w"), "dec.w", "test graph");
  ASSERT_TRUE(split);
  EXPECT_EQ(split->cut, "a");
  EXPECT_EQ(split->back_inputs, (std::vector<std::string>{"a", "y"}));
  EXPECT_EQ(split->back_outputs, (std::vector<std::string>{"out"}));

  Session front("front", split->front, SessionOptions{});
  Session back("back", split->back, SessionOptions{});
  ASSERT_EQ(front.inputs().size(), 1u);  // y is read by the back only
  EXPECT_EQ(front.inputs()[0].name, "x");
  const std::vector<float> x{1, 2, 3}, y{4, 5, 6};
  const auto front_out = front.run({{"x", std::span<const float>(x), {3}}}, {"a", "neg"});
  EXPECT_EQ(front_out[0].floats, (std::vector<float>{2, 4, 6}));
  EXPECT_EQ(front_out[1].floats, (std::vector<float>{-1, -2, -3}));
  const auto back_out = back.run({{"a", std::span<const float>(front_out[0].floats), {3}},
                                  {"y", std::span<const float>(y), {3}}},
                                 {"out"});
  EXPECT_EQ(back_out[0].floats, (std::vector<float>{48, 70, 96}));  // (2x + 10) * y
}

TEST(GraphSplit, EachHalfIsRewrittenBeforeItIsSerialized) {
  int calls = 0;
  const auto split = split_before_weight(graph_with_weight("dec.w"), "dec.w", "test graph",
                                         [&](::onnx::ModelProto& half) {
                                           half.mutable_graph()->set_doc_string("rewritten " + std::to_string(++calls));
                                         });
  ASSERT_TRUE(split);
  EXPECT_EQ(calls, 2);
  ::onnx::ModelProto front, back;
  ASSERT_TRUE(front.ParseFromString(split->front));
  ASSERT_TRUE(back.ParseFromString(split->back));
  EXPECT_EQ(front.graph().doc_string(), "rewritten 1");
  EXPECT_EQ(back.graph().doc_string(), "rewritten 2");
}

TEST(GraphSplit, GraphsWithoutTheWeightAreNotSplit) {
  EXPECT_FALSE(split_before_weight(graph_with_weight("other.w"), "dec.w", "test graph"));
}

TEST(GraphSplit, WhatIsNotAGraphIsLeftToTheLoader) {
  EXPECT_FALSE(split_before_weight("not a graph at all", "dec.w", "bad.onnx"));
  EXPECT_THROW(read_graph_file("/nonexistent/voice.onnx"), LoadError);
}

}  // namespace
}  // namespace chorus::onnx
