#include "engines/xtts/xtts_endpoint_pool.h"

#include <spdlog/spdlog.h>

namespace chorus::xtts {
namespace {

ClientTimeouts timeouts_of(const XttsConfig& config) {
  ClientTimeouts timeouts;
  timeouts.connect = config.connect_timeout;
  timeouts.read = config.read_timeout;
  timeouts.slow = config.clone_timeout;
  return timeouts;
}

// Waiting for a slot wakes at least this often to notice cancellation.
constexpr std::chrono::milliseconds kCancelPoll{50};

}  // namespace

EndpointPool::Lease::~Lease() {
  if (pool_) pool_->release(index_);
}

const XttsClient& EndpointPool::Lease::client() const { return pool_->client(index_); }

void EndpointPool::Lease::report_down(const std::string& reason) const {
  pool_->mark(index_, false, reason);
}

EndpointPool::EndpointPool(const XttsConfig& config, UpCallback on_up)
    : config_(config), on_up_(std::move(on_up)) {
  for (const auto& url : config_.urls) {
    endpoints_.push_back(std::make_unique<Endpoint>(XttsClient(url, timeouts_of(config_))));
  }
}

EndpointPool::~EndpointPool() {
  {
    std::lock_guard lock(monitor_mutex_);
    stopping_ = true;
  }
  monitor_wake_.notify_all();
  if (monitor_.joinable()) monitor_.join();
}

bool EndpointPool::any_healthy() const {
  std::lock_guard lock(mutex_);
  for (const auto& endpoint : endpoints_) {
    if (endpoint->healthy) return true;
  }
  return false;
}

bool EndpointPool::healthy(std::size_t index) const {
  std::lock_guard lock(mutex_);
  return endpoints_[index]->healthy;
}

std::size_t EndpointPool::busy(std::size_t index) const {
  std::lock_guard lock(mutex_);
  return endpoints_[index]->active;
}

void EndpointPool::mark(std::size_t index, bool healthy, const std::string& reason) {
  {
    std::lock_guard lock(mutex_);
    Endpoint& endpoint = *endpoints_[index];
    if (endpoint.healthy == healthy) return;
    endpoint.healthy = healthy;
  }
  if (healthy) {
    spdlog::info("xtts: endpoint {} is up", endpoints_[index]->client.url());
  } else {
    spdlog::warn("xtts: endpoint {} is down: {}", endpoints_[index]->client.url(), reason);
  }
  changed_.notify_all();
}

std::optional<std::size_t> EndpointPool::pick_locked() {
  std::optional<std::size_t> best;
  const std::size_t count = endpoints_.size();
  for (std::size_t step = 0; step < count; ++step) {
    const std::size_t i = (next_ + step) % count;
    const Endpoint& endpoint = *endpoints_[i];
    if (!endpoint.healthy) continue;
    if (endpoint.active >= static_cast<std::size_t>(config_.max_streams_per_endpoint)) continue;
    if (!best || endpoint.active < endpoints_[*best]->active) best = i;
  }
  if (best) next_ = (*best + 1) % count;
  return best;
}

void EndpointPool::release(std::size_t index) {
  {
    std::lock_guard lock(mutex_);
    --endpoints_[index]->active;
  }
  changed_.notify_all();
}

std::optional<EndpointPool::Lease> EndpointPool::acquire(const CancelToken& cancel) {
  if (!any_healthy()) check_health();
  const auto deadline = std::chrono::steady_clock::now() + config_.slot_wait;
  std::unique_lock lock(mutex_);
  while (true) {
    if (cancel.cancelled()) return std::nullopt;
    if (auto index = pick_locked()) {
      ++endpoints_[*index]->active;
      return Lease(this, *index);
    }
    bool any_up = false;
    for (const auto& endpoint : endpoints_) any_up = any_up || endpoint->healthy;
    if (!any_up) throw EndpointUnavailable("xtts: no XTTS endpoint is reachable");
    if (std::chrono::steady_clock::now() >= deadline) {
      throw EngineError("xtts: every XTTS endpoint stayed busy for " +
                        std::to_string(config_.slot_wait.count()) + " ms");
    }
    changed_.wait_for(lock, kCancelPoll);
  }
}

std::size_t EndpointPool::check_health() {
  std::lock_guard probe_lock(probe_mutex_);
  std::size_t up = 0;
  for (std::size_t i = 0; i < endpoints_.size(); ++i) {
    try {
      auto languages = endpoints_[i]->client.languages(config_.health_timeout);
      mark(i, true, {});
      ++up;
      if (on_up_) on_up_(endpoints_[i]->client, languages);
    } catch (const std::exception& error) {
      mark(i, false, error.what());
    }
  }
  return up;
}

void EndpointPool::start_monitor(std::chrono::milliseconds interval) {
  if (interval.count() <= 0 || monitor_.joinable()) return;
  monitor_ = std::thread([this, interval] {
    std::unique_lock lock(monitor_mutex_);
    while (!stopping_) {
      if (monitor_wake_.wait_for(lock, interval, [this] { return stopping_; })) break;
      lock.unlock();
      check_health();
      lock.lock();
    }
  });
}

}  // namespace chorus::xtts
