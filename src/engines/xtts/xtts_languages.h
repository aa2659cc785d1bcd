#pragma once
// XTTS-v2 language codes as the service spells them ("zh-cn") versus chorus's lower-case BCP-47
// tags ("zh", "en-us"), and the per-language text lengths the model handles without truncating.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::xtts {

// The 17 codes of XTTS-v2's config.json, used until an endpoint answers GET /languages.
const std::vector<std::string>& default_service_languages();

// Tags chorus advertises for the service's codes: lower-cased, and "zh-cn" advertised as both
// "zh" and "zh-cn" (chorus's Chinese tag is "zh"). Sorted, no duplicates.
std::vector<std::string> advertised_languages(const std::vector<std::string>& service_codes);

// The code to send for a request tag, or nullopt when the service does not speak it:
// region subtags are dropped ("pt-br" -> "pt", "en-us" -> "en") except that any Chinese tag
// becomes "zh-cn", the only Chinese XTTS has. `service_codes` are matched case-insensitively
// and the code is returned as the service spells it.
std::optional<std::string> service_language(std::string_view tag,
                                            const std::vector<std::string>& service_codes);

// Longest text (in code points) XTTS-v2's tokenizer accepts for a language without warning that
// audio may be truncated (tokenizer char_limits). Languages without an entry (hi) get 250, the
// tokenizer's default.
std::size_t char_limit(std::string_view service_code);

}  // namespace chorus::xtts
