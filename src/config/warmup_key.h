#pragma once
// The cache.warmup key: a list of phrases (tables) rather than a scalar, read from the TOML file
// as [[cache.warmup]] tables and from CHORUS_CACHE_WARMUP as the same list in TOML syntax.
#include "config/config_keys.h"

namespace chorus {

ConfigKey warmup_key();

}  // namespace chorus
