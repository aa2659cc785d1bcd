#include "config/warmup_key.h"

#include <toml++/toml.h>

#include <sstream>
#include <stdexcept>

namespace chorus {
namespace {

WarmupPhrase warmup_phrase(const toml::table& table) {
  WarmupPhrase phrase;
  for (const auto& entry : table) {
    std::string name(entry.first.str());
    const toml::node& node = entry.second;
    auto text = [&]() {
      auto value = node.value<std::string>();
      if (!node.is_string() || !value) throw std::invalid_argument(name + ": expected a string");
      return *value;
    };
    if (name == "voice") phrase.voice = text();
    else if (name == "text") phrase.text = text();
    else if (name == "format") phrase.format = text();
    else if (name == "model") phrase.model = text();
    else if (name == "language") phrase.language = text();
    else if (name == "speed") {
      auto value = node.value<double>();
      if (!node.is_number() || !value) throw std::invalid_argument("speed: expected a number");
      phrase.speed = *value;
    } else {
      throw std::invalid_argument("unknown field '" + name +
                                  "' (voice, text, format, model, language, speed)");
    }
  }
  return phrase;
}

std::vector<WarmupPhrase> warmup_phrases(const toml::node& node) {
  const toml::array* array = node.as_array();
  if (!array) throw std::invalid_argument("expected an array of tables {voice, text, ...}");
  std::vector<WarmupPhrase> phrases;
  for (const auto& element : *array) {
    const toml::table* table = element.as_table();
    if (!table) throw std::invalid_argument("expected an array of tables {voice, text, ...}");
    phrases.push_back(warmup_phrase(*table));
  }
  return phrases;
}

std::string warmup_toml(const std::vector<WarmupPhrase>& phrases) {
  std::string out = "[";
  for (const auto& phrase : phrases) {
    if (out.size() > 1) out += ", ";
    out += "{ voice = " + quote_toml(phrase.voice) + ", text = " + quote_toml(phrase.text) +
           ", format = " + quote_toml(phrase.format) + ", model = " + quote_toml(phrase.model);
    if (phrase.language) out += ", language = " + quote_toml(*phrase.language);
    std::ostringstream speed;
    speed << toml::value<double>(phrase.speed);
    out += ", speed = " + speed.str() + " }";
  }
  return out + "]";
}

}  // namespace

ConfigKey warmup_key() {
  return {"cache.warmup",
          "phrases synthesized into the cache at start: [{voice, text, format, model, language, "
          "speed}]",
          [](ServerConfig& c, const toml::node& node) { c.cache.warmup = warmup_phrases(node); },
          [](ServerConfig& c, const std::string& text) {
            toml::table parsed;
            try {
              parsed = toml::parse("warmup = " + text);
            } catch (const toml::parse_error& e) {
              throw std::invalid_argument("expected a TOML array of tables: " +
                                          std::string(e.description()));
            }
            c.cache.warmup = warmup_phrases(*parsed.get("warmup"));
          },
          [](const ServerConfig& c) { return warmup_toml(c.cache.warmup); }};
}

}  // namespace chorus
