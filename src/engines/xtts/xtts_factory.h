#pragma once
// Creates the XTTS engine from the server's engine settings.
#include <memory>

#include "engines/engine.h"
#include "engines/engine_settings.h"

namespace chorus::xtts {

// nullptr when no XTTS URL is configured. Throws std::invalid_argument for a malformed URL (a
// configuration mistake is reported at startup, not hidden). An unreachable endpoint is not an
// error: the engine starts unhealthy and recovers when the service comes up.
std::shared_ptr<Engine> create_xtts_engine(const EngineSettings& settings);

}  // namespace chorus::xtts
