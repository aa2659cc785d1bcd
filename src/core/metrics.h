#pragma once
// Process-wide Prometheus metrics (prometheus-cpp core), rendered by GET /metrics. Call sites
// use the named recording functions below, so metric names and labels live in one place.
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace chorus {

struct EngineGauges {
  std::string engine;
  bool healthy = true;
  double active = 0;
  double queued = 0;
  int breaker_state = 0;  // 0 closed, 1 open, 2 half-open
  // Engine-specific figures (Engine::stats(), e.g. Piper's loaded voices): name -> value.
  std::vector<std::pair<std::string, double>> stats;
};

class Metrics {
 public:
  static Metrics& instance();

  void request_finished(const std::string& route, int status, const std::string& engine,
                        const std::string& format, double seconds);
  void first_byte(const std::string& engine, const std::string& format, double seconds);
  void queue_wait(const std::string& engine, double seconds);
  void fallback(const std::string& from_engine, const std::string& reason);
  void audio_produced(const std::string& engine, double audio_seconds, double synthesis_seconds);
  void cache_lookup(bool hit);
  void cache_size(double bytes, double entries);
  // The Redis tier (cache/redis_tier.h): a lookup's result (hit, miss, corrupt, error), a
  // store's (stored, too_large, error), and whether the last command reached Redis.
  void redis_lookup(const std::string& result);
  void redis_store(const std::string& result);
  void redis_up(bool up);
  void circuit_opened(const std::string& engine);
  // A 429 answered, by error code (rate_limit_exceeded, server_busy, too_many_streams).
  void throttled(const std::string& code);

  // Creates every labelled series that can be known in advance at zero, so dashboards and
  // rate() see them from the start rather than from their first event.
  void declare_engines(const std::vector<std::string>& engines);

  // Updates the engine gauges, then serializes everything in the text exposition format.
  std::string render(const std::vector<EngineGauges>& engines);

 private:
  Metrics();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chorus
