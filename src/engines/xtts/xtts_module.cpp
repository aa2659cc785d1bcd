#include "engines/xtts/xtts_module.h"

#include <limits>

#include "engines/xtts/xtts_engine.h"

namespace chorus::xtts {
namespace {

constexpr long long kMaxMillis = std::numeric_limits<int>::max();

std::vector<EngineOption> options() {
  const XttsConfig defaults;
  using Kind = EngineOption::Kind;
  return {
      {"urls", "xtts-streaming-server endpoints", Kind::kList, std::vector<std::string>{}, 0, 0,
       "xtts-url"},
      {"connect_timeout_ms",
       "TCP connect limit per XTTS request; a dead GPU host fails fast and falls back",
       Kind::kMillis, static_cast<long long>(defaults.connect_timeout.count()), 0, kMaxMillis, {}},
      {"read_timeout_ms", "longest silence before and between streamed XTTS pieces", Kind::kMillis,
       static_cast<long long>(defaults.read_timeout.count()), 0, kMaxMillis, {}},
      {"clone_timeout_ms", "limit for computing a cloned voice's latents (/clone_speaker)",
       Kind::kMillis, static_cast<long long>(defaults.clone_timeout.count()), 0, kMaxMillis, {}},
      {"health_interval_ms", "period of the background health probe (0 = probe only on failures)",
       Kind::kMillis, static_cast<long long>(defaults.health_interval.count()), 0, kMaxMillis, {}},
      {"streams_per_endpoint", "simultaneous streams per XTTS endpoint (the reference server: 1)",
       Kind::kInteger, static_cast<long long>(defaults.max_streams_per_endpoint), 1, 64, {}},
  };
}

}  // namespace

XttsConfig config_from(const EngineOptions& options) {
  XttsConfig config;
  config.urls = options.list("urls");
  config.connect_timeout = options.millis("connect_timeout_ms");
  config.read_timeout = options.millis("read_timeout_ms");
  config.clone_timeout = options.millis("clone_timeout_ms");
  config.health_interval = options.millis("health_interval_ms");
  config.max_streams_per_endpoint = static_cast<int>(options.integer("streams_per_endpoint"));
  return config;
}

EngineModule engine_module() {
  EngineModule module;
  module.name = "xtts";
  module.options = options();
  // Best quality and voice cloning, but a remote GPU: first for tts-1-hd, last for tts-1.
  module.fast_rank = 40;
  module.best_rank = 10;
  // Created only when URLs are set. A malformed URL throws (a configuration mistake is reported
  // at start, not hidden); an unreachable endpoint starts unhealthy and recovers later.
  module.create = [](const EngineSettings&, const EngineOptions& options) -> std::shared_ptr<Engine> {
    XttsConfig config = config_from(options);
    if (config.urls.empty()) return nullptr;
    return std::make_shared<XttsEngine>(config);
  };
  return module;
}

}  // namespace chorus::xtts
