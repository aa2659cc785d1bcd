#include "voices/pg_pool.h"

#include <chrono>
#include <utility>

#include "voices/voice_store_errors.h"

namespace chorus::voices {
namespace {

constexpr auto kWaitForConnection = std::chrono::seconds(10);

}  // namespace

PgPool::PgPool(std::string url, std::size_t size, std::function<void(PgConnection&)> on_connect)
    : url_(std::move(url)), size_(size < 1 ? 1 : size), on_connect_(std::move(on_connect)) {}

PgPool::~PgPool() = default;

std::unique_ptr<PgConnection> PgPool::take(bool& reused) {
  {
    std::unique_lock lock(mutex_);
    if (!returned_.wait_for(lock, kWaitForConnection,
                            [this] { return !idle_.empty() || open_ < size_; })) {
      throw VoiceStoreUnavailable();
    }
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      reused = true;
      return connection;
    }
    ++open_;
  }
  reused = false;
  try {
    auto connection = std::make_unique<PgConnection>(url_);
    if (on_connect_) on_connect_(*connection);
    return connection;
  } catch (...) {
    std::lock_guard lock(mutex_);
    --open_;
    returned_.notify_one();
    throw;
  }
}

void PgPool::release(std::unique_ptr<PgConnection> connection) {
  if (!connection) return;
  std::vector<std::unique_ptr<PgConnection>> dropped;
  {
    std::lock_guard lock(mutex_);
    if (connection->broken()) {
      // One dead connection means the server went away: the idle ones are dead too.
      dropped = std::move(idle_);
      idle_.clear();
      open_ -= 1 + dropped.size();
      dropped.push_back(std::move(connection));
    } else {
      idle_.push_back(std::move(connection));
    }
    returned_.notify_all();
  }
  // `dropped` closes its connections here, outside the lock.
}

void PgPool::run(const std::function<void(PgConnection&)>& work) {
  for (int attempt = 0;; ++attempt) {
    bool reused = false;
    auto connection = take(reused);
    try {
      work(*connection);
      release(std::move(connection));
      return;
    } catch (const VoiceStoreUnavailable&) {
      const bool retry = reused && attempt == 0 && connection->broken();
      release(std::move(connection));
      if (!retry) throw;
    } catch (...) {
      release(std::move(connection));
      throw;
    }
  }
}

}  // namespace chorus::voices
