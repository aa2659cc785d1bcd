#pragma once
// The configured XTTS endpoints, their health, and their stream slots. A request leases one
// healthy endpoint with a free slot (the least busy; ties go round robin) for its whole
// clone-and-stream sequence. Health is a flag per endpoint, set by probes (GET /languages with a
// short timeout) and cleared by transport failures, so healthy() never does I/O and a dead GPU
// host never blocks requests to other engines.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/cancel_token.h"
#include "engines/xtts/xtts_client.h"
#include "engines/xtts/xtts_config.h"

namespace chorus::xtts {

class EndpointPool {
 public:
  class Lease {
   public:
    Lease(EndpointPool* pool, std::size_t index) : pool_(pool), index_(index) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), index_(other.index_) { other.pool_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();

    const XttsClient& client() const;
    std::size_t index() const { return index_; }
    // Marks the endpoint down after a transport failure (EndpointUnavailable).
    void report_down(const std::string& reason) const;

   private:
    EndpointPool* pool_;
    std::size_t index_;
  };

  // Runs for every endpoint a probe finds up, with the languages it listed (the engine loads
  // studio speakers from the first one). Called on the probing thread.
  using UpCallback = std::function<void(const XttsClient&, const std::vector<std::string>&)>;

  // Endpoints count as down until the first probe; call check_health() once after construction.
  EndpointPool(const XttsConfig& config, UpCallback on_up);
  ~EndpointPool();
  EndpointPool(const EndpointPool&) = delete;
  EndpointPool& operator=(const EndpointPool&) = delete;

  // Waits (up to config.slot_wait) for a healthy endpoint with a free slot. When none is healthy
  // it probes the endpoints once before giving up. Returns nullopt when `cancel` fires while
  // waiting. Throws EndpointUnavailable when no endpoint is healthy, EngineError when all stay
  // busy for slot_wait.
  std::optional<Lease> acquire(const CancelToken& cancel);

  // Probes every endpoint now (GET /languages) and updates the flags; returns how many are up.
  std::size_t check_health();

  // Probes every `interval` on a background thread until destruction (0 = never).
  void start_monitor(std::chrono::milliseconds interval);

  bool any_healthy() const;
  bool healthy(std::size_t index) const;
  std::size_t size() const { return endpoints_.size(); }
  const XttsClient& client(std::size_t index) const { return endpoints_[index]->client; }
  std::size_t busy(std::size_t index) const;

 private:
  struct Endpoint {
    explicit Endpoint(XttsClient c) : client(std::move(c)) {}
    XttsClient client;
    bool healthy = false;
    std::size_t active = 0;
  };
  std::optional<std::size_t> pick_locked();
  void release(std::size_t index);
  void mark(std::size_t index, bool healthy, const std::string& reason);

  XttsConfig config_;
  UpCallback on_up_;
  std::vector<std::unique_ptr<Endpoint>> endpoints_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;  // a slot freed or an endpoint's health changed
  std::size_t next_ = 0;             // round-robin start among equally busy endpoints
  std::mutex probe_mutex_;           // one probe round at a time

  std::mutex monitor_mutex_;
  std::condition_variable monitor_wake_;
  bool stopping_ = false;
  std::thread monitor_;
};

}  // namespace chorus::xtts
