#include "engines/onnx/graph_split.h"

#include <onnx/onnx_pb.h>

#include <climits>
#include <fstream>
#include <iterator>
#include <set>
#include <unordered_map>

#include "engines/onnx/onnx_session.h"

namespace chorus::onnx {
namespace {

// Every name a node reads: its inputs and, for nodes with subgraphs (If, Loop, Scan), what the
// subgraphs' nodes read, since a subgraph may use any tensor of the graph around it.
void add_reads(const ::onnx::NodeProto& node, std::vector<std::string>& out) {
  for (const auto& input : node.input()) {
    if (!input.empty()) out.push_back(input);
  }
  for (const auto& attribute : node.attribute()) {
    if (attribute.has_g()) {
      for (const auto& inner : attribute.g().node()) add_reads(inner, out);
    }
    for (const auto& g : attribute.graphs()) {
      for (const auto& inner : g.node()) add_reads(inner, out);
    }
  }
}

std::vector<std::string> reads(const ::onnx::NodeProto& node) {
  std::vector<std::string> out;
  add_reads(node, out);
  return out;
}

// The nodes the tensors `targets` are computed by, walking back from them; `stop` (when not
// empty) is taken as given, not computed.
std::vector<bool> needed_nodes(const ::onnx::GraphProto& graph, const std::unordered_map<std::string, int>& producer,
                               std::vector<std::string> targets, const std::string& stop) {
  std::vector<bool> keep(static_cast<std::size_t>(graph.node_size()), false);
  std::set<std::string> seen;
  while (!targets.empty()) {
    const std::string name = std::move(targets.back());
    targets.pop_back();
    if (name == stop || !seen.insert(name).second) continue;
    const auto it = producer.find(name);
    if (it == producer.end() || keep[static_cast<std::size_t>(it->second)]) continue;
    keep[static_cast<std::size_t>(it->second)] = true;
    for (auto& r : reads(graph.node(it->second))) targets.push_back(std::move(r));
  }
  return keep;
}

::onnx::ModelProto empty_like(const ::onnx::ModelProto& model, const std::string& graph_name) {
  ::onnx::ModelProto out;
  out.set_ir_version(model.ir_version());
  *out.mutable_opset_import() = model.opset_import();
  *out.mutable_functions() = model.functions();
  out.set_producer_name(model.producer_name());
  out.set_producer_version(model.producer_version());
  out.mutable_graph()->set_name(graph_name);
  return out;
}

}  // namespace

std::string read_graph_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError(path + ": cannot read the model");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw LoadError(path + ": cannot read the model");
  return bytes;
}

std::optional<GraphSplit> split_before_weight(std::string_view serialized, const std::string& weight,
                                              const std::string& name,
                                              const std::function<void(::onnx::ModelProto&)>& each_half) {
  ::onnx::ModelProto model;
  if (serialized.size() > static_cast<std::size_t>(INT_MAX) ||
      !model.ParseFromArray(serialized.data(), static_cast<int>(serialized.size()))) {
    return std::nullopt;  // ONNX Runtime, loading it whole, says what is wrong with it
  }
  ::onnx::GraphProto& graph = *model.mutable_graph();

  std::set<std::string> initializers;
  for (const auto& t : graph.initializer()) initializers.insert(t.name());
  std::set<std::string> inputs, outputs;
  for (const auto& i : graph.input()) {
    if (!initializers.count(i.name())) inputs.insert(i.name());
  }
  for (const auto& o : graph.output()) outputs.insert(o.name());

  std::string cut;
  for (const auto& node : graph.node()) {
    for (int i = 1; i < node.input_size() && cut.empty(); ++i) {
      if (node.input(i) == weight) cut = node.input(0);
    }
    if (!cut.empty()) break;
  }
  if (cut.empty() || inputs.count(cut) || outputs.count(cut) || initializers.count(cut)) return std::nullopt;

  std::unordered_map<std::string, int> producer;
  for (int i = 0; i < graph.node_size(); ++i) {
    for (const auto& o : graph.node(i).output()) producer[o] = i;
  }
  if (!producer.count(cut)) return std::nullopt;

  // What depends on the cut: ONNX lists nodes in topological order, so one pass finds it.
  std::set<std::string> downstream{cut};
  for (const auto& node : graph.node()) {
    bool reached = false;
    for (const auto& r : reads(node)) reached = reached || downstream.count(r) > 0;
    if (reached) {
      for (const auto& o : node.output()) downstream.insert(o);
    }
  }
  GraphSplit split;
  split.cut = cut;
  std::vector<std::string> front_targets{cut};
  for (const auto& o : graph.output()) {
    (downstream.count(o.name()) ? split.back_outputs : front_targets).push_back(o.name());
  }
  if (split.back_outputs.empty()) return std::nullopt;

  const std::vector<bool> back_nodes = needed_nodes(graph, producer, split.back_outputs, cut);
  const std::vector<bool> front_nodes = needed_nodes(graph, producer, front_targets, "");

  ::onnx::ModelProto front = empty_like(model, graph.name() + "_front");
  ::onnx::ModelProto back = empty_like(model, graph.name() + "_back");
  ::onnx::GraphProto& front_graph = *front.mutable_graph();
  ::onnx::GraphProto& back_graph = *back.mutable_graph();
  std::set<std::string> front_reads, back_reads;
  for (int i = 0; i < graph.node_size(); ++i) {
    const auto index = static_cast<std::size_t>(i);
    if (front_nodes[index]) {
      *front_graph.add_node() = graph.node(i);
      for (auto& r : reads(graph.node(i))) front_reads.insert(std::move(r));
    }
    if (back_nodes[index]) {
      *back_graph.add_node() = graph.node(i);
      for (auto& r : reads(graph.node(i))) back_reads.insert(std::move(r));
    }
  }
  // The weights go where they are read: moved, not copied (a voice's are tens of MB), unless
  // both halves read one.
  for (auto& t : *graph.mutable_initializer()) {
    const bool in_front = front_reads.count(t.name()) > 0;
    const bool in_back = back_reads.count(t.name()) > 0;
    if (in_front && in_back) *back_graph.add_initializer() = t;
    if (in_front) front_graph.add_initializer()->Swap(&t);
    else if (in_back) back_graph.add_initializer()->Swap(&t);
  }

  // The cut tensor's declared type when the graph has one; else float of unknown shape (a
  // decoder's input, the only kind split here).
  ::onnx::ValueInfoProto cut_info;
  cut_info.set_name(cut);
  cut_info.mutable_type()->mutable_tensor_type()->set_elem_type(::onnx::TensorProto::FLOAT);
  for (const auto& v : graph.value_info()) {
    if (v.name() == cut) cut_info = v;
  }

  for (const auto& i : graph.input()) {
    if (initializers.count(i.name())) continue;
    if (front_reads.count(i.name())) *front_graph.add_input() = i;
  }
  *front_graph.add_output() = cut_info;
  *back_graph.add_input() = cut_info;
  split.back_inputs.push_back(cut);
  for (const auto& i : graph.input()) {
    if (initializers.count(i.name()) || !back_reads.count(i.name())) continue;
    *back_graph.add_input() = i;
    split.back_inputs.push_back(i.name());
  }
  for (const auto& o : graph.output()) {
    *(downstream.count(o.name()) ? back_graph.add_output() : front_graph.add_output()) = o;
  }
  if (each_half) {
    each_half(front);
    each_half(back);
  }
  if (!front.SerializeToString(&split.front) || !back.SerializeToString(&split.back)) {
    throw LoadError(name + ": the split graph cannot be serialized");
  }
  return split;
}

}  // namespace chorus::onnx
