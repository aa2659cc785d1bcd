#pragma once
// What the Wyoming listener shares with the HTTP edge in the same process: the router (engines,
// admission, breakers, cloned voices), the result cache and the server's drain state.
#include <cstddef>
#include <functional>
#include <memory>

#include "cache/result_cache.h"
#include "router/router.h"

namespace chorus::wyoming {

struct Services {
  std::shared_ptr<Router> router;
  std::shared_ptr<ResultCache> cache;  // null when the cache is disabled
  // Counts one synthesis as in flight until the token is released (graceful shutdown waits).
  std::function<std::shared_ptr<void>()> track;
  std::function<bool()> draining;  // true once the server is shutting down
  std::size_t max_input_chars = 4096;
};

}  // namespace chorus::wyoming
