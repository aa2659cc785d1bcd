#include "config/lexicon_keys.h"

#include <toml++/toml.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace chorus {
namespace {

std::string toml_string(const std::string& value) {
  std::ostringstream out;
  out << toml::value<std::string>(value);
  return out.str();
}

std::map<std::string, std::string> from_toml_table(const toml::table& table, const std::string& where) {
  std::map<std::string, std::string> entries;
  for (const auto& [word, node] : table) {
    auto value = node.value<std::string>();
    if (!node.is_string() || !value) {
      throw std::invalid_argument(where + "entry '" + std::string(word.str()) +
                                  "': expected a string (a respelling or \"/IPA/\")");
    }
    entries[std::string(word.str())] = *value;
  }
  return entries;
}

// "word=value, other=value" (environment form).
std::map<std::string, std::string> from_pairs(const std::string& text) {
  std::map<std::string, std::string> entries;
  std::istringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    const auto eq = item.find('=');
    if (item.find_first_not_of(" \t") == std::string::npos) continue;
    if (eq == std::string::npos) throw std::invalid_argument("expected word=value pairs, got '" + item + "'");
    entries[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return entries;
}

std::string print_table(const std::map<std::string, std::string>& entries) {
  std::string out = "{";
  for (const auto& [word, value] : entries) {
    out += (out.size() > 1 ? ", " : " ") + toml_string(word) + " = " + toml_string(value);
  }
  return out + (entries.empty() ? "}" : " }");
}

void set_file(ServerConfig& c, const std::string& path) {
  c.router.lexicon_file = path;
  c.router.lexicon_file_entries = path.empty() ? std::map<std::string, std::string>{} : read_lexicon_file(path);
}

}  // namespace

std::map<std::string, std::string> read_lexicon_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot read lexicon file '" + path + "'");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_lexicon_text(buffer.str(), path);
}

std::map<std::string, std::string> parse_lexicon_text(const std::string& text,
                                                      const std::string& path) {
  const std::string where = path + ": ";
  if (path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0) {
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) throw std::invalid_argument(where + "expected a JSON object");
    std::map<std::string, std::string> entries;
    for (const auto& [word, value] : json.items()) {
      if (!value.is_string()) throw std::invalid_argument(where + "entry '" + word + "': expected a string");
      entries[word] = value.get<std::string>();
    }
    return entries;
  }
  try {
    return from_toml_table(toml::parse(text, path), where);
  } catch (const toml::parse_error& e) {
    throw std::invalid_argument(where + std::string(e.description()));
  }
}

std::vector<ConfigKey> lexicon_config_keys() {
  return {
      {"text.lexicon",
       "server lexicon { \"word\" = \"respelling\" or \"/IPA/\" }; environment form: word=value,...",
       [](ServerConfig& c, const toml::node& node) {
         const toml::table* table = node.as_table();
         if (!table) throw std::invalid_argument("expected a table of word = \"value\"");
         c.router.lexicon = from_toml_table(*table, "");
       },
       [](ServerConfig& c, const std::string& text) { c.router.lexicon = from_pairs(text); },
       [](const ServerConfig& c) { return print_table(c.router.lexicon); }},
      {"text.lexicon_file", "TOML or JSON file of lexicon entries (text.lexicon wins)",
       [](ServerConfig& c, const toml::node& node) {
         auto value = node.value<std::string>();
         if (!node.is_string() || !value) throw std::invalid_argument("expected a string");
         set_file(c, *value);
       },
       set_file, [](const ServerConfig& c) { return toml_string(c.router.lexicon_file); }},
  };
}

}  // namespace chorus
