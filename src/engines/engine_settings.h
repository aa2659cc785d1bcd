#pragma once
// Settings every engine factory may read: the shared ones (where models live, the espeak-ng data
// the phonemizer uses, ONNX Runtime threads) and, per engine name, the options that engine
// declared for itself (engines/engine_options.h). No engine's own settings are named here.
#include <map>
#include <string>
#include <vector>

#include "engines/engine_options.h"

namespace chorus {

struct EngineSettings {
  std::string models_dir;              // where downloaded model files live (<engine>/...)
  std::string espeak_data_dir;         // empty = libespeak-ng's default
  int onnx_intra_op_threads = 0;       // threads per Run; 0 = the engine's choice
  int onnx_parallel_runs = 0;          // Runs at once on one session; 0 = one per core
  std::map<std::string, EngineOptions> options;  // engine name -> values set by configuration
  // Modules configured as a list of instances (EngineModule::instances): module name -> one
  // EngineOptions per `[[engines.<module>]]` table or per value of the module's flag.
  std::map<std::string, std::vector<EngineOptions>> instances;
};

}  // namespace chorus
