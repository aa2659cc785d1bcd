#include "config/config_keys.h"
#include "config/lexicon_keys.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <cmath>
#include <chrono>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "config/warmup_key.h"
#include "engines/engine_registry.h"

namespace chorus {

std::string quote_toml(const std::string& value) {
  std::ostringstream out;
  out << toml::value<std::string>(value);
  return out.str();
}

namespace {

template <typename Int>
Int parse_integer(const std::string& text, long long min, long long max) {
  std::size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    throw std::invalid_argument("expected an integer, got '" + text + "'");
  }
  if (used != text.size()) throw std::invalid_argument("expected an integer, got '" + text + "'");
  if (value < min || value > max) {
    throw std::invalid_argument("must be between " + std::to_string(min) + " and " +
                                std::to_string(max) + ", got " + text);
  }
  return static_cast<Int>(value);
}

template <typename Int, typename Get>
ConfigKey integer_key(std::string name, std::string help, long long min, long long max, Get get) {
  return {std::move(name), std::move(help),
          [=](ServerConfig& c, const toml::node& node) {
            // Only an integer node is read as one: toml++ converts a float by a cast, undefined
            // for 1e300 (found by the config fuzz target).
            if (!node.is_integer()) throw std::invalid_argument("expected an integer");
            auto value = node.value<long long>();
            if (!value) throw std::invalid_argument("expected an integer");
            get(c) = parse_integer<Int>(std::to_string(*value), min, max);
          },
          [=](ServerConfig& c, const std::string& text) { get(c) = parse_integer<Int>(text, min, max); },
          [=](const ServerConfig& c) {
            return std::to_string(get(const_cast<ServerConfig&>(c)));
          }};
}

template <typename Get>
ConfigKey millis_key(std::string name, std::string help, Get get) {
  return {std::move(name), std::move(help),
          [=](ServerConfig& c, const toml::node& node) {
            // The type first: toml++ casts a float such as 1e300 to an integer, which is
            // undefined (found by the config fuzz target).
            if (!node.is_integer()) {
              throw std::invalid_argument("expected a non-negative integer (milliseconds)");
            }
            auto value = node.value<long long>();
            if (!value || *value < 0) {
              throw std::invalid_argument("expected a non-negative integer (milliseconds)");
            }
            get(c) = std::chrono::milliseconds(*value);
          },
          [=](ServerConfig& c, const std::string& text) {
            get(c) = std::chrono::milliseconds(
                parse_integer<long long>(text, 0, std::numeric_limits<int>::max()));
          },
          [=](const ServerConfig& c) {
            return std::to_string(get(const_cast<ServerConfig&>(c)).count());
          }};
}

template <typename Get>
ConfigKey string_key(std::string name, std::string help, Get get) {
  return {std::move(name), std::move(help),
          [=](ServerConfig& c, const toml::node& node) {
            auto value = node.value<std::string>();
            if (!node.is_string() || !value) throw std::invalid_argument("expected a string");
            get(c) = *value;
          },
          [=](ServerConfig& c, const std::string& text) { get(c) = text; },
          [=](const ServerConfig& c) { return quote_toml(get(const_cast<ServerConfig&>(c))); }};
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, ',')) {
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) item.erase(0, 1);
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) item.pop_back();
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

template <typename Get>
ConfigKey list_key(std::string name, std::string help, Get get) {
  return {std::move(name), std::move(help),
          [=](ServerConfig& c, const toml::node& node) {
            const toml::array* array = node.as_array();
            if (!array) throw std::invalid_argument("expected an array of strings");
            std::vector<std::string> items;
            for (const auto& element : *array) {
              auto value = element.value<std::string>();
              if (!element.is_string() || !value) {
                throw std::invalid_argument("expected an array of strings");
              }
              items.push_back(*value);
            }
            get(c) = items;
          },
          [=](ServerConfig& c, const std::string& text) { get(c) = split_list(text); },
          [=](const ServerConfig& c) {
            std::string out = "[";
            for (const auto& item : get(const_cast<ServerConfig&>(c))) {
              if (out.size() > 1) out += ", ";
              out += quote_toml(item);
            }
            return out + "]";
          }};
}

