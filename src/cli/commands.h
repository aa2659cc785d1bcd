#pragma once
// chorus's subcommands. Each registers itself on the CLI11 app and runs when selected.
#include <CLI/CLI.hpp>

#include "server/server_config.h"

namespace chorus {

// Options shared by commands that build engines (serve, say, voices).
void add_engine_options(CLI::App& command, ServerConfig& config);

void register_serve_command(CLI::App& app, ServerConfig& config);
void register_say_command(CLI::App& app, ServerConfig& config);
void register_voices_command(CLI::App& app, ServerConfig& config);
void register_config_command(CLI::App& app, ServerConfig& config);
void register_watermark_command(CLI::App& app, ServerConfig& config);

// The default models directory: $XDG_DATA_HOME/chorus/models or ~/.local/share/chorus/models.
std::string default_models_dir();

}  // namespace chorus
