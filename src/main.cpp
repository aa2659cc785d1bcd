// chorus: an OpenAI-compatible text-to-speech server. See README.md.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  // Logs go to stderr: `chorus say` may be writing audio to stdout.
  spdlog::set_default_logger(spdlog::stderr_color_mt("chorus"));

  CLI::App app{"chorus: OpenAI-compatible text-to-speech server"};
  app.set_version_flag("--version", std::string(CHORUS_VERSION));
  app.require_subcommand(1);
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error, off")
      ->capture_default_str();
  app.parse_complete_callback(
      [&log_level] { spdlog::set_level(spdlog::level::from_str(log_level)); });

  chorus::ServerConfig config;
  chorus::register_serve_command(app, config);
  chorus::register_say_command(app, config);
  chorus::register_voices_command(app, config);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "chorus: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
