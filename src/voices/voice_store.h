#pragma once
// Durable cloned voices, in SQLite (one file in the data directory, the default) or PostgreSQL
// (shared by replicas). A voice is written in one transaction, so a crash during an upload
// leaves either the whole voice or nothing. Thread-safe. The database behind it is a
// VoiceBackend; this class decides ids, times and encodings so both backends store the same.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audio/voice_analysis.h"
#include "engines/speaker_reference.h"
#include "voices/voice_backend.h"
#include "voices/voice_store_errors.h"

namespace chorus::voices {

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
  // `location` as in --voice-store: "sqlite:PATH", a postgresql:// (or postgres://) URL, or
  // empty for the SQLite file in `data_dir`. Throws on a malformed location or a SQLite file
  // that cannot be opened; a PostgreSQL server that is down is not an error here (operations
  // throw VoiceStoreUnavailable until it answers).
  static std::shared_ptr<VoiceStore> open_location(const std::string& location,
                                                   const std::string& data_dir);
  ~VoiceStore();

  // Stores a voice under a fresh random id. `before_commit` runs inside the transaction after
  // every row is written (tests use it to simulate a crash at the worst moment).
  VoiceRecord create(const NewVoice& voice, const std::function<void()>& before_commit = {});
  std::vector<VoiceRecord> list() const;  // oldest first
  std::optional<VoiceRecord> get(const std::string& id) const;
  bool remove(const std::string& id);  // also removes its embeddings

  // The reference as cloning engines see it, embedding cache and lock wired to this store.
  std::shared_ptr<const SpeakerReference> speaker(const std::string& id);

  std::optional<std::string> load_embedding(const std::string& voice_id, const std::string& engine,
                                            const std::string& model_version) const;
  void store_embedding(const std::string& voice_id, const std::string& engine,
                       const std::string& model_version, const std::string& blob);
  // Runs `body` holding the lock of (voice, engine, model version): replicas sharing a
  // PostgreSQL store compute an embedding once between them.
  void with_embedding_lock(const std::string& voice_id, const std::string& engine,
                           const std::string& model_version, const std::function<void()>& body);

  // Does the database answer now (a cheap query)?
  bool available() const { return backend_->available(); }
  // Where the voices live, password masked: safe for logs and /health.
  std::string describe() const { return backend_->describe(); }

 private:
  explicit VoiceStore(std::unique_ptr<VoiceBackend> backend);

  std::unique_ptr<VoiceBackend> backend_;
};

// $XDG_DATA_HOME/chorus, else ~/.local/share/chorus, else ./.chorus.
std::string default_data_dir();

}  // namespace chorus::voices
