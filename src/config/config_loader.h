#pragma once
// Builds the effective configuration: defaults, then the TOML file, then CHORUS_* environment
// variables; command-line flags are applied last by CLI11 on top of the result.
#include <optional>
#include <string>
#include <string_view>

#include "server/server_config.h"

namespace toml {
inline namespace v3 {
class table;
}
}  // namespace toml

namespace chorus {

// The file to read: an explicit path, else $CHORUS_CONFIG, else the first that exists of
// ./chorus.toml, $XDG_CONFIG_HOME/chorus/chorus.toml (~/.config/...), /etc/chorus/chorus.toml.
std::optional<std::string> find_config_file(const std::optional<std::string>& explicit_path);

// Throws std::invalid_argument naming the file, key and problem.
void apply_config_file(ServerConfig& config, const std::string& path);
// The same for a document already read (`path` names it in errors): parsing, then every key.
void apply_config_text(ServerConfig& config, std::string_view text, const std::string& path);
// The keys of a parsed document; every leaf must be a known key.
void apply_config_table(ServerConfig& config, const toml::table& table, const std::string& path);
void apply_environment(ServerConfig& config);

// The configuration as a TOML document (secrets masked).
std::string config_to_toml(const ServerConfig& config);

}  // namespace chorus
