#include "cli/models_command.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "engines/engine_registry.h"

namespace chorus {
namespace {

// Engines that have model files to fetch, each declared in its own folder (EngineModule::models).
std::vector<std::string> engines_with_models() {
  std::vector<std::string> names;
  for (const auto& module : engine_modules()) {
    if (module.models) names.push_back(module.name);
  }
  return names;
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

int list_models(const std::string& models_dir, bool verify) {
  bool header = false;
  for (const auto& module : engine_modules()) {
    if (!module.models) continue;
    for (const auto& row : module.models->list(models_dir, verify)) {
      if (!header) std::printf("%-8s %-28s %-7s %10s  %s\n", "ENGINE", "FILE", "VARIANT", "SIZE", "STATUS");
      header = true;
      std::printf("%-8s %-28s %-7s %10s  %s\n", module.name.c_str(), row.file.c_str(), row.variant.c_str(),
                  row.size.c_str(), row.status.c_str());
    }
  }
  if (!header) {
    std::cout << "no models in " << models_dir << " (run `chorus models pull "
              << joined(engines_with_models(), "|") << "`)\n";
  }
  return 0;
}

}  // namespace

void register_models_command(CLI::App& app) {
  auto* models = app.add_subcommand("models", "Download and list model files");
  models->require_subcommand(1);

  struct Options {
    std::string models_dir = default_models_dir();
    std::string engine;
    std::string name;
    std::string variant;
    bool verify = false;
  };
  auto options = std::make_shared<Options>();

  std::string pull_help = "Download an engine's model files and verify them:";
  std::vector<std::string> variants;
  std::vector<std::string> names;
  for (const auto& module : engine_modules()) {
    if (!module.models) continue;
    pull_help += "\n  " + module.name + ": " + module.models->pull_help;
    if (!module.models->variants.empty()) {
      variants.push_back(module.name + ": " + joined(module.models->variants, ", ") + " (default " +
                         module.models->default_variant + ")");
    }
    if (!module.models->name_help.empty()) names.push_back(module.name + ": " + module.models->name_help);
  }
  const std::string variant_help = "Which graph to fetch; " + joined(variants, "; ");
  const std::string name_help = "What to fetch, for engines that take a name; " + joined(names, "; ");
  auto* pull = models->add_subcommand("pull", pull_help);
  pull->add_option("engine", options->engine, "Engine whose files to download")
      ->required()
      ->check(CLI::IsMember(engines_with_models()));
  pull->add_option("name", options->name, name_help);
  pull->add_option("--variant", options->variant, variant_help);
  pull->add_option("--models-dir", options->models_dir, "Models directory")->capture_default_str();
  pull->callback([options] {
    const EngineModule* module = find_engine_module(options->engine);
    const ModelCommands& commands = *module->models;
    ModelCommands::PullRequest request{options->models_dir, options->variant, options->name};
    if (request.variant.empty()) request.variant = commands.default_variant;
    if (!commands.variants.empty() &&
        std::find(commands.variants.begin(), commands.variants.end(), request.variant) == commands.variants.end()) {
      throw CLI::ValidationError("--variant", options->engine + " has " + joined(commands.variants, ", "));
    }
    if (commands.variants.empty() && !options->variant.empty()) {
      throw CLI::ValidationError("--variant", options->engine + " has no variants");
    }
    if (!commands.name_help.empty() && request.name.empty()) {
      throw CLI::ValidationError("name", options->engine + " needs a name: " + commands.name_help);
    }
    if (commands.name_help.empty() && !request.name.empty()) {
      throw CLI::ValidationError("name", options->engine + " takes no name");
    }
    try {
      commands.pull(request, std::cout, std::cerr);
    } catch (const std::exception& e) {
      // CLI11 exits quietly on RuntimeError: the reason is printed here.
      std::cerr << "chorus models pull: " << e.what() << "\n";
      throw CLI::RuntimeError(1);
    }
  });

  auto* list = models->add_subcommand("list", "List installed model files, variant, size and verification");
  list->add_option("--models-dir", options->models_dir, "Models directory")->capture_default_str();
  list->add_flag("--verify", options->verify, "Hash files that were not verified yet");
  list->callback([options] { list_models(options->models_dir, options->verify); });
}

}  // namespace chorus
