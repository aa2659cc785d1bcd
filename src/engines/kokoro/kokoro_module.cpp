#include "engines/kokoro/kokoro_module.h"

#include "engines/kokoro/kokoro_factory.h"
#include "engines/kokoro/kokoro_release_files.h"

namespace chorus::kokoro {

EngineModule engine_module() {
  EngineModule module;
  module.name = "kokoro";
  // Natural and faster than real time on a CPU: first for tts-1, after XTTS for the best models.
  module.fast_rank = 10;
  module.best_rank = 20;
  // A missing or unusable model is logged and skipped (never fatal, never a crash).
  module.create = [](const EngineSettings& settings, const EngineOptions&) {
    return create_kokoro_engine(settings);
  };
  ModelCommands models;
  models.pull_help = "Kokoro v1.0: one graph (--variant) and the voices file, SHA-256 checked";
  models.variants = {"fp32", "fp16", "int8"};
  models.default_variant = "fp32";
  models.pull = pull_release;
  models.list = list_release;
  module.models = std::move(models);
  return module;
}

}  // namespace chorus::kokoro
