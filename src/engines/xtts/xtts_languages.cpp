#include "engines/xtts/xtts_languages.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

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
  static constexpr std::array<std::pair<std::string_view, std::size_t>, 17> kLimits{{
      {"en", 250}, {"de", 253}, {"fr", 273}, {"es", 239}, {"it", 213}, {"pt", 203},
      {"pl", 224}, {"zh", 82},  {"ar", 166}, {"cs", 186}, {"ru", 182}, {"nl", 251},
      {"tr", 226}, {"ja", 71},  {"hu", 224}, {"ko", 95},  {"hi", 250},
  }};
  const std::string primary = primary_subtag(lower(service_code));
  for (const auto& [code, limit] : kLimits) {
    if (code == primary) return limit;
  }
  return 250;
}

}  // namespace chorus::xtts
