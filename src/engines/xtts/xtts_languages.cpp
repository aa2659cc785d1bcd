#include "engines/xtts/xtts_languages.h"

#include <algorithm>
#include <set>

#include "text/language.h"

namespace chorus::xtts {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

const std::vector<std::string>& default_service_languages() {
  static const std::vector<std::string> codes{"en", "es", "fr", "de", "it", "pt",
                                              "pl", "tr", "ru", "nl", "cs", "ar",
                                              "zh-cn", "hu", "ko", "ja", "hi"};
  return codes;
}

std::vector<std::string> advertised_languages(const std::vector<std::string>& service_codes) {
  std::set<std::string> tags;
  for (const auto& code : service_codes) {
    auto tag = normalize_language_tag(code);
    if (!tag) continue;  // a code chorus cannot express is not advertised
    tags.insert(*tag);
    if (primary_subtag(*tag) == "zh") tags.insert("zh");
  }
  return {tags.begin(), tags.end()};
}

std::optional<std::string> service_language(std::string_view tag,
                                            const std::vector<std::string>& service_codes) {
  const std::string primary = primary_subtag(lower(tag));
  const std::string wanted = primary == "zh" ? "zh-cn" : primary;
  for (const auto& code : service_codes) {
    if (lower(code) == wanted) return code;
  }
  return std::nullopt;
}

std::size_t char_limit(std::string_view service_code) {
  // One table for the whole project (text/language), shared with the pipeline's chunking.
  return xtts_char_limit(lower(service_code));
}

}  // namespace chorus::xtts
