#include <iostream>

#include "cli/commands.h"
#include "config/config_loader.h"

namespace chorus {

void register_config_command(CLI::App& app, ServerConfig& config) {
  auto* command = app.add_subcommand("config", "Inspect the configuration");
  command->require_subcommand(1);
  auto* show = command->add_subcommand(
      "show", "Print the effective configuration (file, then CHORUS_* environment) as TOML");
  show->callback([&config] {
    config.Validate();
    std::cout << config_to_toml(config);
  });
}

}  // namespace chorus
