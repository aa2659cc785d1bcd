#pragma once
// Creates the Kokoro engine from the server's engine settings.
#include <memory>

#include "engines/engine.h"
#include "engines/engine_settings.h"

namespace chorus::kokoro {

// nullptr (with an info log) when settings.models_dir/kokoro/ holds no model + voices, and
// nullptr with an error log naming the file and the reason when they are there but unusable
// (corrupt graph, malformed voices file): the server then runs without Kokoro instead of
// crashing. Never throws.
std::shared_ptr<Engine> create_kokoro_engine(const EngineSettings& settings);

}  // namespace chorus::kokoro
