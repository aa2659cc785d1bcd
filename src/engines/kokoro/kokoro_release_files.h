#pragma once
// Kokoro v1.0's published files for `chorus models pull kokoro` and `chorus models list`.
#include <iosfwd>
#include <vector>

#include "engines/engine_module.h"

namespace chorus::kokoro {

// Downloads the graph of request.variant (fp32, fp16, int8) and the voices file into
// models_dir/kokoro/, verifying size and SHA-256. Throws std::runtime_error with the reason.
void pull_release(const ModelCommands::PullRequest& request, std::ostream& out, std::ostream& progress);

// One row per .onnx/.bin file in models_dir/kokoro/: variant, size, verification status.
std::vector<ModelCommands::Row> list_release(const std::string& models_dir, bool verify);

}  // namespace chorus::kokoro
