#include "engines/engine_registry.h"

#include <spdlog/spdlog.h>

#include "engines/espeak/espeak_engine.h"
#include "engines/xtts/xtts_factory.h"
#ifdef CHORUS_HAVE_KOKORO
#include "engines/kokoro/kokoro_factory.h"
#endif

namespace chorus {

void EngineRegistry::add(std::shared_ptr<Engine> engine) { engines_.push_back(std::move(engine)); }

std::shared_ptr<Engine> EngineRegistry::find(std::string_view name) const {
  for (const auto& engine : engines_) {
    if (engine->info().name == name) return engine;
  }
  return nullptr;
}

EngineRegistry create_engines(const EngineSettings& settings) {
  EngineRegistry registry;
  // XTTS first: with an endpoint configured it serves cloned voices and its own voices; the
  // router still decides per request (health, language, voice). Created only when URLs are set.
  if (auto xtts = xtts::create_xtts_engine(settings)) registry.add(std::move(xtts));
#ifdef CHORUS_HAVE_KOKORO
  // Kokoro before espeak: when its files are installed it is preferred for its languages.
  // A missing or unusable model is logged and skipped (never fatal, never a crash).
  if (auto kokoro = kokoro::create_kokoro_engine(settings)) registry.add(std::move(kokoro));
#endif
  EspeakConfig espeak_config;
  espeak_config.data_path = settings.espeak_data_dir;
  registry.add(std::make_shared<EspeakEngine>(espeak_config));
  return registry;
}

}  // namespace chorus
