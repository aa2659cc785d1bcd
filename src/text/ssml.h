#pragma once
// A safe parser for the SSML subset chorus supports: <speak>, <break>, <say-as
// interpret-as="characters|spell-out|cardinal|number|ordinal|digits|date|telephone">,
// <phoneme alphabet="ipa" ph>, <sub alias>, <lang xml:lang>, <prosody rate>, <p>, <s>.
// Other elements are ignored (their text is kept). There is no DTD support and no entity
// expansion beyond the five XML entities and character references; depth, size and element
// counts are bounded.
#include <string>
#include <string_view>
#include <vector>

#include "text/segments.h"

namespace chorus {

struct SsmlResult {
  bool ok = false;
  std::string error;  // what is wrong and where (byte offset), when !ok
  std::vector<TextSegment> segments;
};

inline constexpr std::size_t kMaxSsmlBytes = 200'000;
inline constexpr std::size_t kMaxSsmlDepth = 32;
inline constexpr std::size_t kMaxSsmlElements = 10'000;

// Parses SSML. `language` is used for say-as conversions outside any <lang> element.
SsmlResult parse_ssml(std::string_view ssml, std::string_view language);

// True when the text looks like SSML (starts with <speak after optional whitespace or an
// XML declaration).
bool looks_like_ssml(std::string_view text);

// say-as: the words for `text` read as `interpret_as` ("characters", "cardinal", ...), or the
// text unchanged when it does not fit. Exposed for tests.
std::string say_as_words(std::string_view text, std::string_view interpret_as,
                         std::string_view format, std::string_view language);

}  // namespace chorus
