#include "voices/sqlite_voice_backend.h"

#include <iterator>
#include <stdexcept>

#include "voices/sqlite_db.h"

namespace chorus::voices {
namespace {

// Migrations, in order; the file's user_version says how many have run. Version 1 is the
// original schema (created with IF NOT EXISTS, as files from before versioning already have it).
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE IF NOT EXISTS voices (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT '',
  consent TEXT NOT NULL DEFAULT '',
  owner_key TEXT,
  created_at INTEGER NOT NULL,
  sample_rate INTEGER NOT NULL,
  reference_audio BLOB NOT NULL,
  analysis TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS embeddings (
  voice_id TEXT NOT NULL REFERENCES voices(id) ON DELETE CASCADE,
  engine TEXT NOT NULL,
  model_version TEXT NOT NULL,
  blob BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (voice_id, engine, model_version)
);
)sql",
};
constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));

constexpr const char* kRecordColumns =
    "id, name, language, consent, owner_key, created_at, analysis";

VoiceRecord read_record(const Statement& row) {
  return record_from_columns(row.text(0), row.text(1), row.text(2), row.text(3),
                             row.nullable_text(4), row.integer(5), row.text(6));
}

// In-process locks per embedding key, shared by every store of the process: a SQLite file
// serves one machine, and LatentsCache already serializes callers within one cache.
std::shared_ptr<std::mutex> embedding_mutex(const std::string& key) {
  static std::mutex guard;
  static std::map<std::string, std::shared_ptr<std::mutex>> locks;
  std::lock_guard lock(guard);
  auto& entry = locks[key];
  if (!entry) entry = std::make_shared<std::mutex>();
  return entry;
}

}  // namespace

SqliteVoiceBackend::SqliteVoiceBackend(std::string path)
    : path_(std::move(path)), db_(std::make_unique<SqliteDb>(path_)) {
  // WAL: readers never block the writer and a crash mid-write leaves the last commit intact.
  // synchronous=FULL makes a committed voice survive power loss too, at the cost of an fsync
  // per upload, which is nothing next to decoding it.
  db_->exec("PRAGMA journal_mode = WAL");
  db_->exec("PRAGMA synchronous = FULL");
  db_->exec("PRAGMA foreign_keys = ON");
  Transaction transaction(*db_);
  int version = 0;
  {
    Statement query(*db_, "PRAGMA user_version");
    if (query.step()) version = static_cast<int>(query.integer(0));
  }
  if (version > kSchemaVersion) {
    throw std::runtime_error("voice store schema version " + std::to_string(version) +
                             " is newer than this chorus knows (" +
                             std::to_string(kSchemaVersion) + ")");
  }
  for (int step = version; step < kSchemaVersion; ++step) db_->exec(kMigrations[step]);
  db_->exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
  transaction.commit();
}

SqliteVoiceBackend::~SqliteVoiceBackend() = default;

void SqliteVoiceBackend::insert(const VoiceRow& row, const std::function<void()>& before_commit) {
  const VoiceRecord& record = row.record;
  std::lock_guard lock(mutex_);
  Transaction transaction(*db_);
  Statement insert(*db_,
                   "INSERT INTO voices (id, name, language, consent, owner_key, created_at, "
                   "sample_rate, reference_audio, analysis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, record.id).bind(2, record.name).bind(3, record.language).bind(4, record.consent);
  if (record.owner) {
    insert.bind(5, *record.owner);
  } else {
    insert.bind_null(5);
  }
  insert.bind(6, record.created_at)
      .bind(7, static_cast<std::int64_t>(row.sample_rate))
      .bind_blob(8, row.reference_pcm16.data(), row.reference_pcm16.size())
      .bind(9, row.analysis_json);
  insert.run();
  if (before_commit) before_commit();
  transaction.commit();
}

std::vector<VoiceRecord> SqliteVoiceBackend::list() {
  std::lock_guard lock(mutex_);
  Statement query(*db_, (std::string("SELECT ") + kRecordColumns +
                         " FROM voices ORDER BY created_at, rowid")
                            .c_str());
  std::vector<VoiceRecord> out;
  while (query.step()) out.push_back(read_record(query));
  return out;
}

std::optional<VoiceRecord> SqliteVoiceBackend::get(const std::string& id) {
  std::lock_guard lock(mutex_);
  Statement query(*db_,
                  (std::string("SELECT ") + kRecordColumns + " FROM voices WHERE id = ?").c_str());
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return read_record(query);
}

bool SqliteVoiceBackend::remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  Statement del(*db_, "DELETE FROM voices WHERE id = ?");
  del.bind(1, id);
  del.run();
  return db_->changes() > 0;
}

std::optional<SpeakerRow> SqliteVoiceBackend::speaker(const std::string& id) {
  std::lock_guard lock(mutex_);
  Statement query(*db_,
                  "SELECT name, language, sample_rate, reference_audio FROM voices WHERE id = ?");
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return SpeakerRow{query.text(0), query.text(1), static_cast<int>(query.integer(2)),
                    query.blob(3)};
}

std::optional<std::string> SqliteVoiceBackend::load_embedding(const EmbeddingKey& key) {
  std::lock_guard lock(mutex_);
  Statement query(*db_,
                  "SELECT blob FROM embeddings WHERE voice_id = ? AND engine = ? AND "
                  "model_version = ?");
  query.bind(1, key.voice_id).bind(2, key.engine).bind(3, key.model_version);
  if (!query.step()) return std::nullopt;
  return query.blob(0);
}

void SqliteVoiceBackend::store_embedding(const EmbeddingKey& key, const std::string& blob) {
  std::lock_guard lock(mutex_);
  // The foreign key refuses embeddings of a voice deleted meanwhile: that is the right outcome,
  // and callers treat the cache as best effort, so the error is swallowed here.
  try {
    Statement upsert(*db_,
                     "INSERT INTO embeddings (voice_id, engine, model_version, blob, created_at) "
                     "VALUES (?, ?, ?, ?, unixepoch()) ON CONFLICT (voice_id, engine, "
                     "model_version) DO UPDATE SET blob = excluded.blob, "
                     "created_at = excluded.created_at");
    upsert.bind(1, key.voice_id).bind(2, key.engine).bind(3, key.model_version);
    upsert.bind_blob(4, blob.data(), blob.size());
    upsert.run();
  } catch (const std::runtime_error&) {
    if (!exists_locked(key.voice_id)) return;
    throw;
  }
}

void SqliteVoiceBackend::with_embedding_lock(const EmbeddingKey& key,
                                             const std::function<void()>& body) {
  auto mutex = embedding_mutex(path_ + "\n" + key.voice_id + "\n" + key.engine + "\n" +
                               key.model_version);
  std::lock_guard lock(*mutex);
  body();
}

bool SqliteVoiceBackend::exists_locked(const std::string& id) {
  Statement query(*db_, "SELECT 1 FROM voices WHERE id = ?");
  query.bind(1, id);
  return query.step();
}

}  // namespace chorus::voices
