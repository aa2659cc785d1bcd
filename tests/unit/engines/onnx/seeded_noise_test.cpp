// The seeded noise rewrite on small graphs built here with the ONNX schema and run on ONNX
// Runtime: the statistics of what the generator draws, its reproducibility, and the graphs it
// refuses.
#include "engines/onnx/seeded_noise.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include "engines/onnx/onnx_session.h"

namespace chorus::onnx {
namespace {

struct RandomNode {
  std::string op = "RandomNormalLike";
  std::vector<std::pair<std::string, float>> floats;  // mean/scale or low/high
  bool float_dtype = true;
};

void add_tensor(::onnx::ValueInfoProto& info, const std::string& name) {
  info.set_name(name);
  auto& t = *info.mutable_type()->mutable_tensor_type();
  t.set_elem_type(::onnx::TensorProto::FLOAT);
  t.mutable_shape()->add_dim()->set_dim_param("n");
}

// A graph with a float input `like` and one output `out<i>` per random node, drawn like it.
std::string write_graph(const std::string& name, const std::vector<RandomNode>& randoms, int opset = 15) {
  ::onnx::ModelProto model;
  model.set_ir_version(8);
  auto& op = *model.add_opset_import();
  op.set_domain("");
  op.set_version(opset);
  auto& graph = *model.mutable_graph();
  graph.set_name("noise");
  add_tensor(*graph.add_input(), "like");
  for (std::size_t i = 0; i < randoms.size(); ++i) {
    auto& node = *graph.add_node();
    node.set_op_type(randoms[i].op);
    node.set_name("random" + std::to_string(i));
    node.add_input("like");
    node.add_output("out" + std::to_string(i));
    for (const auto& [key, value] : randoms[i].floats) {
      auto& a = *node.add_attribute();
      a.set_name(key);
      a.set_type(::onnx::AttributeProto::FLOAT);
      a.set_f(value);
    }
    if (randoms[i].float_dtype) {
      auto& a = *node.add_attribute();
      a.set_name("dtype");
      a.set_type(::onnx::AttributeProto::INT);
      a.set_i(::onnx::TensorProto::FLOAT);
    }
    add_tensor(*graph.add_output(), "out" + std::to_string(i));
  }
  if (randoms.empty()) {  // a graph must compute something
    auto& node = *graph.add_node();
    node.set_op_type("Identity");
    node.add_input("like");
    node.add_output("out0");
    add_tensor(*graph.add_output(), "out0");
  }
  const auto path = std::filesystem::temp_directory_path() /
                    ("chorus-seeded-" + std::to_string(::getpid()) + "-" + name + ".onnx");
  std::ofstream out(path, std::ios::binary);
  model.SerializeToOstream(&out);
  return path.string();
}

struct Drawn {
  std::vector<std::vector<float>> outputs;
};

Drawn draw(const Session& session, std::size_t generators, std::uint64_t seed, std::size_t n) {
  const std::vector<float> like(n, 0.0f);
  const auto seeds = noise_seed_values(seed, generators);
  std::vector<InputTensor> inputs{{"like", std::span<const float>(like), {static_cast<std::int64_t>(n)}},
                                  {kNoiseSeedInput, std::span<const std::int64_t>(seeds),
                                   {static_cast<std::int64_t>(seeds.size())}}};
  std::vector<std::string> names;
  for (std::size_t i = 0; i < generators; ++i) names.push_back("out" + std::to_string(i));
  Drawn d;
  for (auto& t : session.run(inputs, names)) d.outputs.push_back(std::move(t.floats));
  return d;
}

double mean(const std::vector<float>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / v.size(); }

double deviation(const std::vector<float>& v) {
  const double m = mean(v);
  double s = 0.0;
  for (float x : v) s += (x - m) * (x - m);
  return std::sqrt(s / v.size());
}

double correlation(const std::vector<float>& a, const std::vector<float>& b, std::size_t lag = 0) {
  const double ma = mean(a), mb = mean(b);
  double ab = 0.0, aa = 0.0, bb = 0.0;
  for (std::size_t i = 0; i + lag < a.size(); ++i) {
    ab += (a[i] - ma) * (b[i + lag] - mb);
    aa += (a[i] - ma) * (a[i] - ma);
    bb += (b[i + lag] - mb) * (b[i + lag] - mb);
  }
  return ab / std::sqrt(aa * bb);
}

constexpr std::size_t kDraws = 200000;

TEST(SeededNoise, NormalValuesHaveTheNodesMeanAndScaleAndNoStructure) {
  const auto path = write_graph("normal", {{"RandomNormalLike", {{"mean", 0.5f}, {"scale", 2.0f}}}});
  const SeededGraph seeded = seed_random_nodes(path);
  ASSERT_EQ(seeded.generators, 1u);
  const Session session(path, seeded.model, SessionOptions{});
  ASSERT_NE(session.input(kNoiseSeedInput), nullptr);
  const auto v = draw(session, 1, 42, kDraws).outputs.at(0);
  ASSERT_EQ(v.size(), kDraws);
  // Standard errors at 200,000 draws: 0.0045 for the mean, about 0.0032 for the deviation.
  EXPECT_NEAR(mean(v), 0.5, 0.02);
  EXPECT_NEAR(deviation(v), 2.0, 0.015);
  // Neighbours (and the pairs Box-Muller makes from counters 2i and 2i+1) are unrelated.
  for (std::size_t lag : {1u, 2u, 3u, 192u}) EXPECT_LT(std::abs(correlation(v, v, lag)), 0.01) << "lag " << lag;
  // Gaussian tails: 4.55% beyond two deviations, 0.27% beyond three.
  std::size_t beyond2 = 0, beyond3 = 0;
  for (float x : v) {
    const double z = std::abs((x - 0.5) / 2.0);
    beyond2 += z > 2.0;
    beyond3 += z > 3.0;
  }
  EXPECT_NEAR(static_cast<double>(beyond2) / kDraws, 0.0455, 0.003);
  EXPECT_NEAR(static_cast<double>(beyond3) / kDraws, 0.0027, 0.0006);
  std::filesystem::remove(path);
}

TEST(SeededNoise, TheSameSeedDrawsTheSameValuesOnEveryRunAndSession) {
  const auto path = write_graph("repeat", {{}});
  const SeededGraph seeded = seed_random_nodes(path);
  const Session first(path, seeded.model, SessionOptions{});
  const Session second(path, seeded.model, SessionOptions{});
  const auto a = draw(first, 1, 7, 5000).outputs.at(0);
  EXPECT_EQ(draw(first, 1, 7, 5000).outputs.at(0), a);   // a later Run of the same session
  EXPECT_EQ(draw(second, 1, 7, 5000).outputs.at(0), a);  // another session
  // A longer tensor starts with the same values: an element depends on its index, not the size.
  const auto longer = draw(first, 1, 7, 8000).outputs.at(0);
  EXPECT_TRUE(std::equal(a.begin(), a.end(), longer.begin()));
  // Another seed, other values.
  const auto b = draw(first, 1, 8, 5000).outputs.at(0);
  EXPECT_NE(b, a);
  EXPECT_LT(std::abs(correlation(a, b)), 0.05);
  std::filesystem::remove(path);
}

TEST(SeededNoise, EachNodeDrawsItsOwnValues) {
  const auto path = write_graph("two", {{}, {}});
  const SeededGraph seeded = seed_random_nodes(path);
  ASSERT_EQ(seeded.generators, 2u);
  const Session session(path, seeded.model, SessionOptions{});
  const auto d = draw(session, 2, 1, 20000);
  EXPECT_LT(std::abs(correlation(d.outputs[0], d.outputs[1])), 0.03);
  std::filesystem::remove(path);
}

TEST(SeededNoise, UniformValuesFillTheNodesRange) {
  const auto path = write_graph("uniform", {{"RandomUniformLike", {{"low", -1.0f}, {"high", 3.0f}}}});
  const SeededGraph seeded = seed_random_nodes(path);
  const Session session(path, seeded.model, SessionOptions{});
  const auto v = draw(session, 1, 3, kDraws).outputs.at(0);
  EXPECT_GE(*std::min_element(v.begin(), v.end()), -1.0f);
  EXPECT_LE(*std::max_element(v.begin(), v.end()), 3.0f);
  EXPECT_NEAR(mean(v), 1.0, 0.02);
  EXPECT_NEAR(deviation(v), 4.0 / std::sqrt(12.0), 0.01);
  std::filesystem::remove(path);
}

TEST(SeededNoise, ATypeLessNodeTakesItsInputsType) {
  RandomNode node;
  node.float_dtype = false;  // CastLike from opset 15
  const auto path = write_graph("castlike", {node});
  const SeededGraph seeded = seed_random_nodes(path);
  const Session session(path, seeded.model, SessionOptions{});
  EXPECT_EQ(draw(session, 1, 5, 100).outputs.at(0).size(), 100u);
  std::filesystem::remove(path);
  const auto old = write_graph("castlike14", {node}, 14);
  EXPECT_THROW(seed_random_nodes(old), LoadError);
  std::filesystem::remove(old);
}

TEST(SeededNoise, AGraphWithoutNoiseIsLeftAsItIs) {
  const auto path = write_graph("none", {});
  const SeededGraph seeded = seed_random_nodes(path);
  EXPECT_EQ(seeded.generators, 0u);
  const Session session(path, seeded.model, SessionOptions{});
  EXPECT_EQ(session.input(kNoiseSeedInput), nullptr);
  std::filesystem::remove(path);
}

TEST(SeededNoise, NoiseItCannotReproduceIsRefusedByName) {
  for (const char* op : {"RandomNormal", "Multinomial", "Bernoulli"}) {
    const auto path = write_graph(op, {{op, {}}});
    try {
      seed_random_nodes(path);
      ADD_FAILURE() << op << " was accepted";
    } catch (const LoadError& e) {
      EXPECT_NE(std::string(e.what()).find(op), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
    std::filesystem::remove(path);
  }
  const auto old = write_graph("opset10", {{}}, 10);
  EXPECT_THROW(seed_random_nodes(old), LoadError);
  std::filesystem::remove(old);
}

TEST(SeededNoise, AFileThatIsNotAModelIsALoadError) {
  const auto path = std::filesystem::temp_directory_path() / ("chorus-seeded-garbage-" + std::to_string(::getpid()));
  std::ofstream(path) << "not a protobuf \xff\xff\xff\xff";
  EXPECT_THROW(seed_random_nodes(path.string()), LoadError);
  std::filesystem::remove(path);
  EXPECT_THROW(seed_random_nodes("/nonexistent/voice.onnx"), LoadError);
}

TEST(SeededNoise, SeedValuesAreFixedPerSeedAndDifferPerNode) {
  const auto a = noise_seed_values(7, 3);
  EXPECT_EQ(noise_seed_values(7, 3), a);
  EXPECT_NE(noise_seed_values(8, 3), a);
  EXPECT_NE(a[0], a[1]);
  for (auto v : a) EXPECT_TRUE(v >= 0 && v < 2147483647);
}

}  // namespace
}  // namespace chorus::onnx
