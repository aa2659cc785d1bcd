#include <cstdint>
#include <cstdlib>

#include "cli/commands.h"
#include "engines/engine_registry.h"

namespace chorus {

std::string default_models_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/chorus/models";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.local/share/chorus/models";
  }
  return ".chorus/models";
}

namespace {

void add_engine_flag(CLI::App& command, ServerConfig& config, const std::string& engine,
                     const EngineOption& option) {
  const std::string flag = "--" + option.cli_flag;
  EngineOptions& values = config.engines.options[engine];
  const std::string key = option.key;
  using Kind = EngineOption::Kind;
  switch (option.kind) {
    case Kind::kList:
      command.add_option_function<std::vector<std::string>>(
          flag, [&values, key](const std::vector<std::string>& v) { values.set(key, v); },
          option.help + " (repeatable)")->allow_extra_args(false);
      break;
    case Kind::kString:
      command.add_option_function<std::string>(
          flag, [&values, key](const std::string& v) { values.set(key, v); }, option.help);
      break;
    case Kind::kBool:
      command.add_flag_function(flag, [&values, key](std::int64_t n) { values.set(key, n > 0); }, option.help);
      break;
    case Kind::kNumber:
      command.add_option_function<double>(
          flag, [&values, key](double v) { values.set(key, v); }, option.help)
          ->check(CLI::Range(static_cast<double>(option.min), static_cast<double>(option.max)));
      break;
    case Kind::kInteger:
    case Kind::kMillis:
      command.add_option_function<long long>(
          flag, [&values, key](long long v) { values.set(key, v); }, option.help)
          ->check(CLI::Range(option.min, option.max));
      break;
  }
}

// A flag of a module with instances (e.g. --remote-url): each value adds one instance with that
// option set and every other option at its default. Repeatable.
void add_instance_flag(CLI::App& command, ServerConfig& config, const std::string& engine,
                       const EngineOption& option) {
  std::vector<EngineOptions>& instances = config.engines.instances[engine];
  const std::string key = option.key;
  command.add_option_function<std::vector<std::string>>(
      "--" + option.cli_flag,
      [&instances, key](const std::vector<std::string>& values) {
        for (const auto& value : values) {
          EngineOptions instance;
          instance.set(key, value);
          instances.push_back(std::move(instance));
        }
      },
      option.help + " (repeatable)")->allow_extra_args(false);
}

}  // namespace

void add_engine_options(CLI::App& command, ServerConfig& config) {
  command.add_option("--models-dir", config.engines.models_dir,
                     "Directory holding model files (<engine>/...)")
      ->capture_default_str();
  command.add_option("--espeak-data", config.engines.espeak_data_dir,
                     "espeak-ng data directory (default: the library's)");
  command.add_option("--onnx-threads", config.engines.onnx_intra_op_threads,
                     "ONNX Runtime threads per Run (0 = the engine's choice: 1, with chunks side by side)")
      ->check(CLI::NonNegativeNumber);
  // Engine options that declare a flag (e.g. XTTS's endpoints), as their engine describes them.
  for (const auto& module : engine_modules()) {
    for (const auto& option : module.options) {
      if (option.cli_flag.empty()) continue;
      if (module.instances) {
        add_instance_flag(command, config, module.name, option);
      } else {
        add_engine_flag(command, config, module.name, option);
      }
    }
  }
  command.add_option("--data-dir", config.data_dir,
                     "Directory for cloned voices (default: $XDG_DATA_HOME/chorus or "
                     "~/.local/share/chorus)");
  command.add_option("--voice-store", config.voice_store,
                     "Where cloned voices live: sqlite:PATH or a postgresql:// URL shared by "
                     "replicas (default: voices.sqlite3 in the data directory)");
}

}  // namespace chorus