ConfigKey log_format_key() {
  auto set = [](ServerConfig& c, const std::string& text) {
    if (text != "text" && text != "json") {
      throw std::invalid_argument("expected \"text\" or \"json\", got '" + text + "'");
    }
    c.log_json = text == "json";
  };
  return {"log_format", "access log format: text or json",
          [=](ServerConfig& c, const toml::node& node) {
            auto value = node.value<std::string>();
            if (!value) throw std::invalid_argument("expected a string");
            set(c, *value);
          },
          set, [](const ServerConfig& c) { return quote_toml(c.log_json ? "json" : "text"); }};
}

template <typename Get>
ConfigKey boolean_key(std::string name, std::string help, Get get) {
  auto parse = [](const std::string& text) {
    if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
    if (text == "false" || text == "0" || text == "no" || text == "off") return false;
    throw std::invalid_argument("expected true or false, got '" + text + "'");
  };
  return {std::move(name), std::move(help),
          [=](ServerConfig& c, const toml::node& node) {
            auto value = node.value<bool>();
            if (!node.is_boolean() || !value) throw std::invalid_argument("expected true or false");
            get(c) = *value;
          },
          [=](ServerConfig& c, const std::string& text) { get(c) = parse(text); },
          [=](const ServerConfig& c) {
            return std::string(get(const_cast<ServerConfig&>(c)) ? "true" : "false");
          }};
}

double parse_number(const std::string& text, double min, double max) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    throw std::invalid_argument("expected a number, got '" + text + "'");
  }
  if (used != text.size() || !std::isfinite(value)) throw std::invalid_argument("expected a number, got '" + text + "'");
  if (value < min || value > max) {
    std::ostringstream message;
    message << "must be between " << min << " and " << max << ", got " << text;
    throw std::invalid_argument(message.str());
  }
  return value;
}

template <typename Get>
ConfigKey number_key(std::string name, std::string help, double min, double max, Get get) {
  return {std::move(name), std::move(help),
          [=](ServerConfig& c, const toml::node& node) {
            auto value = node.value<double>();
            if (!(node.is_floating_point() || node.is_integer()) || !value) {
              throw std::invalid_argument("expected a number");
            }
            std::ostringstream text;
            text << *value;
            get(c) = parse_number(text.str(), min, max);
          },
          [=](ServerConfig& c, const std::string& text) { get(c) = parse_number(text, min, max); },
          [=](const ServerConfig& c) {
            std::ostringstream out;
            out << toml::value<double>(get(const_cast<ServerConfig&>(c)));
            return out.str();
          }};
}

// Per-engine admission limits live in a map; reading a key creates the engine's entry from the
// general limits so unspecified fields keep their defaults.
auto engine_limits(const std::string& engine) {
  return [engine](ServerConfig& c) -> std::size_t& {
    auto [it, inserted] = c.router.engine_admission.try_emplace(engine, c.router.admission);
    return it->second.max_active;
  };
}

// One option read and printed through `slot`, which finds (or makes) its value in the config.
ConfigKey option_key(const std::string& name, const EngineOption& option,
                     std::function<EngineOptionValue&(ServerConfig&)> slot) {
  using Kind = EngineOption::Kind;
  switch (option.kind) {
    case Kind::kInteger:
    case Kind::kMillis:
      return integer_key<long long>(name, option.help, option.min, option.max,
                                    [=](ServerConfig& c) -> long long& { return std::get<long long>(slot(c)); });
    case Kind::kBool:
      return boolean_key(name, option.help, [=](ServerConfig& c) -> bool& { return std::get<bool>(slot(c)); });
    case Kind::kString:
      return string_key(name, option.help,
                        [=](ServerConfig& c) -> std::string& { return std::get<std::string>(slot(c)); });
    case Kind::kNumber:
      return number_key(name, option.help, static_cast<double>(option.min), static_cast<double>(option.max),
                        [=](ServerConfig& c) -> double& { return std::get<double>(slot(c)); });
    case Kind::kList:
      break;
  }
  return list_key(name, option.help, [=](ServerConfig& c) -> std::vector<std::string>& {
    return std::get<std::vector<std::string>>(slot(c));
  });
}

// One key of an engine's own options (engines/engine_options.h), stored by name in
// EngineSettings::options so this file never knows what the engine does with it.
ConfigKey engine_option_key(const std::string& engine, const EngineOption& option) {
  std::string name = "engines." + engine + "." + option.key;
  return option_key(name, option, [engine, key = option.key, fallback = option.default_value](
                                      ServerConfig& c) -> EngineOptionValue& {
    return c.engines.options[engine].slot(key, fallback);
  });
}

