#pragma once
// `chorus models pull kokoro [--variant fp32|fp16|int8] [--models-dir DIR]` and
// `chorus models list [--models-dir DIR] [--verify]`: download and inspect model files.
#include <CLI/CLI.hpp>

namespace chorus {

void register_models_command(CLI::App& app);

}  // namespace chorus
