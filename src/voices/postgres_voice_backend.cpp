#include "voices/postgres_voice_backend.h"

#include <spdlog/spdlog.h>

#include <iterator>
#include <stdexcept>

#include "voices/store_location.h"
#include "voices/voice_store_errors.h"

namespace chorus::voices {
namespace {

// Migrations, in order; schema_version holds how many have run. `seq` orders voices created
// within the same second, as SQLite's rowid does.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE voices (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  language text NOT NULL DEFAULT '',
  consent text NOT NULL DEFAULT '',
  owner_key text,
  created_at bigint NOT NULL,
  sample_rate integer NOT NULL,
  reference_audio bytea NOT NULL,
  analysis text NOT NULL
);
CREATE TABLE embeddings (
  voice_id text NOT NULL REFERENCES voices(id) ON DELETE CASCADE,
  engine text NOT NULL,
  model_version text NOT NULL,
  blob bytea NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (voice_id, engine, model_version)
);
)sql",
};
constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));

// Advisory lock id for migrations; embedding locks hash their key with hashtextextended, which
// can collide with this only with negligible probability (and would merely serialize).
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7316812543226071881)";

constexpr const char* kRecordColumns =
    "id, name, language, consent, owner_key, created_at, analysis";

VoiceRecord read_record(const PgResult& result, int row) {
  std::optional<std::string> owner;
  if (!result.is_null(row, 4)) owner = result.bytes(row, 4);
  return record_from_columns(result.bytes(row, 0), result.bytes(row, 1), result.bytes(row, 2),
                             result.bytes(row, 3), std::move(owner), result.integer(row, 5),
                             result.bytes(row, 6));
}

std::string lock_name(const EmbeddingKey& key) {
  return "chorus-embedding\n" + key.voice_id + "\n" + key.engine + "\n" + key.model_version;
}

}  // namespace

PostgresVoiceBackend::PostgresVoiceBackend(std::string url, std::size_t pool_size)
    : url_(url),
      masked_url_(mask_password(url)),
      pool_(std::move(url), pool_size, [this](PgConnection& connection) { migrate(connection); }) {
  try {
    pool_.run([](PgConnection&) {});
  } catch (const VoiceStoreUnavailable&) {
    spdlog::warn("voice store {} does not answer yet: cloned voices answer 503 until it does",
                 masked_url_);
  }
}

void PostgresVoiceBackend::migrate(PgConnection& connection) {
  if (migrated_.load()) return;
  std::lock_guard lock(migrate_mutex_);
  if (migrated_.load()) return;
  connection.exec_script("BEGIN");
  try {
    connection.exec(kMigrationLock);
    connection.exec_script(
        "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)");
    auto current = connection.exec("SELECT version FROM schema_version");
    const int version = current.rows() > 0 ? static_cast<int>(current.integer(0, 0)) : 0;
    if (version > kSchemaVersion) {
      throw std::runtime_error("voice store schema version " + std::to_string(version) +
                               " is newer than this chorus knows (" +
                               std::to_string(kSchemaVersion) + ")");
    }
    for (int step = version; step < kSchemaVersion; ++step) {
      connection.exec_script(kMigrations[step]);
    }
    if (version != kSchemaVersion) {
      connection.exec_script("DELETE FROM schema_version");
      connection.exec("INSERT INTO schema_version (version) VALUES ($1::integer)",
                      PgParams().integer(kSchemaVersion));
      spdlog::info("voice store: schema migrated from version {} to {}", version, kSchemaVersion);
    }
    connection.exec_script("COMMIT");
  } catch (...) {
    if (!connection.broken()) {
      try {
        connection.exec_script("ROLLBACK");
      } catch (...) {
        // The original error is the one worth reporting.
      }
    }
    throw;
  }
  migrated_.store(true);
}

void PostgresVoiceBackend::insert(const VoiceRow& row,
                                  const std::function<void()>& before_commit) {
  const VoiceRecord& record = row.record;
  pool_.run([&](PgConnection& connection) {
    connection.exec_script("BEGIN");
    try {
      PgParams params;
      params.text(record.id).text(record.name).text(record.language).text(record.consent);
      if (record.owner) {
        params.text(*record.owner);
      } else {
        params.null();
      }
      params.integer(record.created_at)
          .integer(row.sample_rate)
          .bytes(row.reference_pcm16)
          .text(row.analysis_json);
      connection.exec(
          "INSERT INTO voices (id, name, language, consent, owner_key, created_at, sample_rate, "
          "reference_audio, analysis) VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, "
          "$6::bigint, $7::integer, $8::bytea, $9::text)",
          params);
      if (before_commit) before_commit();
      connection.exec_script("COMMIT");
    } catch (...) {
      if (!connection.broken()) {
        try {
          connection.exec_script("ROLLBACK");
        } catch (...) {
          // Broken meanwhile: the server rolls back on its own.
        }
      }
      throw;
    }
  });
}