// `[[engines.<module>]]` of a module with instances (EngineModule::instances): an array of
// tables, each read key by key with the module's option readers into one EngineOptions.
ConfigKey engine_instances_key(const EngineModule& module) {
  const std::string name = "engines." + module.name;
  const std::string engine = module.name;
  const std::vector<EngineOption> options = module.options;
  auto instance_slot = [engine](std::size_t index, const EngineOption& option) {
    return [engine, index, key = option.key,
            fallback = option.default_value](ServerConfig& c) -> EngineOptionValue& {
      return c.engines.instances[engine].at(index).slot(key, fallback);
    };
  };
  auto from_toml = [=](ServerConfig& c, const toml::node& node) {
    const toml::array* array = node.as_array();
    if (!array) throw std::invalid_argument("expected an array of tables ([[" + name + "]])");
    auto& list = c.engines.instances[engine];
    list.clear();
    for (const auto& element : *array) {
      const toml::table* table = element.as_table();
      if (!table) throw std::invalid_argument("expected an array of tables ([[" + name + "]])");
      const std::size_t index = list.size();
      list.emplace_back();
      for (const auto& [raw_key, value] : *table) {
        const std::string key(raw_key.str());
        auto option = std::find_if(options.begin(), options.end(),
                                   [&](const EngineOption& o) { return o.key == key; });
        if (option == options.end()) {
          throw std::invalid_argument("table " + std::to_string(index + 1) + ": unknown key '" +
                                      key + "'");
        }
        try {
          option_key(key, *option, instance_slot(index, *option)).from_toml(c, value);
        } catch (const std::invalid_argument& e) {
          throw std::invalid_argument("table " + std::to_string(index + 1) + ": " + key + ": " +
                                      e.what());
        }
      }
    }
  };
  // The environment takes the same array as TOML text: [{url = "http://..."}, ...].
  auto from_string = [=](ServerConfig& c, const std::string& text) {
    toml::table parsed;
    try {
      parsed = toml::parse("value = " + text);
    } catch (const toml::parse_error& e) {
      throw std::invalid_argument("expected a TOML array of inline tables: " +
                                  std::string(e.description()));
    }
    from_toml(c, *parsed.get("value"));
  };
  auto to_toml = [=](const ServerConfig& c) {
    auto& mutable_config = const_cast<ServerConfig&>(c);
    auto found = mutable_config.engines.instances.find(engine);
    std::string out = "[";
    if (found == mutable_config.engines.instances.end()) return out + "]";
    for (std::size_t index = 0; index < found->second.size(); ++index) {
      out += index ? ", {" : "{";
      bool first = true;
      for (const auto& option : options) {
        if (!found->second[index].has(option.key)) continue;
        std::string value = option_key(option.key, option, instance_slot(index, option)).to_toml(c);
        if (option.secret && value != quote_toml("")) value = quote_toml("***");  // masked
        out += (first ? " " : ", ") + option.key + " = " + value;
        first = false;
      }
      out += " }";
    }
    return out + "]";
  };
  std::string help = "one table per " + module.name + " engine, keys:";
  for (const auto& option : options) help += " " + option.key;
  return {name, help, from_toml, from_string, to_toml};
}

