#include "engines/remote/remote_module.h"

#include <limits>
#include <set>
#include <stdexcept>

#include "engines/remote/remote_engine.h"

namespace chorus::remote {
namespace {

constexpr long long kMaxMillis = std::numeric_limits<int>::max();

std::vector<EngineOption> options() {
  const RemoteConfig defaults;
  using Kind = EngineOption::Kind;
  auto millis = [](std::chrono::milliseconds value) { return static_cast<long long>(value.count()); };
  std::vector<EngineOption> list{
      {"url", "base URL of an OpenAI-compatible speech server (http://gpu-host:8880)",
       Kind::kString, std::string{}, 0, 0, "remote-url"},
      {"name", "engine name: voices are NAME:voice, model NAME, X-Chorus-Engine (default remote, remote2, ...)",
       Kind::kString, std::string{}, 0, 0, {}},
      {"api_key", "sent as Authorization: Bearer", Kind::kString, std::string{}, 0, 0, {}},
      {"model", "model sent with each request", Kind::kString, defaults.model, 0, 0, {}},
      {"voices", "voice ids when the server has no GET /v1/audio/voices (empty = ask it)",
       Kind::kList, std::vector<std::string>{}, 0, 0, {}},
      {"languages", "languages routed to it (empty = its voices' languages, else en)", Kind::kList,
       std::vector<std::string>{}, 0, 0, {}},
      {"sample_rate", "rate of the server's pcm answer (OpenAI: 24000)", Kind::kInteger,
       static_cast<long long>(defaults.sample_rate), 8000, 192000, {}},
      {"connect_timeout_ms", "TCP connect limit", Kind::kMillis, millis(defaults.connect_timeout), 1,
       kMaxMillis, {}},
      {"first_byte_timeout_ms", "limit from sending a request to its first audio byte",
       Kind::kMillis, millis(defaults.first_byte_timeout), 1, kMaxMillis, {}},
      {"read_timeout_ms", "longest gap between two pieces of a stream", Kind::kMillis,
       millis(defaults.read_timeout), 1, kMaxMillis, {}},
      {"health_interval_ms", "period of the health probe, which also refreshes the voices (0 = none)",
       Kind::kMillis, millis(defaults.health_interval), 0, kMaxMillis, {}},
      {"health_timeout_ms", "limit of one health probe", Kind::kMillis,
       millis(defaults.health_timeout), 1, kMaxMillis, {}},
      {"max_streams", "streams sent to the server at once", Kind::kInteger,
       static_cast<long long>(defaults.max_streams), 1, 1024, {}},
      {"ca_file", "CA certificates (PEM) for an https:// server with a private CA (empty = the system's)",
       Kind::kString, std::string{}, 0, 0, {}},
      {"probe_path", "health probe path (empty = /v1/audio/voices, or /v1/models with voices set)",
       Kind::kString, std::string{}, 0, 0, {}},
  };
  list[2].secret = true;
  return list;
}

RemoteConfig config_from(const EngineOptions& values) {
  RemoteConfig config;
  config.url = values.text("url");
  config.name = values.text("name");
  config.api_key = values.text("api_key");
  config.model = values.text("model");
  config.voices = values.list("voices");
  config.languages = values.list("languages");
  config.sample_rate = static_cast<int>(values.integer("sample_rate"));
  config.connect_timeout = values.millis("connect_timeout_ms");
  config.first_byte_timeout = values.millis("first_byte_timeout_ms");
  config.read_timeout = values.millis("read_timeout_ms");
  config.health_interval = values.millis("health_interval_ms");
  config.health_timeout = values.millis("health_timeout_ms");
  config.max_streams = static_cast<int>(values.integer("max_streams"));
  config.probe_path = values.text("probe_path");
  config.ca_file = values.text("ca_file");
  return config;
}

}  // namespace

std::vector<RemoteConfig> configs_from(const std::vector<EngineOptions>& instances) {
  static const std::vector<EngineOption> declared = options();
  std::vector<RemoteConfig> configs;
  std::set<std::string> names;
  for (const auto& instance : instances) configs.push_back(config_from(instance.over_defaults(declared)));
  for (const auto& config : configs) {
    if (!config.name.empty()) names.insert(config.name);
  }
  std::size_t unnamed = 0;
  std::set<std::string> taken;
  for (auto& config : configs) {
    if (config.name.empty()) {
      do {
        ++unnamed;
        config.name = unnamed == 1 ? "remote" : "remote" + std::to_string(unnamed);
      } while (names.count(config.name));
    }
    if (!taken.insert(config.name).second) {
      throw std::invalid_argument("engines.remote: two remote engines are named '" + config.name + "'");
    }
    config.Validate();
  }
  return configs;
}

EngineModule engine_module() {
  EngineModule module;
  module.name = "remote";
  module.options = options();
  module.instances = true;
  // Remote engines are not in the default orders: they come after the local engines unless
  // routing.fast_order / best_order name them.
  module.create = [](const EngineSettings&, const EngineOptions&) -> std::shared_ptr<Engine> {
    return nullptr;  // built per instance below
  };
  module.create_instances = [](const EngineSettings&, const std::vector<EngineOptions>& instances) {
    std::vector<std::shared_ptr<Engine>> engines;
    for (auto& config : configs_from(instances)) {
      engines.push_back(std::make_shared<RemoteEngine>(std::move(config)));
    }
    return engines;
  };
  return module;
}

}  // namespace chorus::remote
