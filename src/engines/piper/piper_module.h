#pragma once
// The Piper engine as the registry sees it: configuration keys (engines.piper.*), factory,
// routing ranks and `chorus models pull piper NAME`.
#include "engines/engine_module.h"

namespace chorus::piper {

EngineModule engine_module();

}  // namespace chorus::piper
