#pragma once
// Owns the engines the server runs. Adding an engine is a new folder under engines/ with its
// EngineModule (engine_module.h) plus one line in engine_registry.cpp's engine_modules().
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engines/engine.h"
#include "engines/engine_module.h"
#include "engines/engine_settings.h"

namespace chorus {

class EngineRegistry {
 public:
  void add(std::shared_ptr<Engine> engine);
  const std::vector<std::shared_ptr<Engine>>& engines() const { return engines_; }
  std::shared_ptr<Engine> find(std::string_view name) const;

 private:
  std::vector<std::shared_ptr<Engine>> engines_;
};

// Builds every engine that can run with these settings. Engines whose model files are missing
// are skipped with a log line; the built-in engine is always present.
EngineRegistry create_engines(const EngineSettings& settings);

// Engine names in the modules' default preference: fastest first (`tts-1`) or best first.
enum class RoutingPreference { kFastest, kBest };
std::vector<std::string> default_engine_order(RoutingPreference preference);

}  // namespace chorus
