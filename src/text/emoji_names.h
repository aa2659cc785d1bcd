#pragma once
// English names of common emoji, for EmojiMode::kName.
#include <string_view>

namespace chorus {

// Name of the emoji whose first code point is cp, or empty when it is not in the table.
std::string_view emoji_name(char32_t cp);

}  // namespace chorus
