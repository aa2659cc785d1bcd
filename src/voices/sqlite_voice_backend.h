#pragma once
// Voices in one SQLite file (the default: <data_dir>/voices.sqlite3), WAL journal, foreign keys
// on. One connection behind a mutex: writes are rare and small, reads are one row. The schema
// version is SQLite's own `PRAGMA user_version`.
#include <map>
#include <memory>
#include <mutex>

#include "voices/voice_backend.h"

namespace chorus::voices {

class SqliteDb;

class SqliteVoiceBackend : public VoiceBackend {
 public:
  // Opens or creates the file (its directory must exist) and migrates it. Throws on failure.
  explicit SqliteVoiceBackend(std::string path);
  ~SqliteVoiceBackend() override;

  void insert(const VoiceRow& row, const std::function<void()>& before_commit) override;
  std::vector<VoiceRecord> list() override;
  std::optional<VoiceRecord> get(const std::string& id) override;
  bool remove(const std::string& id) override;
  std::optional<SpeakerRow> speaker(const std::string& id) override;
  std::optional<std::string> load_embedding(const EmbeddingKey& key) override;
  void store_embedding(const EmbeddingKey& key, const std::string& blob) override;
  void with_embedding_lock(const EmbeddingKey& key, const std::function<void()>& body) override;
  bool available() override { return true; }  // an open file does not go away
  std::string describe() const override { return "sqlite:" + path_; }

 private:
  bool exists_locked(const std::string& id);  // caller holds mutex_

  std::string path_;
  std::mutex mutex_;
  std::unique_ptr<SqliteDb> db_;
};

}  // namespace chorus::voices
