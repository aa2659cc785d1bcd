#include "voices/voice_store.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "voices/analysis_json.h"
#include "voices/sqlite_db.h"
#include "voices/voice_id.h"

namespace chorus::voices {
namespace {

// Schema version 1. Reference audio is 16-bit PCM (little-endian): half the size of float and
// more than enough for a loudness-normalized speech recording.
constexpr const char* kSchema = R"sql(
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
PRAGMA user_version = 1;
)sql";

constexpr const char* kRecordColumns =
    "id, name, language, consent, owner_key, created_at, analysis";

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string encode_pcm16(const std::vector<float>& audio) {
  std::string out(audio.size() * 2, '\0');
  for (std::size_t i = 0; i < audio.size(); ++i) {
    const auto v = static_cast<std::int16_t>(
        std::lround(std::clamp(audio[i], -1.0f, 1.0f) * 32767.0f));
    const auto u = static_cast<std::uint16_t>(v);
    out[2 * i] = static_cast<char>(u & 0xFF);
    out[2 * i + 1] = static_cast<char>(u >> 8);
  }
  return out;
}

std::vector<float> decode_pcm16(const std::string& bytes) {
  std::vector<float> out(bytes.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto lo = static_cast<unsigned char>(bytes[2 * i]);
    const auto hi = static_cast<unsigned char>(bytes[2 * i + 1]);
    const auto v = static_cast<std::int16_t>(static_cast<std::uint16_t>(lo | (hi << 8)));
    out[i] = static_cast<float>(v) / 32767.0f;
  }
  return out;
}

VoiceRecord read_record(const Statement& row) {
  VoiceRecord record;
  record.id = row.text(0);
  record.name = row.text(1);
  record.language = row.text(2);
  record.consent = row.text(3);
  record.owner = row.nullable_text(4);
  record.created_at = row.integer(5);
  record.analysis =
      analysis_from_json(nlohmann::json::parse(row.text(6), nullptr, /*allow_exceptions=*/false));
  return record;
}

}  // namespace

std::string default_data_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/chorus";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.local/share/chorus";
  }
  return ".chorus";
}

std::shared_ptr<VoiceStore> VoiceStore::open(const std::string& data_dir) {
  std::filesystem::create_directories(data_dir);
  return std::shared_ptr<VoiceStore>(new VoiceStore(data_dir + "/voices.sqlite3"));
}

VoiceStore::VoiceStore(std::string path)
    : path_(std::move(path)), db_(std::make_unique<SqliteDb>(path_)) {
  // WAL: readers never block the writer and a crash mid-write leaves the last commit intact.
  // synchronous=FULL makes a committed voice survive power loss too, at the cost of an fsync
  // per upload, which is nothing next to decoding it.
  db_->exec("PRAGMA journal_mode = WAL");
  db_->exec("PRAGMA synchronous = FULL");
  db_->exec("PRAGMA foreign_keys = ON");
  db_->exec(kSchema);
}

VoiceStore::~VoiceStore() = default;

VoiceRecord VoiceStore::create(const NewVoice& voice, const std::function<void()>& before_commit) {
  VoiceRecord record;
  record.id = new_voice_id();
  record.name = voice.name;
  record.language = voice.language;
  record.consent = voice.consent;
  record.owner = voice.owner;
  record.created_at = now_seconds();
  record.analysis = voice.analysis;
  const std::string audio = encode_pcm16(voice.audio);
  const std::string analysis = analysis_to_json(voice.analysis).dump();

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
      .bind(7, static_cast<std::int64_t>(voice.sample_rate))
      .bind_blob(8, audio.data(), audio.size())
      .bind(9, analysis);
  insert.run();
  if (before_commit) before_commit();
  transaction.commit();
  return record;
}

std::vector<VoiceRecord> VoiceStore::list() const {
  std::lock_guard lock(mutex_);
  Statement query(*db_, (std::string("SELECT ") + kRecordColumns +
                         " FROM voices ORDER BY created_at, rowid")
                            .c_str());
  std::vector<VoiceRecord> out;
  while (query.step()) out.push_back(read_record(query));
  return out;
}

std::optional<VoiceRecord> VoiceStore::get(const std::string& id) const {
  std::lock_guard lock(mutex_);
  Statement query(*db_,
                  (std::string("SELECT ") + kRecordColumns + " FROM voices WHERE id = ?").c_str());
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return read_record(query);
}

bool VoiceStore::remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  Statement del(*db_, "DELETE FROM voices WHERE id = ?");
  del.bind(1, id);
  del.run();
  return db_->changes() > 0;
}

std::shared_ptr<const SpeakerReference> VoiceStore::speaker(const std::string& id) {
  auto speaker = std::make_shared<SpeakerReference>();
  {
    std::lock_guard lock(mutex_);
    Statement query(*db_,
                    "SELECT id, name, language, sample_rate, reference_audio FROM voices "
                    "WHERE id = ?");
    query.bind(1, id);
    if (!query.step()) return nullptr;
    speaker->voice_id = query.text(0);
    speaker->name = query.text(1);
    speaker->language = query.text(2);
    speaker->sample_rate = static_cast<int>(query.integer(3));
    speaker->audio = decode_pcm16(query.blob(4));
  }
  // A weak reference: a request still streaming when the store closes must not keep it open,
  // and a missing store simply means "not cached".
  std::weak_ptr<VoiceStore> weak = weak_from_this();
  speaker->load_embedding = [weak, id](const std::string& engine,
                                       const std::string& model_version) {
    auto store = weak.lock();
    return store ? store->load_embedding(id, engine, model_version) : std::nullopt;
  };
  speaker->store_embedding = [weak, id](const std::string& engine,
                                        const std::string& model_version,
                                        const std::string& blob) {
    if (auto store = weak.lock()) store->store_embedding(id, engine, model_version, blob);
  };
  return speaker;
}

std::optional<std::string> VoiceStore::load_embedding(const std::string& voice_id,
                                                      const std::string& engine,
                                                      const std::string& model_version) const {
  std::lock_guard lock(mutex_);
  Statement query(*db_,
                  "SELECT blob FROM embeddings WHERE voice_id = ? AND engine = ? AND "
                  "model_version = ?");
  query.bind(1, voice_id).bind(2, engine).bind(3, model_version);
  if (!query.step()) return std::nullopt;
  return query.blob(0);
}

void VoiceStore::store_embedding(const std::string& voice_id, const std::string& engine,
                                 const std::string& model_version, const std::string& blob) {
  std::lock_guard lock(mutex_);
  // The foreign key refuses embeddings of a voice deleted meanwhile: that is the right outcome,
  // and callers treat the cache as best effort, so the error is swallowed here.
  try {
    Statement upsert(*db_,
                     "INSERT INTO embeddings (voice_id, engine, model_version, blob, created_at) "
                     "VALUES (?, ?, ?, ?, ?) ON CONFLICT (voice_id, engine, model_version) "
                     "DO UPDATE SET blob = excluded.blob, created_at = excluded.created_at");
    upsert.bind(1, voice_id).bind(2, engine).bind(3, model_version);
    upsert.bind_blob(4, blob.data(), blob.size()).bind(5, now_seconds());
    upsert.run();
  } catch (const std::runtime_error&) {
    if (!exists_while_locked(voice_id)) return;
    throw;
  }
}

bool VoiceStore::exists_while_locked(const std::string& id) const {
  Statement query(*db_, "SELECT 1 FROM voices WHERE id = ?");
  query.bind(1, id);
  return query.step();
}

}  // namespace chorus::voices
