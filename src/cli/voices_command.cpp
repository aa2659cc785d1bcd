#include <iostream>

#include "cli/commands.h"
#include "engines/engine_registry.h"
#include "text/language.h"

namespace chorus {

void register_voices_command(CLI::App& app, ServerConfig& config) {
  auto language = std::make_shared<std::string>();
  auto engine_name = std::make_shared<std::string>();
  auto* command = app.add_subcommand("voices", "List the voices of every loaded engine");
  command->add_option("-l,--language", *language, "Only voices of this language");
  command->add_option("-e,--engine", *engine_name, "Only voices of this engine");
  add_engine_options(*command, config);
  command->callback([&config, language, engine_name] {
    auto wanted = language->empty() ? std::optional<std::string>{}
                                    : normalize_language_tag(*language);
    auto registry = create_engines(config.engines);
    for (const auto& engine : registry.engines()) {
      if (!engine_name->empty() && engine->info().name != *engine_name) continue;
      for (const auto& voice : engine->voices()) {
        if (wanted && voice.language != *wanted && primary_subtag(voice.language) != *wanted) {
          continue;
        }
        std::cout << voice.id << "\t" << voice.language << "\t"
                  << (voice.gender.empty() ? "-" : voice.gender) << "\t" << voice.name << "\n";
      }
    }
  });
}

}  // namespace chorus
