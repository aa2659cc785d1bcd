#pragma once
// The built-in espeak-ng engine as the registry sees it (engines/engine_module.h).
#include "engines/engine_module.h"

namespace chorus {

EngineModule espeak_engine_module();

}  // namespace chorus
