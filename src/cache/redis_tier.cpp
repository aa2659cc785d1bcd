#include "cache/redis_tier.h"

#include <spdlog/spdlog.h>

#include "cache/redis_value.h"
#include "core/metrics.h"

namespace chorus {
namespace {

RedisClientOptions client_options(const RedisTierOptions& options) {
  RedisClientOptions client;
  client.endpoint = parse_redis_url(options.url);
  client.timeout = options.timeout;
  client.min_backoff = options.min_backoff;
  client.max_backoff = options.max_backoff;
  return client;
}

}  // namespace

RedisTier::RedisTier(const RedisTierOptions& options)
    : options_(options), client_(client_options(options)) {
  publish_state();
}

std::string RedisTier::key_for(const std::string& cache_key) {
  return "chorus:v" + std::to_string(kRedisValueVersion) + ":" + cache_key;
}

std::optional<CachedSpeech> RedisTier::find(const std::string& key) {
  const std::string redis_key = key_for(key);
  RedisResult result = client_.command({"GET", redis_key});
  publish_state();
  auto& metrics = Metrics::instance();
  if (result.outcome != RedisResult::Outcome::kReplied) {
    if (result.outcome == RedisResult::Outcome::kFailed) {
      spdlog::warn("cache: redis {} unavailable, lookups are misses for now: {}", endpoint(),
                   result.error);
    }
    metrics.redis_lookup("error");
    return std::nullopt;
  }
  switch (result.reply.kind) {
    case RedisReply::Kind::kNil:
      metrics.redis_lookup("miss");
      return std::nullopt;
    case RedisReply::Kind::kString:
      if (auto entry = decode_redis_value(result.reply.text)) {
        metrics.redis_lookup("hit");
        return entry;
      }
      spdlog::warn("cache: redis value {} is not a valid entry (another program's, or damaged); "
                   "treated as a miss", redis_key);
      metrics.redis_lookup("corrupt");
      return std::nullopt;
    default:
      // An error reply (WRONGTYPE for a key of another type, a server out of memory, ...).
      spdlog::warn("cache: redis GET {} answered: {}", redis_key,
                   result.reply.text.empty() ? "an unexpected reply" : result.reply.text);
      metrics.redis_lookup("error");
      return std::nullopt;
  }
}

bool RedisTier::insert(const std::string& key, const CachedSpeech& entry) {
  auto& metrics = Metrics::instance();
  std::string value = encode_redis_value(entry);
  if (value.size() > options_.max_entry_bytes) {
    metrics.redis_store("too_large");
    return false;
  }
  const std::string ttl = std::to_string(options_.ttl_seconds);
  RedisResult result = client_.command({"SET", key_for(key), value, "EX", ttl});
  publish_state();
  if (result.outcome == RedisResult::Outcome::kReplied &&
      result.reply.kind == RedisReply::Kind::kStatus) {
    metrics.redis_store("stored");
    return true;
  }
  if (result.outcome == RedisResult::Outcome::kFailed) {
    spdlog::warn("cache: redis {} unavailable, not storing for now: {}", endpoint(), result.error);
  } else if (result.outcome == RedisResult::Outcome::kReplied) {
    spdlog::warn("cache: redis SET answered: {}", result.reply.text);
  }
  metrics.redis_store("error");
  return false;
}

bool RedisTier::ping() {
  RedisResult result = client_.command({"PING"});
  publish_state();
  const bool up = result.outcome == RedisResult::Outcome::kReplied &&
                  result.reply.kind == RedisReply::Kind::kStatus;
  if (up) {
    spdlog::info("cache: redis tier {} is up (entries expire after {} s)", endpoint(),
                 options_.ttl_seconds);
  } else {
    spdlog::warn("cache: redis tier {} is not reachable yet ({}); serving without it until it "
                 "is", endpoint(),
                 result.error.empty() ? result.reply.text : result.error);
  }
  return up;
}

void RedisTier::publish_state() const {
  Metrics::instance().redis_up(client_.status().state == "up");
}

}  // namespace chorus
