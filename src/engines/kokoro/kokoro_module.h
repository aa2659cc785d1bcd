#pragma once
// The Kokoro engine as the registry sees it: factory, routing ranks and `chorus models` support.
#include "engines/engine_module.h"

namespace chorus::kokoro {

EngineModule engine_module();

}  // namespace chorus::kokoro
