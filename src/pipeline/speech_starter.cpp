#include "pipeline/speech_starter.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "core/api_error.h"
#include "core/metrics.h"
#include "pipeline/speech_cache_key.h"
#include "text/utf8.h"

namespace chorus {

namespace {

// One-shot clones (POST /v1/audio/clone) carry their reference in the request: never cached.
bool cacheable(const SpeechRequest& request, const CacheUse* cache) {
  return cache && cache->cache && !request.cloned_voice &&
         cache->cache->accepts(utf8_length(request.input)) && (cache->lookup || cache->store);
}

std::shared_ptr<CacheRecorder> recorder_for(const CacheUse& cache, std::string key,
                                            const SpeechPlan& plan) {
  if (!cache.store) return nullptr;
  CachedSpeech description;
  description.engine = plan.engine->info().name;
  description.voice = plan.voice.id;
  description.language = plan.language;
  description.clone_method = plan.clone_method;
  description.watermarked = plan.watermark.has_value();
  return std::make_shared<CacheRecorder>(cache.cache, std::move(key), std::move(description));
}

}  // namespace

StartedSpeech start_speech(const Router& router, const SpeechRequest& request,
                           StreamOptions options, const CacheUse* cache) {
  std::vector<RouteCandidate> candidates = router.route(request);
  const bool use_cache = cacheable(request, cache);
  // One lookup counted per request: a hit if any candidate's key was found, else a miss.
  bool looked_up = false;
  struct MissCounter {
    const bool& looked_up;
    bool hit = false;
    ~MissCounter() {
      if (looked_up && !hit) ResultCache::count_lookup(false);
    }
  } miss_counter{looked_up};
  FrontEndMemo front_end;  // the text is analysed once per language and chunk limit
  std::string reasons;  // why earlier candidates did not serve, for X-Chorus-Fallback
  bool all_busy = true;
  int retry_after = 0;  // the soonest a busy engine expects a free slot
  auto note = [&](const RouteCandidate& candidate, const std::string& kind,
                  const std::string& why) {
    if (!reasons.empty()) reasons += "; ";
    reasons += candidate.engine->info().name + ": " + why;
    spdlog::warn("engine {} skipped: {}", candidate.engine->info().name, why);
    Metrics::instance().fallback(candidate.engine->info().name, kind);
  };

  for (const RouteCandidate& candidate : candidates) {
    const std::string& name = candidate.engine->info().name;
    if (!candidate.engine->healthy()) {
      all_busy = false;
      note(candidate, "unhealthy", "unhealthy");
      continue;
    }
    CircuitBreaker& breaker = router.breaker(name);
    if (!breaker.allow()) {
      all_busy = false;
      note(candidate, "circuit_open", "circuit open after repeated failures");
      continue;
    }
    CircuitBreaker::Pass pass(breaker);  // no verdict unless the engine ran
    SpeechPlan plan = router.plan_for(request, candidate, &front_end);
    std::string key;
    if (use_cache) {
      key = speech_cache_key(plan, request.instructions, options.streaming_container);
      if (cache->lookup) {
        if (auto hit = cache->cache->find(key)) {
          ResultCache::count_lookup(true);
          miss_counter.hit = true;
          StartedSpeech started;
          started.cached = std::move(hit);
          started.fallback_reason = reasons;
          started.complete = true;
          return started;
        }
        looked_up = true;
      }
    }
    try {
      auto queued_at = std::chrono::steady_clock::now();
      plan.admission = router.admission(name).enter();
      Metrics::instance().queue_wait(
          name, std::chrono::duration<double>(std::chrono::steady_clock::now() - queued_at).count());
    } catch (const ApiError& busy) {
      // Not the engine's fault: no verdict for the breaker (the pass is released).
      if (busy.retry_after() > 0 && (retry_after == 0 || busy.retry_after() < retry_after)) {
        retry_after = busy.retry_after();
      }
      note(candidate, "overloaded", "overloaded");
      continue;
    }
    all_busy = false;
    plan.fallback_reason = reasons;
    StartedSpeech started;
    if (use_cache) started.recorder = recorder_for(*cache, std::move(key), plan);
    started.stream = std::make_unique<SpeechStream>(std::move(plan), options);
    try {
      if (!started.stream->next_within(started.first_bytes,
                                       router.config().first_audio_timeout)) {
        started.complete = true;
      }
      pass.succeeded();
      return started;
    } catch (const ApiError&) {
      throw;
    } catch (const std::exception& e) {
      if (pass.failed()) Metrics::instance().circuit_opened(name);
      note(candidate, "failed", std::string("failed before the first audio (") + e.what() + ")");
    }
  }
  if (all_busy) {
    throw ApiError(429, "The server is busy; retry shortly.", "rate_limit_error", {},
                   "server_busy")
        .with_retry_after(std::max(retry_after, 1));
  }
  throw ApiError(503, "No engine could serve this request: " + reasons + ".", "server_error", {},
                 "engine_unavailable");
}

}  // namespace chorus
