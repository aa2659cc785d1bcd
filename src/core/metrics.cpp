#include "core/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <mutex>

namespace chorus {

namespace {
const prometheus::Histogram::BucketBoundaries kLatencyBuckets{
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};
}  // namespace

struct Metrics::Impl {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  prometheus::Family<prometheus::Counter>& requests =
      prometheus::BuildCounter().Name("chorus_requests_total")
          .Help("HTTP requests by route, status, engine and format").Register(*registry);
  prometheus::Family<prometheus::Histogram>& latency =
      prometheus::BuildHistogram().Name("chorus_request_duration_seconds")
          .Help("Total time to answer a request, by route").Register(*registry);
  prometheus::Family<prometheus::Histogram>& ttfb =
      prometheus::BuildHistogram().Name("chorus_time_to_first_byte_seconds")
          .Help("Time from request to the first audio byte, by engine and format")
          .Register(*registry);
  prometheus::Family<prometheus::Histogram>& queue_wait =
      prometheus::BuildHistogram().Name("chorus_queue_wait_seconds")
          .Help("Time requests waited for an engine slot").Register(*registry);
  prometheus::Family<prometheus::Counter>& fallbacks =
      prometheus::BuildCounter().Name("chorus_fallbacks_total")
          .Help("Requests an engine could not serve and passed on, by engine and reason")
          .Register(*registry);
  prometheus::Family<prometheus::Counter>& audio_seconds =
      prometheus::BuildCounter().Name("chorus_audio_seconds_total")
          .Help("Seconds of audio produced, by engine").Register(*registry);
  prometheus::Family<prometheus::Counter>& synthesis_seconds =
      prometheus::BuildCounter().Name("chorus_synthesis_seconds_total")
          .Help("Seconds engines spent synthesizing").Register(*registry);
  prometheus::Family<prometheus::Gauge>& rtf =
      prometheus::BuildGauge().Name("chorus_real_time_factor")
          .Help("Synthesis time divided by audio time since start, by engine (lower is faster)")
          .Register(*registry);
  prometheus::Family<prometheus::Counter>& cache =
      prometheus::BuildCounter().Name("chorus_cache_lookups_total")
          .Help("Result cache lookups by outcome (hit, miss)").Register(*registry);
  prometheus::Family<prometheus::Gauge>& cache_bytes =
      prometheus::BuildGauge().Name("chorus_cache_bytes")
          .Help("Bytes held by the in-memory result cache").Register(*registry);
  prometheus::Family<prometheus::Gauge>& cache_entries =
      prometheus::BuildGauge().Name("chorus_cache_entries")
          .Help("Entries in the in-memory result cache").Register(*registry);
  prometheus::Family<prometheus::Counter>& redis_lookups =
      prometheus::BuildCounter().Name("chorus_cache_redis_lookups_total")
          .Help("Lookups in the Redis cache tier by result (hit, miss, corrupt: a value that is "
                "not a valid entry, error: Redis unavailable or backing off)")
          .Register(*registry);
  prometheus::Family<prometheus::Counter>& redis_stores =
      prometheus::BuildCounter().Name("chorus_cache_redis_stores_total")
          .Help("Entries offered to the Redis cache tier by result (stored, too_large, error)")
          .Register(*registry);
  prometheus::Family<prometheus::Gauge>& redis_up =
      prometheus::BuildGauge().Name("chorus_cache_redis_up")
          .Help("1 when the last command to the Redis cache tier succeeded; 0 when it failed or "
                "no tier is configured").Register(*registry);
  prometheus::Family<prometheus::Gauge>& engine_stats =
      prometheus::BuildGauge().Name("chorus_engine_stat")
          .Help("Engine-specific figures by engine and stat (e.g. piper voices_loaded)")
          .Register(*registry);
  prometheus::Family<prometheus::Gauge>& healthy =
      prometheus::BuildGauge().Name("chorus_engine_healthy")
          .Help("1 when the engine can serve").Register(*registry);
  prometheus::Family<prometheus::Gauge>& active =
      prometheus::BuildGauge().Name("chorus_engine_active_requests")
          .Help("Requests being synthesized").Register(*registry);
  prometheus::Family<prometheus::Gauge>& queued =
      prometheus::BuildGauge().Name("chorus_engine_queue_depth")
          .Help("Requests waiting for a slot").Register(*registry);
  prometheus::Family<prometheus::Gauge>& breaker =
      prometheus::BuildGauge().Name("chorus_engine_circuit_state")
          .Help("Circuit breaker: 0 closed, 1 open, 2 half-open").Register(*registry);
  prometheus::Family<prometheus::Counter>& circuit_openings =
      prometheus::BuildCounter().Name("chorus_circuit_openings_total")
          .Help("Times an engine's circuit breaker opened after repeated failures")
          .Register(*registry);
  prometheus::Family<prometheus::Counter>& throttled =
      prometheus::BuildCounter().Name("chorus_throttled_requests_total")
          .Help("Requests answered 429, by error code").Register(*registry);
  std::mutex rtf_mutex;  // RTF is a ratio of two counters: update both under one lock
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}

Metrics& Metrics::instance() {
  static Metrics metrics;
  return metrics;
}

void Metrics::request_finished(const std::string& route, int status, const std::string& engine,
                               const std::string& format, double seconds) {
  impl_->requests
      .Add({{"route", route}, {"status", std::to_string(status)}, {"engine", engine},
            {"format", format}})
      .Increment();
  impl_->latency.Add({{"route", route}}, kLatencyBuckets).Observe(seconds);
}

void Metrics::first_byte(const std::string& engine, const std::string& format, double seconds) {
  impl_->ttfb.Add({{"engine", engine}, {"format", format}}, kLatencyBuckets).Observe(seconds);
}

void Metrics::queue_wait(const std::string& engine, double seconds) {
  impl_->queue_wait.Add({{"engine", engine}}, kLatencyBuckets).Observe(seconds);
}

void Metrics::fallback(const std::string& from_engine, const std::string& reason) {
  impl_->fallbacks.Add({{"engine", from_engine}, {"reason", reason}}).Increment();
}

void Metrics::audio_produced(const std::string& engine, double audio_seconds,
                             double synthesis_seconds) {
  std::lock_guard lock(impl_->rtf_mutex);
  auto& audio = impl_->audio_seconds.Add({{"engine", engine}});
  auto& synthesis = impl_->synthesis_seconds.Add({{"engine", engine}});
  audio.Increment(audio_seconds);
  synthesis.Increment(synthesis_seconds);
  if (audio.Value() > 0) impl_->rtf.Add({{"engine", engine}}).Set(synthesis.Value() / audio.Value());
}

void Metrics::cache_lookup(bool hit) {
  impl_->cache.Add({{"result", hit ? "hit" : "miss"}}).Increment();
}

void Metrics::cache_size(double bytes, double entries) {
  impl_->cache_bytes.Add({}).Set(bytes);
  impl_->cache_entries.Add({}).Set(entries);
}

void Metrics::redis_lookup(const std::string& result) {
  impl_->redis_lookups.Add({{"result", result}}).Increment();
}

void Metrics::redis_store(const std::string& result) {
  impl_->redis_stores.Add({{"result", result}}).Increment();
}

void Metrics::redis_up(bool up) { impl_->redis_up.Add({}).Set(up ? 1 : 0); }

void Metrics::circuit_opened(const std::string& engine) {
  impl_->circuit_openings.Add({{"engine", engine}}).Increment();
}

void Metrics::throttled(const std::string& code) {
  impl_->throttled.Add({{"code", code}}).Increment();
}

void Metrics::declare_engines(const std::vector<std::string>& engines) {
  // Add() returns the existing series when it is already there, so this is safe to repeat.
  for (const char* result : {"hit", "miss"}) impl_->cache.Add({{"result", result}});
  for (const char* code : {"rate_limit_exceeded", "server_busy", "too_many_streams"}) {
    impl_->throttled.Add({{"code", code}});
  }
  impl_->cache_bytes.Add({});
  impl_->cache_entries.Add({});
  for (const char* result : {"hit", "miss", "corrupt", "error"}) {
    impl_->redis_lookups.Add({{"result", result}});
  }
  for (const char* result : {"stored", "too_large", "error"}) {
    impl_->redis_stores.Add({{"result", result}});
  }
  impl_->redis_up.Add({});
  for (const auto& engine : engines) {
    for (const char* reason : {"unhealthy", "circuit_open", "overloaded", "failed"}) {
      impl_->fallbacks.Add({{"engine", engine}, {"reason", reason}});
    }
    impl_->circuit_openings.Add({{"engine", engine}});
    impl_->audio_seconds.Add({{"engine", engine}});
    impl_->synthesis_seconds.Add({{"engine", engine}});
    impl_->queue_wait.Add({{"engine", engine}}, kLatencyBuckets);
  }
}

std::string Metrics::render(const std::vector<EngineGauges>& engines) {
  for (const auto& engine : engines) {
    impl_->healthy.Add({{"engine", engine.engine}}).Set(engine.healthy ? 1 : 0);
    impl_->active.Add({{"engine", engine.engine}}).Set(engine.active);
    impl_->queued.Add({{"engine", engine.engine}}).Set(engine.queued);
    impl_->breaker.Add({{"engine", engine.engine}}).Set(engine.breaker_state);
    for (const auto& [stat, value] : engine.stats) {
      impl_->engine_stats.Add({{"engine", engine.engine}, {"stat", stat}}).Set(value);
    }
  }
  prometheus::TextSerializer serializer;
  return serializer.Serialize(impl_->registry->Collect());
}

}  // namespace chorus
