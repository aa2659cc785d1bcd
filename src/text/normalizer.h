#pragma once
// Text normalization: writes numbers, money, times, dates, units, abbreviations, URLs and
// symbols out as words in the text's language, so every engine reads them the same way.
#include <string>
#include <string_view>

namespace chorus {

enum class EmojiMode {
  kDrop,  // removed (default: most engines read them as noise or skip them unpredictably)
  kName,  // replaced by their name ("thumbs up"); English names only, dropped elsewhere
  kKeep,  // left in place
};

struct NormalizeOptions {
  EmojiMode emoji = EmojiMode::kDrop;
  bool urls = true;             // read URLs and e-mail addresses ("example dot com")
  bool read_hashtags = true;    // "#tag" -> "hashtag tag", "@user" -> "at user"
};

// Normalizes text in a language (lower-case BCP-47; unknown languages use English rules for
// the parts that are script-neutral). Input need not be valid UTF-8: invalid bytes become
// U+FFFD. Whitespace runs are collapsed, line breaks are kept.
std::string normalize_text(std::string_view text, std::string_view language,
                           const NormalizeOptions& options = {});

}  // namespace chorus
