#include "engines/espeak/espeak_module.h"

#include "engines/espeak/espeak_engine.h"

namespace chorus {

EngineModule espeak_engine_module() {
  EngineModule module;
  module.name = "espeak";
  // Fast but robotic: after the neural engines for tts-1, last for the best-quality models.
  module.fast_rank = 30;
  module.best_rank = 40;
  module.create = [](const EngineSettings& settings, const EngineOptions&) -> std::shared_ptr<Engine> {
    EspeakConfig config;
    config.data_path = settings.espeak_data_dir;
    return std::make_shared<EspeakEngine>(config);
  };
  return module;
}

}  // namespace chorus
