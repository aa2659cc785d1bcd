#pragma once
// The server lexicon from the configuration (text.lexicon_file, then text.lexicon).
#include <memory>

#include "router/router.h"
#include "text/lexicon.h"

namespace chorus {

// Throws std::invalid_argument naming the key and the word of an unusable entry.
std::shared_ptr<const Lexicon> build_server_lexicon(const RouterConfig& config);

}  // namespace chorus
