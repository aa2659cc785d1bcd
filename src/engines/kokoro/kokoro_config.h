#pragma once
// Settings of one Kokoro engine instance.
#include <string>

namespace chorus::kokoro {

struct KokoroConfig {
  std::string model_path;       // the .onnx graph
  std::string voices_path;      // voices-v1.0.bin
  std::string espeak_data_dir;  // empty = libespeak-ng's default
  int intra_op_threads = 0;     // 0 = all cores for one request
  int inter_op_threads = 1;
  // Simultaneous Runs on the session (engines/onnx/onnx_run_gate.h); 0 = one per core. Every Run shares
  // the session's intra-op pool; requests beyond this wait for a slot between batches.
  int max_concurrency = 0;
  // ONNX Runtime's CPU arena: tensors reuse the arena's blocks, so a Run neither maps fresh pages
  // nor fragments malloc's arenas. It keeps its peak, which batches of at most 510 tokens bound.
  bool cpu_arena = true;
  bool trim_silence = true;     // trim each batch (top_db 60) before joining

  // Throws std::invalid_argument naming the bad field.
  void Validate() const;
  std::string ToString() const;
};

}  // namespace chorus::kokoro
