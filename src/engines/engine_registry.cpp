#include "engines/engine_registry.h"

#include <algorithm>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "engines/espeak/espeak_module.h"
#include "engines/remote/remote_module.h"
#include "engines/xtts/xtts_module.h"
#ifdef CHORUS_HAVE_KOKORO
#include "engines/kokoro/kokoro_module.h"
#endif
#ifdef CHORUS_HAVE_PIPER
#include "engines/piper/piper_module.h"
#endif

namespace chorus {

// The engines compiled in, one line each. Registration order is the order voices are listed
// and ids are matched; routing preference comes from each module's ranks.
const std::vector<EngineModule>& engine_modules() {
  static const std::vector<EngineModule> modules{
      xtts::engine_module(),
#ifdef CHORUS_HAVE_KOKORO
      kokoro::engine_module(),
#endif
#ifdef CHORUS_HAVE_PIPER
      piper::engine_module(),
#endif
      espeak_engine_module(),
      remote::engine_module(),
  };
  return modules;
}

const EngineModule* find_engine_module(const std::string& name) {
  for (const auto& module : engine_modules()) {
    if (module.name == name) return &module;
  }
  return nullptr;
}

std::vector<std::string> default_engine_order(RoutingPreference preference) {
  std::vector<const EngineModule*> modules;
  for (const auto& module : engine_modules()) {
    // Engines of a module with instances have names of their own (not the module's); unlisted,
    // they come after the listed engines.
    if (!module.instances) modules.push_back(&module);
  }
  std::stable_sort(modules.begin(), modules.end(), [&](const EngineModule* a, const EngineModule* b) {
    return preference == RoutingPreference::kFastest ? a->fast_rank < b->fast_rank
                                                     : a->best_rank < b->best_rank;
  });
  std::vector<std::string> names;
  for (const auto* module : modules) names.push_back(module->name);
  return names;
}

void EngineRegistry::add(std::shared_ptr<Engine> engine) {
  // Names key voices, models, admission and breakers: a configured engine (a remote one) may
  // not take a name already in use.
  if (find(engine->info().name)) {
    throw std::invalid_argument("two engines are named '" + engine->info().name + "'");
  }
  engines_.push_back(std::move(engine));
}

std::shared_ptr<Engine> EngineRegistry::find(std::string_view name) const {
  for (const auto& engine : engines_) {
    if (engine->info().name == name) return engine;
  }
  return nullptr;
}

EngineRegistry create_engines(const EngineSettings& settings) {
  EngineRegistry registry;
  for (const auto& module : engine_modules()) {
    if (module.instances) {
      std::vector<EngineOptions> instances;
      if (auto set = settings.instances.find(module.name); set != settings.instances.end()) {
        for (const auto& values : set->second) instances.push_back(values.over_defaults(module.options));
      }
      for (auto& engine : module.create_instances(settings, instances)) registry.add(std::move(engine));
      continue;
    }
    auto set = settings.options.find(module.name);
    const EngineOptions options =
        (set == settings.options.end() ? EngineOptions{} : set->second).over_defaults(module.options);
    // A module that cannot run (no model files, no endpoint) returns null after logging why.
    if (auto engine = module.create(settings, options)) registry.add(std::move(engine));
  }
  return registry;
}

}  // namespace chorus
