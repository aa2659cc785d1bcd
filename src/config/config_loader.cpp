#include "config/config_loader.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "cache/redis_endpoint.h"
#include "config/config_keys.h"
#include "voices/store_location.h"

namespace chorus {
namespace {

const ConfigKey* find_key(const std::string& name) {
  for (const auto& key : config_keys()) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

// Walks the document; every leaf must be a known key, so a typo is an error, not a silent no-op.
void apply_table(ServerConfig& config, const toml::table& table, const std::string& prefix,
                 const std::string& path) {
  for (const auto& [raw_name, node] : table) {
    std::string name = prefix + std::string(raw_name.str());
    if (const ConfigKey* key = find_key(name)) {
      try {
        key->from_toml(config, node);
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(path + ": " + name + ": " + e.what());
      }
    } else if (const toml::table* child = node.as_table()) {
      apply_table(config, *child, name + ".", path);
    } else {
      throw std::invalid_argument(path + ": unknown key '" + name +
                                  "' (see `chorus config show` for every key)");
    }
  }
}

}  // namespace

std::optional<std::string> find_config_file(const std::optional<std::string>& explicit_path) {
  if (explicit_path) return explicit_path;
  if (const char* env = std::getenv("CHORUS_CONFIG"); env && *env) return std::string(env);
  std::vector<std::string> candidates{"chorus.toml"};
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
    candidates.push_back(std::string(xdg) + "/chorus/chorus.toml");
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    candidates.push_back(std::string(home) + "/.config/chorus/chorus.toml");
  }
  candidates.push_back("/etc/chorus/chorus.toml");
  for (const auto& candidate : candidates) {
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error)) return candidate;
  }
  return std::nullopt;
}

namespace {

std::invalid_argument parse_failure(const std::string& path, const toml::parse_error& e) {
  std::ostringstream message;
  message << path << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
          << e.description();
  return std::invalid_argument(message.str());
}

}  // namespace

void apply_config_file(ServerConfig& config, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw parse_failure(path, e);
  }
  apply_config_table(config, table, path);
}

void apply_config_text(ServerConfig& config, std::string_view text, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw parse_failure(path, e);
  }
  apply_config_table(config, table, path);
}

void apply_config_table(ServerConfig& config, const toml::table& table, const std::string& path) {
  apply_table(config, table, "", path);
}

void apply_environment(ServerConfig& config) {
  for (const auto& key : config_keys()) {
    const std::string name = env_name(key.name);
    const char* value = std::getenv(name.c_str());
    if (!value) continue;
    try {
      key.from_string(config, value);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("environment " + name + ": " + e.what());
    }
  }
}

std::string config_to_toml(const ServerConfig& config) {
  ServerConfig copy = config;  // printing per-engine limits fills in their defaults
  // Group keys by table so the output is a valid TOML document.
  std::map<std::string, std::vector<std::pair<std::string, const ConfigKey*>>> tables;
  for (const auto& key : config_keys()) {
    auto dot = key.name.rfind('.');
    std::string table = dot == std::string::npos ? "" : key.name.substr(0, dot);
    std::string leaf = dot == std::string::npos ? key.name : key.name.substr(dot + 1);
    tables[table].emplace_back(leaf, &key);
  }
  std::ostringstream out;
  for (const auto& [table, entries] : tables) {
    if (!table.empty()) out << "\n[" << table << "]\n";
    for (const auto& [leaf, key] : entries) {
      out << "# " << key->help << " (env " << env_name(key->name) << ")\n";
      std::string value = key->to_toml(copy);
      // Keys are secrets: show how many there are, not what they are.
      if ((key->name.rfind("auth.", 0) == 0 || key->name == "watermark.unmarked_keys") &&
          value != "[]") value = "[\"***\"]  # masked";
      // A PostgreSQL URL may carry the database password.
      if (key->name == "voices.store") value = voices::mask_password(value);
      // The Redis URL may carry a password: print it without.
      if (key->name == "cache.redis_url") {
        const std::string shown = redact_redis_url(copy.cache.redis_url);
        if (shown != copy.cache.redis_url) value = quote_toml(shown) + "  # masked";
      }
      out << leaf << " = " << value << "\n";
    }
  }
  return out.str();
}

}  // namespace chorus
