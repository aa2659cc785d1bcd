#pragma once
// Every configuration key in one table: its TOML name, how it is read from a TOML value or an
// environment string, and how it prints. The file loader, the environment overrides,
// `chorus config show` and docs/configuration.md all follow this table.
#include <functional>
#include <string>
#include <vector>

#include "server/server_config.h"

namespace toml {
inline namespace v3 {
class node;
}
}  // namespace toml

namespace chorus {

struct ConfigKey {
  std::string name;  // dotted TOML path, e.g. "limits.max_concurrent"
  std::string help;
  // Each throws std::invalid_argument with a message naming what is wrong (not the key: the
  // caller adds it).
  std::function<void(ServerConfig&, const toml::node&)> from_toml;
  std::function<void(ServerConfig&, const std::string&)> from_string;
  std::function<std::string(const ServerConfig&)> to_toml;  // the value as TOML text
};

const std::vector<ConfigKey>& config_keys();

// A string as a TOML string literal (how `chorus config show` prints values).
std::string quote_toml(const std::string& value);

// "limits.max_concurrent" -> "CHORUS_LIMITS_MAX_CONCURRENT"
std::string env_name(const std::string& key);

}  // namespace chorus
