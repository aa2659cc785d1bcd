#pragma once
// Warm-up: the configured phrases (cache.warmup) synthesized into the result cache at start,
// exactly as a /v1/audio/speech request with the same fields would be, so the first real
// request for one is a hit. Failures are logged and skipped, never fatal.
#include <functional>
#include <memory>
#include <vector>

#include "cache/cache_config.h"
#include "cache/result_cache.h"
#include "router/router.h"

namespace chorus {

struct WarmupOutcome {
  std::size_t stored = 0;  // phrases now in the cache (synthesized or already there)
  std::size_t failed = 0;
};

// `stop` is polled between phrases (shutdown during warm-up).
WarmupOutcome warm_up_cache(const Router& router, std::shared_ptr<ResultCache> cache,
                            const std::vector<WarmupPhrase>& phrases,
                            const std::function<bool()>& stop);

}  // namespace chorus