std::vector<ConfigKey> build_keys() {
  using C = ServerConfig;
  constexpr long long kMaxSize = std::numeric_limits<int>::max();
  std::vector<ConfigKey> keys{
      string_key("host", "address to listen on", [](C& c) -> std::string& { return c.host; }),
      integer_key<int>("port", "port to listen on (0 = any free port)", 0, 65535,
                       [](C& c) -> int& { return c.port; }),
      log_format_key(),
      string_key("default_language", "language for OpenAI voice names when none is given",
                 [](C& c) -> std::string& { return c.router.default_language; }),
      string_key("models_dir", "directory holding model files (<engine>/...)",
                 [](C& c) -> std::string& { return c.engines.models_dir; }),
      string_key("data_dir", "directory for cloned voices (voices.sqlite3)",
                 [](C& c) -> std::string& { return c.data_dir; }),
      string_key("voices.store",
                 "where cloned voices live: sqlite:PATH or a postgresql:// URL shared by "
                 "replicas (empty = <data_dir>/voices.sqlite3)",
                 [](C& c) -> std::string& { return c.voice_store; }),
      string_key("espeak_data_dir", "espeak-ng data directory (empty = the library's)",
                 [](C& c) -> std::string& { return c.engines.espeak_data_dir; }),
      integer_key<std::size_t>("limits.max_input_chars", "longest accepted input, characters", 1,
                               kMaxSize, [](C& c) -> std::size_t& { return c.speech.max_input_chars; }),
      integer_key<std::size_t>("limits.max_body_bytes", "largest accepted JSON body", 1024,
                               kMaxSize, [](C& c) -> std::size_t& { return c.max_body_bytes; }),
      integer_key<std::size_t>("limits.max_upload_bytes", "largest accepted voice sample upload",
                               1024, kMaxSize,
                               [](C& c) -> std::size_t& { return c.max_upload_bytes; }),
      integer_key<std::size_t>("limits.max_concurrent", "requests synthesized at once per engine",
                               1, 1024,
                               [](C& c) -> std::size_t& { return c.router.admission.max_active; }),
      integer_key<std::size_t>("limits.max_queued", "requests waiting per engine before 429", 0,
                               100000,
                               [](C& c) -> std::size_t& { return c.router.admission.max_queued; }),
      millis_key("limits.queue_wait_ms", "longest wait in an engine queue before 429",
                 [](C& c) -> std::chrono::milliseconds& { return c.router.admission.max_wait; }),
      integer_key<std::size_t>("limits.max_concurrent_clones",
                               "voice creations and one-shot clones processed at once", 1, 1024,
                               [](C& c) -> std::size_t& { return c.clone_admission.max_active; }),
      integer_key<std::size_t>("limits.max_queued_clones",
                               "voice creations and clones waiting before 429", 0, 100000,
                               [](C& c) -> std::size_t& { return c.clone_admission.max_queued; }),
      integer_key<int>("limits.read_timeout_s",
                       "seconds a client may pause while sending a request (per read)", 1,
                       3600, [](C& c) -> int& { return c.read_timeout_seconds; }),
      integer_key<int>("limits.idle_timeout_s",
                       "seconds a kept-alive connection may wait for its next request", 1, 3600,
                       [](C& c) -> int& { return c.idle_timeout_seconds; }),
      integer_key<int>("limits.write_timeout_s", "seconds a client may stall reading a response",
                       1, 3600, [](C& c) -> int& { return c.write_timeout_seconds; }),
      integer_key<std::size_t>("limits.http_threads", "HTTP worker threads (0 = derived)", 0,
                               4096, [](C& c) -> std::size_t& { return c.http_threads; }),
      list_key("routing.fast_order", "engine preference for model tts-1 (fastest first)",
               [](C& c) -> std::vector<std::string>& { return c.router.fast_order; }),
      list_key("routing.best_order", "engine preference for tts-1-hd and gpt-4o-mini-tts",
               [](C& c) -> std::vector<std::string>& { return c.router.best_order; }),
      integer_key<std::size_t>("routing.first_chunk_chars",
                               "length of the first chunk (audio starts after it)", 10, 10000,
                               [](C& c) -> std::size_t& { return c.router.first_chunk_chars; }),
      integer_key<std::size_t>("routing.breaker_failures",
                               "consecutive failures that take an engine out of rotation", 1, 1000,
                               [](C& c) -> std::size_t& { return c.router.breaker.failures_to_open; }),
      millis_key("routing.breaker_cool_down_ms", "how long a failing engine is skipped",
                 [](C& c) -> std::chrono::milliseconds& { return c.router.breaker.cool_down; }),
      millis_key("routing.first_audio_timeout_ms",
                 "engine silent this long before its first audio -> fall back",
                 [](C& c) -> std::chrono::milliseconds& { return c.router.first_audio_timeout; }),
      integer_key<int>("engines.onnx_threads", "ONNX Runtime threads per Run (0 = the engine's choice: 1, with chunks side by side)", 0,
                       1024, [](C& c) -> int& { return c.engines.onnx_intra_op_threads; }),
      integer_key<int>("engines.onnx_parallel_runs",
                       "ONNX Runtime Runs at once; more requests wait between batches (0 = one per core)", 0,
                       1024, [](C& c) -> int& { return c.engines.onnx_parallel_runs; }),
      list_key("auth.keys", "API keys accepted as Authorization: Bearer <key> (empty = no auth)",
               [](C& c) -> std::vector<std::string>& { return c.access.keys; }),
      list_key("auth.admin_keys", "API keys that may also manage every cloned voice",
               [](C& c) -> std::vector<std::string>& { return c.access.admin_keys; }),
      integer_key<std::size_t>("limits.requests_per_minute",
                               "requests per client (API key, else address) per minute; 0 = off",
                               0, 1000000,
                               [](C& c) -> std::size_t& { return c.access.requests_per_minute; }),
      integer_key<std::size_t>("limits.max_streams_per_client",
                               "simultaneous speech streams per client; 0 = unlimited", 0, 100000,
                               [](C& c) -> std::size_t& { return c.access.max_streams_per_client; }),
      integer_key<std::size_t>("limits.max_normalized_chars",
                               "longest text one request may expand to (lexicon, numbers, SSML)",
                               1, kMaxSize,
                               [](C& c) -> std::size_t& { return c.router.max_normalized_chars; }),
      integer_key<std::size_t>("limits.max_audio_seconds",
                               "longest audio one request may produce, seconds", 1, 86400,
                               [](C& c) -> std::size_t& { return c.router.max_audio_seconds; }),
      integer_key<std::size_t>("limits.max_header_count", "headers per request (more -> 431)", 8,
                               10000, [](C& c) -> std::size_t& { return c.edge.max_header_count; }),
      integer_key<std::size_t>("limits.max_header_bytes",
                               "bytes of all request headers together (more -> 431)", 1024,
                               1 << 20, [](C& c) -> std::size_t& { return c.edge.max_header_bytes; }),
      integer_key<int>("limits.listen_backlog", "connections the kernel queues before accept", 16,
                       65535, [](C& c) -> int& { return c.edge.listen_backlog; }),
      integer_key<std::size_t>("limits.max_connections",
                               "connections open at once; more get 503 and are closed", 16,
                               1000000, [](C& c) -> std::size_t& { return c.edge.max_connections; }),
      integer_key<std::size_t>(
          "limits.max_connections_per_address", "connections open at once from one client address",
          1, 1000000, [](C& c) -> std::size_t& { return c.edge.max_connections_per_address; }),
      integer_key<int>("limits.head_timeout_s",
                       "seconds a whole request head may take (after the idle timeout)", 1, 3600,
                       [](C& c) -> int& { return c.edge.head_timeout_seconds; }),
      integer_key<int>("limits.body_timeout_s",
                       "seconds a whole request body may take to arrive", 1, 86400,
                       [](C& c) -> int& { return c.edge.body_timeout_seconds; }),
      list_key("server.cors_origins",
               "origins whose pages may call the API (CORS), e.g. https://app.example; * = any",
               [](C& c) -> std::vector<std::string>& { return c.edge.cors_origins; }),
      list_key("server.allowed_hosts",
               "Host names accepted without API keys besides IP literals and localhost; * = any",
               [](C& c) -> std::vector<std::string>& { return c.edge.allowed_hosts; }),
      integer_key<int>("limits.shutdown_grace_s",
                       "seconds in-flight streams may finish after SIGTERM", 0, 3600,
                       [](C& c) -> int& { return c.shutdown_grace_seconds; }),
  };
  keys.push_back(boolean_key("cache.enabled", "serve repeated requests from the result cache",
                             [](C& c) -> bool& { return c.cache.enabled; }));
  constexpr long long kMaxBytes = std::numeric_limits<long long>::max();
  keys.push_back(integer_key<std::size_t>(
      "cache.memory_bytes", "in-memory cache budget, bytes", 0, kMaxBytes,
      [](C& c) -> std::size_t& { return c.cache.memory_bytes; }));
  keys.push_back(integer_key<std::size_t>(
      "cache.max_input_chars", "longest input (characters) whose audio is cached", 0, kMaxSize,
      [](C& c) -> std::size_t& { return c.cache.max_input_chars; }));
  keys.push_back(string_key("cache.disk_dir", "directory of the on-disk cache tier (empty = none)",
                            [](C& c) -> std::string& { return c.cache.disk_dir; }));
  keys.push_back(integer_key<std::size_t>(
      "cache.disk_bytes", "on-disk cache budget, bytes", 0, kMaxBytes,
      [](C& c) -> std::size_t& { return c.cache.disk_bytes; }));
  keys.push_back(string_key(
      "cache.redis_url",
      "shared cache tier on Redis, behind memory and disk, e.g. redis://:password@host:6379/0 "
      "or unix:/run/redis/redis.sock?db=0 (empty = none); replicas on one Redis share results",
      [](C& c) -> std::string& { return c.cache.redis_url; }));
  keys.push_back(integer_key<long long>(
      "cache.redis_ttl_seconds", "seconds a result stays in Redis after it is stored", 1,
      10LL * 365 * 24 * 3600, [](C& c) -> long long& { return c.cache.redis_ttl_seconds; }));
  keys.push_back(integer_key<std::size_t>(
      "cache.redis_max_entry_bytes", "largest entry stored in Redis, bytes", 0, 512LL << 20,
      [](C& c) -> std::size_t& { return c.cache.redis_max_entry_bytes; }));
  keys.push_back(integer_key<int>(
      "cache.redis_timeout_ms",
      "Redis connect and command timeout, ms; past it Redis counts as down (misses) and is "
      "retried after a back-off",
      1, 10000, [](C& c) -> int& { return c.cache.redis_timeout_ms; }));
  keys.push_back(warmup_key());
  // Every engine's admission limit and its own options, as its folder declares them.
  for (const auto& module : engine_modules()) {
    if (module.instances) {
      keys.push_back(engine_instances_key(module));
      continue;
    }
    keys.push_back(integer_key<std::size_t>("engines." + module.name + ".max_concurrent",
                                            "requests synthesized at once by " + module.name +
                                                " (default: limits.max_concurrent)",
                                            1, 1024, engine_limits(module.name)));
    for (const auto& option : module.options) keys.push_back(engine_option_key(module.name, option));
  }
  keys.push_back(string_key("wyoming.host",
                            "address of the Wyoming listener (Home Assistant); no API keys there",
                            [](C& c) -> std::string& { return c.wyoming.host; }));
  keys.push_back(integer_key<int>("wyoming.port",
                                  "Wyoming listener port (-1 = off, 0 = any free port)", -1, 65535,
                                  [](C& c) -> int& { return c.wyoming.port; }));
  keys.push_back(integer_key<std::size_t>(
      "wyoming.max_connections", "Wyoming connections open at once", 1, 100000,
      [](C& c) -> std::size_t& { return c.wyoming.max_connections; }));
  keys.push_back(integer_key<int>(
      "wyoming.idle_timeout_s", "Wyoming connection closed after this long idle, or with an event half received", 1,
      86400, [](C& c) -> int& { return c.wyoming.idle_timeout_seconds; }));
  keys.push_back(integer_key<int>(
      "wyoming.write_timeout_s", "Wyoming peer dropped when it reads no audio for this long", 1,
      86400, [](C& c) -> int& { return c.wyoming.write_timeout_seconds; }));
  keys.push_back(integer_key<std::size_t>(
      "wyoming.max_header_bytes", "longest Wyoming event header line", 256, kMaxSize,
      [](C& c) -> std::size_t& { return c.wyoming.frame.max_header_bytes; }));
  keys.push_back(integer_key<std::size_t>(
      "wyoming.max_data_bytes", "largest Wyoming event data block (the text is in it)", 1024,
      kMaxSize, [](C& c) -> std::size_t& { return c.wyoming.frame.max_data_bytes; }));
  keys.push_back(integer_key<std::size_t>(
      "wyoming.max_payload_bytes", "largest Wyoming event payload (read and ignored)", 0, kMaxSize,
      [](C& c) -> std::size_t& { return c.wyoming.frame.max_payload_bytes; }));
  keys.push_back(boolean_key("watermark.enabled",
                             "add the inaudible watermark to every voice's audio (docs/watermark.md)",
                             [](C& c) -> bool& { return c.router.watermark.enabled; }));
  keys.push_back(boolean_key("watermark.cloned_voices",
                             "add the watermark to cloned voices' audio, whatever watermark.enabled says",
                             [](C& c) -> bool& { return c.router.watermark.cloned_voices; }));
  keys.push_back(integer_key<std::uint32_t>(
      "watermark.server_id", "server number carried in the watermark, 0..4095", 0,
      audio::watermark::kMaxServerId,
      [](C& c) -> std::uint32_t& { return c.router.watermark.server_id; }));
  keys.push_back(list_key("watermark.unmarked_keys",
                          "admin API keys (auth.admin_keys) whose responses carry no watermark",
                          [](C& c) -> std::vector<std::string>& { return c.access.unmarked_keys; }));
  for (auto& key : lexicon_config_keys()) keys.push_back(std::move(key));
  return keys;
}

}  // namespace

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> keys = build_keys();
  return keys;
}

std::string env_name(const std::string& key) {
  std::string name = "CHORUS_";
  for (char c : key) {
    name += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

}  // namespace chorus
