#pragma once
// Settings every engine factory may read. Each engine keeps its own *Config; this struct is the
// part the server's configuration hands down.
#include <string>

#include "engines/xtts/xtts_config.h"

namespace chorus {

struct EngineSettings {
  std::string models_dir;              // where downloaded model files live (kokoro/, ...)
  std::string espeak_data_dir;         // empty = libespeak-ng's default
  int onnx_intra_op_threads = 0;       // 0 = all cores
  int onnx_parallel_runs = 0;          // Runs at once on one session; 0 = one per core
  xtts::XttsConfig xtts;               // remote XTTS services; none when xtts.urls is empty
};

}  // namespace chorus
