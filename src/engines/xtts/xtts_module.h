#pragma once
// The XTTS engine as the registry sees it: its configuration keys (engines.xtts.*) and factory.
#include "engines/engine_module.h"
#include "engines/xtts/xtts_config.h"

namespace chorus::xtts {

EngineModule engine_module();

// The engine's settings from its configured options (defaults: XttsConfig's).
XttsConfig config_from(const EngineOptions& options);

}  // namespace chorus::xtts
