#include "pipeline/speech_starter.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "core/api_error.h"
#include "core/metrics.h"

namespace chorus {

StartedSpeech start_speech(const Router& router, const SpeechRequest& request,
                           StreamOptions options) {
  std::vector<RouteCandidate> candidates = router.route(request);
  std::string reasons;  // why earlier candidates did not serve, for X-Chorus-Fallback
  bool all_busy = true;
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
    SpeechPlan plan = router.plan_for(request, candidate);
    try {
      auto queued_at = std::chrono::steady_clock::now();
      plan.admission = router.admission(name).enter();
      Metrics::instance().queue_wait(
          name, std::chrono::duration<double>(std::chrono::steady_clock::now() - queued_at).count());
    } catch (const ApiError&) {
      breaker.release();  // not the engine's fault: no verdict for the breaker
      note(candidate, "overloaded", "overloaded");
      continue;
    }
    all_busy = false;
    plan.fallback_reason = reasons;
    StartedSpeech started;
    started.stream = std::make_unique<SpeechStream>(std::move(plan), options);
    try {
      if (!started.stream->next_within(started.first_bytes,
                                       router.config().first_audio_timeout)) {
        started.complete = true;
      }
      breaker.record_success();
      return started;
    } catch (const ApiError&) {
      throw;
    } catch (const std::exception& e) {
      breaker.record_failure();
      note(candidate, "failed", std::string("failed before the first audio (") + e.what() + ")");
    }
  }
  if (all_busy) {
    throw ApiError(429, "The server is busy; retry shortly.", "rate_limit_error", {},
                   "server_busy")
        .with_retry_after(1);
  }
  throw ApiError(503, "No engine could serve this request: " + reasons + ".", "server_error", {},
                 "engine_unavailable");
}

}  // namespace chorus
