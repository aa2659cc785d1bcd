#pragma once
// Cuts one pipeline chunk into pieces no longer than XTTS's character limit for the language.
// The pipeline chunks for all engines alike, so a chunk can exceed e.g. Japanese's 71 or
// Chinese's 82 characters; sending it whole would make the model truncate the audio.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::xtts {

// Sentence boundaries first, then clause marks, spaces and characters (text/chunker.h); every
// piece has at most `limit` code points and none is blank.
std::vector<std::string> split_for_xtts(std::string_view text, std::string_view language,
                                        std::size_t limit);

}  // namespace chorus::xtts
