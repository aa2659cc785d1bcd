#include "pipeline/speech_cache_key.h"

#include <nlohmann/json.hpp>

#include "core/sha256.h"

namespace chorus {
namespace {

// Bump when the meaning of a key changes (pipeline changes that alter output bytes for the
// same plan), so entries kept on disk by an older build are not served.
constexpr int kKeyVersion = 1;

nlohmann::json match_json(const audio::VoiceMatchProfile& match) {
  return {{"pitch_scale", match.pitch_scale},   {"formant_scale", match.formant_scale},
          {"time_ratio", match.time_ratio},     {"eq_gain_db", match.eq_gain_db},
          {"output_gain_db", match.output_gain_db}, {"source_voice", match.source_voice}};
}

}  // namespace

std::string speech_cache_key(const SpeechPlan& plan, const std::string& instructions,
                             bool streaming_container) {
  nlohmann::json chunks = nlohmann::json::array();
  for (const auto& chunk : plan.chunks) chunks.push_back({chunk.text, chunk.pause_after_seconds});
  const EngineInfo& engine = plan.engine->info();
  nlohmann::json identity = {
      {"key_version", kKeyVersion},
      {"chorus", CHORUS_VERSION},
      {"engine", engine.name},
      {"model_version", engine.model_version},
      {"voice", plan.voice.id},
      {"language", plan.language},
      {"engine_speed", plan.engine_speed},
      {"tempo", plan.tempo},
      {"chunks", chunks},
      {"format", std::string(format_name(plan.format))},
      {"streaming_container", streaming_container},
      {"instructions", instructions},
      // Stored cloned voices are immutable and their ids never reused.
      {"cloned_voice", plan.speaker ? nlohmann::json(plan.speaker->voice_id) : nullptr},
      {"clone_method", plan.clone_method},
      {"match", plan.match ? match_json(*plan.match) : nullptr},
      // Marked and unmarked audio differ; the hour in a mark is the hour the entry was made.
      {"watermark_server", plan.watermark ? nlohmann::json(plan.watermark->server_id) : nullptr},
  };
  return sha256_hex(identity.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace chorus
