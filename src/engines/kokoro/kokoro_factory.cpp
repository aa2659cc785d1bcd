#include "engines/kokoro/kokoro_factory.h"

#include <spdlog/spdlog.h>

#include "engines/kokoro/kokoro_engine.h"
#include "engines/kokoro/kokoro_espeak_ipa.h"
#include "engines/kokoro/kokoro_japanese.h"
#include "engines/kokoro/kokoro_model_files.h"

namespace chorus::kokoro {

std::shared_ptr<Engine> create_kokoro_engine(const EngineSettings& settings) {
  const auto files = find_kokoro_files(settings.models_dir);
  if (!files) {
    spdlog::info("kokoro: not loaded: no model in {}/kokoro/ (run `chorus models pull kokoro`)", settings.models_dir);
    return nullptr;
  }
  KokoroConfig config;
  config.model_path = files->model;
  config.voices_path = files->voices;
  config.espeak_data_dir = settings.espeak_data_dir;
  config.intra_op_threads = settings.onnx_intra_op_threads;
  config.max_concurrency = settings.onnx_parallel_runs;
  JapaneseFunction japanese;
  try {
    auto g2p = std::make_shared<JapaneseG2P>();
    japanese = [g2p](std::string_view text) { return g2p->phonemize(text); };
  } catch (const std::exception& e) {
    spdlog::warn("kokoro: Japanese disabled: {}", e.what());
  }
  try {
    auto engine = std::make_shared<KokoroEngine>(config, make_espeak_ipa(config.espeak_data_dir), japanese);
    spdlog::info("kokoro: loaded {} ({} voices; {}) {}", engine->info().model_version,
                 engine->voice_table().names().size(), engine->signature().describe(), config.ToString());
    return engine;
  } catch (const std::exception& e) {
    spdlog::error("kokoro: not loaded: {}", e.what());
    return nullptr;
  }
}

}  // namespace chorus::kokoro
