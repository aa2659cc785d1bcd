#pragma once
// What VoiceStore needs from a database: rows in, rows out. One backend per database
// (sqlite_voice_backend, postgres_voice_backend); VoiceStore owns the id, time and encoding
// decisions so both store exactly the same thing.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audio/voice_analysis.h"

namespace chorus::voices {

struct VoiceRecord {
  std::string id;
  std::string name;      // free text, never used as a path
  std::string language;  // may be empty
  std::string consent;   // may be empty
  std::optional<std::string> owner;  // API key owner, once access control exists
  std::int64_t created_at = 0;       // Unix seconds
  audio::VoiceAnalysis analysis;
};

// A voice's row as written: the record plus what only cloning engines read.
struct VoiceRow {
  VoiceRecord record;
  int sample_rate = 24000;
  std::string reference_pcm16;
  std::string analysis_json;
};

struct SpeakerRow {
  std::string name;
  std::string language;
  int sample_rate = 24000;
  std::string reference_pcm16;
};

// Embeddings are keyed by voice x engine x model version.
struct EmbeddingKey {
  std::string voice_id;
  std::string engine;
  std::string model_version;
};

class VoiceBackend {
 public:
  virtual ~VoiceBackend() = default;

  // One transaction: every row of the voice, then `before_commit`, then COMMIT.
  virtual void insert(const VoiceRow& row, const std::function<void()>& before_commit) = 0;
  virtual std::vector<VoiceRecord> list() = 0;  // oldest first
  virtual std::optional<VoiceRecord> get(const std::string& id) = 0;
  virtual bool remove(const std::string& id) = 0;  // embeddings go with it
  virtual std::optional<SpeakerRow> speaker(const std::string& id) = 0;

  virtual std::optional<std::string> load_embedding(const EmbeddingKey& key) = 0;
  // Insert or replace. An embedding of a voice deleted meanwhile is dropped silently.
  virtual void store_embedding(const EmbeddingKey& key, const std::string& blob) = 0;
  // Runs `body` while holding the lock of `key`: across processes where the database allows it
  // (PostgreSQL advisory lock), so replicas compute an embedding once between them.
  virtual void with_embedding_lock(const EmbeddingKey& key, const std::function<void()>& body) = 0;

  virtual bool available() = 0;  // one cheap query; never throws
  // Where the voices live, safe to log (passwords masked).
  virtual std::string describe() const = 0;
};

// The record part of a row read back; the analysis column is JSON text.
VoiceRecord record_from_columns(std::string id, std::string name, std::string language,
                                std::string consent, std::optional<std::string> owner,
                                std::int64_t created_at, const std::string& analysis_json);

}  // namespace chorus::voices
