#pragma once
// Remote engines as the registry sees them: one engine per `[[engines.remote]]` table or
// `--remote-url` value (EngineModule::instances), each under its own name.
#include <vector>

#include "engines/engine_module.h"
#include "engines/remote/remote_config.h"

namespace chorus::remote {

EngineModule engine_module();

// The settings of every configured remote, in order. Unnamed ones are called "remote",
// "remote2", ...; throws std::invalid_argument for a bad or duplicate setting.
std::vector<RemoteConfig> configs_from(const std::vector<EngineOptions>& instances);

}  // namespace chorus::remote
