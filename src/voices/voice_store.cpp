#include "voices/voice_store.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "voices/analysis_json.h"
#include "voices/pcm16.h"
#include "voices/postgres_voice_backend.h"
#include "voices/sqlite_voice_backend.h"
#include "voices/store_location.h"
#include "voices/voice_id.h"

namespace chorus::voices {
namespace {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
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
  return open_location({}, data_dir);
}

std::shared_ptr<VoiceStore> VoiceStore::open_location(const std::string& location,
                                                      const std::string& data_dir) {
  const StoreLocation where = parse_store_location(location, data_dir);
  std::unique_ptr<VoiceBackend> backend;
  if (where.kind == StoreLocation::Kind::postgres) {
    backend = std::make_unique<PostgresVoiceBackend>(where.target);
  } else {
    const auto parent = std::filesystem::path(where.target).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    backend = std::make_unique<SqliteVoiceBackend>(where.target);
  }
  return std::shared_ptr<VoiceStore>(new VoiceStore(std::move(backend)));
}

VoiceStore::VoiceStore(std::unique_ptr<VoiceBackend> backend) : backend_(std::move(backend)) {}

VoiceStore::~VoiceStore() = default;

VoiceRecord VoiceStore::create(const NewVoice& voice, const std::function<void()>& before_commit) {
  VoiceRow row;
  row.record.id = new_voice_id();
  row.record.name = voice.name;
  row.record.language = voice.language;
  row.record.consent = voice.consent;
  row.record.owner = voice.owner;
  row.record.created_at = now_seconds();
  row.record.analysis = voice.analysis;
  row.sample_rate = voice.sample_rate;
  row.reference_pcm16 = encode_pcm16(voice.audio);
  row.analysis_json = analysis_to_json(voice.analysis).dump();
  backend_->insert(row, before_commit);
  return row.record;
}

std::vector<VoiceRecord> VoiceStore::list() const { return backend_->list(); }

std::optional<VoiceRecord> VoiceStore::get(const std::string& id) const {
  return backend_->get(id);
}

bool VoiceStore::remove(const std::string& id) { return backend_->remove(id); }

std::shared_ptr<const SpeakerReference> VoiceStore::speaker(const std::string& id) {
  auto row = backend_->speaker(id);
  if (!row) return nullptr;
  auto speaker = std::make_shared<SpeakerReference>();
  speaker->voice_id = id;
  speaker->name = std::move(row->name);
  speaker->language = std::move(row->language);
  speaker->sample_rate = row->sample_rate;
  speaker->audio = decode_pcm16(row->reference_pcm16);
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
  speaker->with_embedding_lock = [weak, id](const std::string& engine,
                                            const std::string& model_version,
                                            const std::function<void()>& body) {
    if (auto store = weak.lock()) return store->with_embedding_lock(id, engine, model_version, body);
    body();
  };
  return speaker;
}

std::optional<std::string> VoiceStore::load_embedding(const std::string& voice_id,
                                                      const std::string& engine,
                                                      const std::string& model_version) const {
  return backend_->load_embedding({voice_id, engine, model_version});
}

void VoiceStore::store_embedding(const std::string& voice_id, const std::string& engine,
                                 const std::string& model_version, const std::string& blob) {
  backend_->store_embedding({voice_id, engine, model_version}, blob);
}

void VoiceStore::with_embedding_lock(const std::string& voice_id, const std::string& engine,
                                     const std::string& model_version,
                                     const std::function<void()>& body) {
  backend_->with_embedding_lock({voice_id, engine, model_version}, body);
}

}  // namespace chorus::voices
