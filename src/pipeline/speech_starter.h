#pragma once
// Starts a request on the first candidate engine that can serve it: skips engines that are
// unhealthy, whose circuit is open or whose queue is full, and falls back when an engine fails
// or stays silent before its first audio. After the first bytes the choice is final.
#include <memory>
#include <string>
#include <vector>

#include "cache/cache_recorder.h"
#include "cache/result_cache.h"
#include "pipeline/speech_stream.h"
#include "router/router.h"

namespace chorus {

// How one request uses the result cache (absent: not at all).
struct CacheUse {
  std::shared_ptr<ResultCache> cache;
  bool lookup = true;  // false for Cache-Control: no-cache (fresh audio, still stored)
  bool store = true;   // false for Cache-Control: no-store
};

struct StartedSpeech {
  // A cache hit: the whole response, no stream; `fallback_reason` says which candidates this
  // request skipped before the one whose cached audio it got.
  std::shared_ptr<const CachedSpeech> cached;
  std::string fallback_reason;
  // Set when a stream's audio should be stored in the cache once it completes.
  std::shared_ptr<CacheRecorder> recorder;
  std::unique_ptr<SpeechStream> stream;
  std::string first_bytes;  // encoded audio produced before the caller sends headers
  bool complete = false;    // the whole response is in first_bytes (or in `cached`)
  // Released when the response ends: in-flight tracking, per-client stream slots.
  std::vector<std::shared_ptr<void>> holds;
};

// Throws ApiError: 429 when every candidate was busy, 503 when none could serve. With a cache,
// each candidate that would be tried is first looked up under its own plan's key, so a hit is
// always audio of the engine that would otherwise have served now (fallbacks included).
StartedSpeech start_speech(const Router& router, const SpeechRequest& request,
                           StreamOptions options = {}, const CacheUse* cache = nullptr);

}  // namespace chorus