std::vector<VoiceRecord> PostgresVoiceBackend::list() {
  std::vector<VoiceRecord> out;
  pool_.run([&](PgConnection& connection) {
    out.clear();
    auto result = connection.exec(std::string("SELECT ") + kRecordColumns +
                                  " FROM voices ORDER BY created_at, seq");
    for (int row = 0; row < result.rows(); ++row) out.push_back(read_record(result, row));
  });
  return out;
}

std::optional<VoiceRecord> PostgresVoiceBackend::get(const std::string& id) {
  std::optional<VoiceRecord> out;
  pool_.run([&](PgConnection& connection) {
    auto result = connection.exec(
        std::string("SELECT ") + kRecordColumns + " FROM voices WHERE id = $1::text",
        PgParams().text(id));
    if (result.rows() > 0) out = read_record(result, 0);
  });
  return out;
}

bool PostgresVoiceBackend::remove(const std::string& id) {
  bool removed = false;
  pool_.run([&](PgConnection& connection) {
    removed = connection.exec("DELETE FROM voices WHERE id = $1::text", PgParams().text(id))
                  .affected() > 0;
  });
  return removed;
}

std::optional<SpeakerRow> PostgresVoiceBackend::speaker(const std::string& id) {
  std::optional<SpeakerRow> out;
  pool_.run([&](PgConnection& connection) {
    auto result = connection.exec(
        "SELECT name, language, sample_rate, reference_audio FROM voices WHERE id = $1::text",
        PgParams().text(id));
    if (result.rows() == 0) return;
    out = SpeakerRow{result.bytes(0, 0), result.bytes(0, 1),
                     static_cast<int>(result.integer(0, 2)), result.bytes(0, 3)};
  });
  return out;
}

std::optional<std::string> PostgresVoiceBackend::load_embedding(const EmbeddingKey& key) {
  std::optional<std::string> out;
  pool_.run([&](PgConnection& connection) {
    auto result = connection.exec(
        "SELECT blob FROM embeddings WHERE voice_id = $1::text AND engine = $2::text AND "
        "model_version = $3::text",
        PgParams().text(key.voice_id).text(key.engine).text(key.model_version));
    if (result.rows() > 0) out = result.bytes(0, 0);
  });
  return out;
}

void PostgresVoiceBackend::store_embedding(const EmbeddingKey& key, const std::string& blob) {
  pool_.run([&](PgConnection& connection) {
    try {
      connection.exec(
          "INSERT INTO embeddings (voice_id, engine, model_version, blob, created_at) "
          "VALUES ($1::text, $2::text, $3::text, $4::bytea, "
          "extract(epoch from now())::bigint) ON CONFLICT (voice_id, engine, model_version) "
          "DO UPDATE SET blob = excluded.blob, created_at = excluded.created_at",
          PgParams().text(key.voice_id).text(key.engine).text(key.model_version).bytes(blob));
    } catch (const PgError& error) {
      // 23503: the voice was deleted meanwhile; its embedding has nowhere to go.
      if (error.sqlstate() != "23503") throw;
    }
  });
}

bool PostgresVoiceBackend::available() {
  try {
    pool_.run([](PgConnection& connection) { connection.exec("SELECT 1"); });
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

void PostgresVoiceBackend::with_embedding_lock(const EmbeddingKey& key,
                                               const std::function<void()>& body) {
  // A session-level advisory lock, held while `body` loads, computes and stores: another
  // replica asking for the same key waits in pg_advisory_lock, then finds the stored copy. The
  // lock lives on a connection of its own, outside the pool, so computations that take seconds
  // never starve other requests of pooled connections. If this process dies, the server
  // releases the lock with the connection.
  PgConnection connection(url_);
  const PgParams name = PgParams().text(lock_name(key));
  connection.exec("SELECT pg_advisory_lock(hashtextextended($1::text, 0))", name);
  body();
  // Closing the connection would release the lock too; unlocking first says so explicitly.
  try {
    connection.exec("SELECT pg_advisory_unlock(hashtextextended($1::text, 0))", name);
  } catch (const std::exception&) {
    // The connection broke meanwhile: the lock went with it.
  }
}

}  // namespace chorus::voices
