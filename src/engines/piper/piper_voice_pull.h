#pragma once
// `chorus models pull piper NAME` and the Piper rows of `chorus models list`: voices fetched from
// the rhasspy/piper-voices layout (<lang>/<lang_REGION>/<dataset>/<quality>/NAME.onnx[.json]),
// each file checked against the size and MD5 its voices.json manifest gives.
#include <iosfwd>
#include <string>
#include <vector>

#include "engines/engine_module.h"

namespace chorus::piper {

// Base URL of the repository; CHORUS_PIPER_BASE_URL overrides it (a mirror with the same layout).
std::string piper_voices_base_url();

// Throws std::runtime_error: unknown voice (naming close matches), download or check failures.
void pull_voice(const ModelCommands::PullRequest& request, std::ostream& out, std::ostream& progress);

std::vector<ModelCommands::Row> list_voices(const std::string& models_dir, bool verify);

}  // namespace chorus::piper
