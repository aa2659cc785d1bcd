#pragma once
// Everything one engine contributes, declared in its own folder: its name, configuration keys,
// factory, default places in the routing orders and its `chorus models` support. The list of
// modules (engine_registry.cpp) is the only place that names them all.
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engines/engine.h"
#include "engines/engine_options.h"
#include "engines/engine_settings.h"

namespace chorus {

// `chorus models pull <engine> [NAME]` and `chorus models list` for engines with model files.
struct ModelCommands {
  std::string pull_help;                 // what pulling this engine fetches
  std::vector<std::string> variants;     // --variant choices (empty: no such option)
  std::string default_variant;
  std::string name_help;                 // non-empty: pull takes a NAME (a voice to fetch)
  struct PullRequest {
    std::string models_dir;
    std::string variant;
    std::string name;
  };
  // Throws std::runtime_error with the reason; prints progress to the given streams.
  std::function<void(const PullRequest&, std::ostream& out, std::ostream& progress)> pull;
  struct Row {
    std::string file, variant, size, status;
  };
  std::function<std::vector<Row>(const std::string& models_dir, bool verify)> list;
};

struct EngineModule {
  std::string name;  // EngineInfo::name of what create returns
  std::vector<EngineOption> options;
  // Lower comes first in the default order of `tts-1` (fastest first) and of `tts-1-hd` and
  // `gpt-4o-mini-tts` (best first); routing.fast_order / best_order override them.
  int fast_rank = 100;
  int best_rank = 100;
  // nullptr when the engine cannot run with these settings (no model files, no endpoint); logs
  // why. May throw std::invalid_argument for a configuration mistake (reported at start).
  std::function<std::shared_ptr<Engine>(const EngineSettings&, const EngineOptions&)> create;
  // A module that runs any number of engines of its kind (one per remote server): configured as
  // an array of tables `[[engines.<name>]]` whose keys are `options`, and built by this factory
  // (every instance's options over the defaults) instead of `create`. Its flag, if an option
  // declares one, adds an instance per value. Each engine it returns has its own name.
  bool instances = false;
  std::function<std::vector<std::shared_ptr<Engine>>(const EngineSettings&,
                                                     const std::vector<EngineOptions>&)>
      create_instances;
  std::optional<ModelCommands> models;
};

// Every engine compiled in, in registration order (engine_registry.cpp).
const std::vector<EngineModule>& engine_modules();
const EngineModule* find_engine_module(const std::string& name);

}  // namespace chorus
