#include "engines/piper/piper_module.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "engines/piper/piper_engine.h"
#include "engines/piper/piper_voice_pull.h"

namespace chorus::piper {
namespace {

std::vector<EngineOption> options() {
  using Kind = EngineOption::Kind;
  return {
      {"max_loaded_voices", "Piper voices kept loaded at once (least recently used unloaded first)",
       Kind::kInteger, 3LL, 1, 1000, {}},
      {"idle_unload_s", "seconds a loaded Piper voice may stay unused before it is unloaded (0 = never)",
       Kind::kInteger, 600LL, 0, 30 * 24 * 3600, {}},
      {"noise_scale", "overrides every voice's inference.noise_scale (-1 = the voice's; 0 with noise_w 0 = deterministic)",
       Kind::kNumber, -1.0, -1, 10, {}},
      {"noise_w", "overrides every voice's inference.noise_w (-1 = the voice's)", Kind::kNumber, -1.0, -1, 10, {}},
      {"seed", "a fixed noise seed: the same text, voice and settings give the same samples (-1 = fresh noise on every call)",
       Kind::kInteger, -1LL, -1, 2147483647, {}},
      {"sentence_silence_ms", "silence after each sentence, milliseconds", Kind::kMillis, 0LL, 0, 10000, {}},
  };
}

}  // namespace

EngineModule engine_module() {
  EngineModule module;
  module.name = "piper";
  module.options = options();
  // Natural speech in many languages on a CPU: after Kokoro for tts-1 and tts-1-hd, before the
  // built-in engine.
  module.fast_rank = 20;
  module.best_rank = 30;
  module.create = [](const EngineSettings& settings, const EngineOptions& options) -> std::shared_ptr<Engine> {
    PiperConfig config;
    config.voices_dir = (std::filesystem::path(settings.models_dir) / "piper").string();
    config.espeak_data_dir = settings.espeak_data_dir;
    config.session.intra_op_threads = settings.onnx_intra_op_threads;
    config.cache.max_loaded = static_cast<std::size_t>(options.integer("max_loaded_voices"));
    config.cache.idle = std::chrono::seconds(options.integer("idle_unload_s"));
    config.noise_scale = static_cast<float>(options.number("noise_scale"));
    config.noise_w = static_cast<float>(options.number("noise_w"));
    config.noise_seed = options.integer("seed");
    config.sentence_silence_s = static_cast<float>(options.millis("sentence_silence_ms").count()) / 1000.0f;
    auto voices = scan_voices(config.voices_dir);
    if (voices.empty()) {
      spdlog::info("piper: not loaded: no voices in {} (run `chorus models pull piper NAME`)", config.voices_dir);
      return nullptr;
    }
    try {
      auto engine = std::make_shared<PiperEngine>(config, std::move(voices));
      spdlog::info("piper: {} voice(s) installed in {}, loaded on first use (at most {} at once)",
                   engine->voices().size(), config.voices_dir, config.cache.max_loaded);
      return engine;
    } catch (const std::exception& e) {
      spdlog::error("piper: not loaded: {}", e.what());
      return nullptr;
    }
  };
  ModelCommands models;
  models.pull_help = "one Piper voice by NAME (e.g. en_US-joe-medium) from rhasspy/piper-voices, MD5 checked";
  models.name_help = "a voice name from piper-voices' voices.json, e.g. en_US-joe-medium";
  models.pull = pull_voice;
  models.list = list_voices;
  module.models = std::move(models);
  return module;
}

}  // namespace chorus::piper
