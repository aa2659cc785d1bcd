#include <cstdlib>

#include "cli/commands.h"

namespace chorus {

std::string default_models_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/chorus/models";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.local/share/chorus/models";
  }
  return ".chorus/models";
}

void add_engine_options(CLI::App& command, ServerConfig& config) {
  command.add_option("--models-dir", config.engines.models_dir,
                     "Directory holding model files (kokoro/, ...)")
      ->capture_default_str();
  command.add_option("--espeak-data", config.engines.espeak_data_dir,
                     "espeak-ng data directory (default: the library's)");
  command.add_option("--onnx-threads", config.engines.onnx_intra_op_threads,
                     "ONNX Runtime intra-op threads (0 = all cores)")
      ->check(CLI::NonNegativeNumber);
  command.add_option("--xtts-url", config.engines.xtts.urls,
                     "xtts-streaming-server endpoint, e.g. http://gpu-host:8000 (repeatable)")
      ->allow_extra_args(false);
  command.add_option("--data-dir", config.data_dir,
                     "Directory for cloned voices (default: $XDG_DATA_HOME/chorus or "
                     "~/.local/share/chorus)");
}

}  // namespace chorus
