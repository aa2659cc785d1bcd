#pragma once
// Configuration an engine declares for itself. Each engine lists its keys (under
// `engines.<engine>.`), their kinds, defaults, bounds and help in its own folder; the
// configuration table, `chorus config show`, the environment overrides and the command line
// are built from these lists, so no code outside the engine's folder names its settings.
#include <chrono>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace chorus {

using EngineOptionValue = std::variant<long long, bool, std::string, std::vector<std::string>, double>;

struct EngineOption {
  enum class Kind { kInteger, kMillis, kString, kList, kBool, kNumber };
  std::string key;   // leaf under engines.<engine>., e.g. "urls"
  std::string help;
  Kind kind = Kind::kString;
  EngineOptionValue default_value;
  long long min = 0;  // kInteger, kMillis and kNumber bounds (inclusive)
  long long max = 0;
  std::string cli_flag;  // non-empty: also a command-line flag of serve/say/voices ("xtts-url")
  // Shown masked by `chorus config show` (API keys).
  bool secret = false;
};

// The values of one engine's options: what the configuration set, over the declared defaults.
class EngineOptions {
 public:
  void set(const std::string& key, EngineOptionValue value) { values_[key] = std::move(value); }
  bool has(const std::string& key) const { return values_.count(key) > 0; }
  // The stored value, set to `fallback` first when there is none (configuration readers write
  // through it).
  EngineOptionValue& slot(const std::string& key, const EngineOptionValue& fallback) {
    return values_.try_emplace(key, fallback).first->second;
  }
  // Throws std::out_of_range for a key that is neither set nor declared.
  const EngineOptionValue& get(const std::string& key) const { return values_.at(key); }
  long long integer(const std::string& key) const { return std::get<long long>(get(key)); }
  std::chrono::milliseconds millis(const std::string& key) const {
    return std::chrono::milliseconds(integer(key));
  }
  bool boolean(const std::string& key) const { return std::get<bool>(get(key)); }
  double number(const std::string& key) const { return std::get<double>(get(key)); }
  const std::string& text(const std::string& key) const { return std::get<std::string>(get(key)); }
  const std::vector<std::string>& list(const std::string& key) const {
    return std::get<std::vector<std::string>>(get(key));
  }
  // These values over `defaults` (every declared option, at its default unless set here).
  EngineOptions over_defaults(const std::vector<EngineOption>& defaults) const {
    EngineOptions merged;
    for (const auto& option : defaults) merged.set(option.key, option.default_value);
    for (const auto& [key, value] : values_) merged.set(key, value);
    return merged;
  }

 private:
  std::map<std::string, EngineOptionValue> values_;
};

}  // namespace chorus
