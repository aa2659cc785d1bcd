#pragma once
// Voices in PostgreSQL, shared by every replica that points at the same database. The schema
// is versioned in a schema_version table and migrated on the first connection (under an
// advisory lock, so replicas starting together migrate once). The database may be down when
// the server starts or at any time later: operations then throw VoiceStoreUnavailable and the
// pool reconnects on the next use.
#include <atomic>
#include <memory>
#include <mutex>

#include "voices/pg_pool.h"
#include "voices/voice_backend.h"

namespace chorus::voices {

class PostgresVoiceBackend : public VoiceBackend {
 public:
  static constexpr std::size_t kDefaultPoolSize = 4;

  // Tries to connect and migrate now; a database that is down is logged, not fatal.
  explicit PostgresVoiceBackend(std::string url, std::size_t pool_size = kDefaultPoolSize);

  void insert(const VoiceRow& row, const std::function<void()>& before_commit) override;
  std::vector<VoiceRecord> list() override;
  std::optional<VoiceRecord> get(const std::string& id) override;
  bool remove(const std::string& id) override;
  std::optional<SpeakerRow> speaker(const std::string& id) override;
  std::optional<std::string> load_embedding(const EmbeddingKey& key) override;
  void store_embedding(const EmbeddingKey& key, const std::string& blob) override;
  void with_embedding_lock(const EmbeddingKey& key, const std::function<void()>& body) override;
  bool available() override;
  std::string describe() const override { return masked_url_; }

 private:
  void migrate(PgConnection& connection);

  std::string url_;  // with its password: for connections only, never for logs
  std::string masked_url_;
  std::atomic<bool> migrated_{false};
  std::mutex migrate_mutex_;
  PgPool pool_;
};

}  // namespace chorus::voices
