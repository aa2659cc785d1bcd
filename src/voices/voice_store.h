#pragma once
// Durable cloned voices: one SQLite file (voices.sqlite3) in the data directory, WAL journal,
// foreign keys on. A voice is written in one transaction, so a crash during an upload leaves
// either the whole voice or nothing. Thread-safe: one connection behind a mutex (writes are rare
// and small; reads are one row).
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "audio/voice_analysis.h"
#include "engines/speaker_reference.h"

namespace chorus::voices {

class SqliteDb;

struct VoiceRecord {
  std::string id;
  std::string name;      // free text, never used as a path
  std::string language;  // may be empty
  std::string consent;   // may be empty
  std::optional<std::string> owner;  // API key owner, once access control exists
  std::int64_t created_at = 0;       // Unix seconds
  audio::VoiceAnalysis analysis;
};

struct NewVoice {
  std::string name;
  std::string language;
  std::string consent;
  std::optional<std::string> owner;
  std::vector<float> audio;  // processed reference, mono
  int sample_rate = 24000;
  audio::VoiceAnalysis analysis;
};

class VoiceStore : public std::enable_shared_from_this<VoiceStore> {
 public:
  // Opens or creates `<data_dir>/voices.sqlite3`, creating the directory. Throws on failure.
  static std::shared_ptr<VoiceStore> open(const std::string& data_dir);
  ~VoiceStore();

  // Stores a voice under a fresh random id. `before_commit` runs inside the transaction after
  // every row is written (tests use it to simulate a crash at the worst moment).
  VoiceRecord create(const NewVoice& voice, const std::function<void()>& before_commit = {});
  std::vector<VoiceRecord> list() const;  // oldest first
  std::optional<VoiceRecord> get(const std::string& id) const;
  bool remove(const std::string& id);  // also removes its embeddings

  // The reference as cloning engines see it, embedding cache wired to this store.
  std::shared_ptr<const SpeakerReference> speaker(const std::string& id);

  std::optional<std::string> load_embedding(const std::string& voice_id, const std::string& engine,
                                            const std::string& model_version) const;
  void store_embedding(const std::string& voice_id, const std::string& engine,
                       const std::string& model_version, const std::string& blob);

  const std::string& path() const { return path_; }

 private:
  explicit VoiceStore(std::string path);
  bool exists_while_locked(const std::string& id) const;  // caller holds mutex_

  std::string path_;
  mutable std::mutex mutex_;
  std::unique_ptr<SqliteDb> db_;
};

// $XDG_DATA_HOME/chorus, else ~/.local/share/chorus, else ./.chorus.
std::string default_data_dir();

}  // namespace chorus::voices
