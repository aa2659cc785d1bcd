#pragma once
// Settings of one Kokoro engine instance.
#include <string>

namespace chorus::kokoro {

struct KokoroConfig {
  std::string model_path;       // the .onnx graph
  std::string voices_path;      // voices-v1.0.bin
  std::string espeak_data_dir;  // empty = libespeak-ng's default
  // Threads of one Run; 0 = one. Measured on the int8 graph (2 cores): a second thread makes one
  // Run only ~15% faster (its recurrent layers run step by step), while two one-thread Runs side
  // by side finish two sentences in ~0.6x the time of one after the other. So by default a Run
  // has one thread and the Runs (several requests, or the chunks of one) share the cores.
  int intra_op_threads = 0;
  int inter_op_threads = 1;
  // Simultaneous Runs on the session (engines/onnx/onnx_run_gate.h); 0 = one per core. Every Run shares
  // the session's intra-op pool; requests beyond this wait for a slot between batches.
  int max_concurrency = 0;
  // ONNX Runtime's CPU arena: tensors reuse the arena's blocks, so a Run neither maps fresh pages
  // nor fragments malloc's arenas. It keeps its peak, which batches of at most 510 tokens bound.
  bool cpu_arena = true;
  bool trim_silence = true;     // trim each batch (top_db 60) before joining

  int threads_per_run() const { return intra_op_threads > 0 ? intra_op_threads : 1; }

  // Throws std::invalid_argument naming the bad field.
  void Validate() const;
  std::string ToString() const;
};

}  // namespace chorus::kokoro
