#pragma once
// What every ONNX Runtime graph in chorus shares: the process's one environment (logging and
// global thread state) and the session settings, whichever engine opens the graph.
namespace Ort {
struct Env;
struct SessionOptions;
}  // namespace Ort

namespace chorus::onnx {

struct SessionOptions {
  int intra_op_threads = 0;  // 0 = ONNX Runtime's default (one per physical core)
  int inter_op_threads = 1;
  // Keep ONNX Runtime's CPU arena: tensors reuse its blocks, so a Run neither maps fresh pages
  // nor fragments malloc's arenas. It keeps its peak, which the engines' input sizes bound.
  bool cpu_arena = true;
};

Ort::Env& environment();

// Sequential execution, all graph optimizations, no memory patterns (input lengths change with
// every call, so recorded patterns are never reused), the arena as asked.
Ort::SessionOptions session_options(const SessionOptions& options);

}  // namespace chorus::onnx
