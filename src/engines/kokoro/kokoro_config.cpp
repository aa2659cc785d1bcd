#include "engines/kokoro/kokoro_config.h"

#include <stdexcept>

namespace chorus::kokoro {

void KokoroConfig::Validate() const {
  if (model_path.empty()) throw std::invalid_argument("kokoro: model_path is empty");
  if (voices_path.empty()) throw std::invalid_argument("kokoro: voices_path is empty");
  if (intra_op_threads < 0 || intra_op_threads > 1024) {
    throw std::invalid_argument("kokoro: intra_op_threads must be 0 (one per Run) .. 1024");
  }
  if (inter_op_threads < 1 || inter_op_threads > 1024) throw std::invalid_argument("kokoro: inter_op_threads must be 1 .. 1024");
  if (max_concurrency < 0 || max_concurrency > 1024) {
    throw std::invalid_argument("kokoro: max_concurrency must be 0 (one per core) .. 1024");
  }
}

std::string KokoroConfig::ToString() const {
  return "KokoroConfig{model=" + model_path + ", voices=" + voices_path +
         ", espeak_data=" + (espeak_data_dir.empty() ? "(default)" : espeak_data_dir) +
         ", intra_op_threads=" + std::to_string(intra_op_threads) +
         ", inter_op_threads=" + std::to_string(inter_op_threads) +
         ", max_concurrency=" + std::to_string(max_concurrency) + ", cpu_arena=" + (cpu_arena ? "on" : "off") +
         ", trim_silence=" + (trim_silence ? "on" : "off") + "}";
}

}  // namespace chorus::kokoro
