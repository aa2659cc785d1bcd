#pragma once
// The "lexicon" field of speech and normalize requests: {"word": "respelling" or "/IPA/"}.
#include <memory>
#include <nlohmann/json_fwd.hpp>

#include "text/lexicon.h"

namespace chorus {

// nullptr when the body has no (or a null) "lexicon". Throws ApiError 400 (param "lexicon")
// for a non-object, a non-string value, an unusable entry or too many entries.
std::shared_ptr<const Lexicon> parse_lexicon_field(const nlohmann::json& body);

}  // namespace chorus
