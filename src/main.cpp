// chorus: an OpenAI-compatible text-to-speech server. See README.md.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/models_command.h"
#include "core/av_error.h"
#include "config/config_loader.h"

namespace {

// --config must be known before the subcommands bind their options: the file and environment
// fill the configuration first, so flags given on the command line override them.
std::optional<std::string> config_path_from_args(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--config" && i + 1 < argc) return std::string(argv[i + 1]);
    if (arg.rfind("--config=", 0) == 0) return arg.substr(9);
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  // Logs go to stderr: `chorus say` may be writing audio to stdout.
  spdlog::set_default_logger(spdlog::stderr_color_mt("chorus"));
  chorus::quiet_ffmpeg_logging();

  CLI::App app{"chorus: OpenAI-compatible text-to-speech server"};
  app.set_version_flag("--version", std::string(CHORUS_VERSION));
  app.require_subcommand(1);
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error, off")
      ->capture_default_str();
  app.parse_complete_callback(
      [&log_level] { spdlog::set_level(spdlog::level::from_str(log_level)); });

  std::string config_file;
  app.add_option("--config", config_file,
                 "TOML configuration file (default: $CHORUS_CONFIG, ./chorus.toml, "
                 "~/.config/chorus/chorus.toml, /etc/chorus/chorus.toml)");

  chorus::ServerConfig config;
  config.engines.models_dir = chorus::default_models_dir();
  try {
    auto explicit_path = config_path_from_args(argc, argv);
    if (auto path = chorus::find_config_file(explicit_path)) {
      chorus::apply_config_file(config, *path);
      spdlog::debug("configuration read from {}", *path);
    }
    chorus::apply_environment(config);
  } catch (const std::exception& e) {
    std::cerr << "chorus: configuration error: " << e.what() << "\n";
    return 2;
  }
  chorus::register_serve_command(app, config);
  chorus::register_say_command(app, config);
  chorus::register_voices_command(app, config);
  chorus::register_config_command(app, config);
  chorus::register_watermark_command(app, config);
  chorus::register_models_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::invalid_argument& e) {
    std::cerr << "chorus: configuration error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "chorus: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
