#include "engines/espeak/espeak_language_map.h"

#include <array>
#include <climits>
#include <utility>

namespace chorus {
namespace {

// Choices espeak's own priorities would get wrong or cannot express.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kPreferred{{
    // espeak ranks en-gb first for "en"; OpenAI clients expect American English.
    {"en", "en-us"},
    // The plain "cmn" voice in espeak-ng 1.51 reads many Hanzi words as pinyin spelled out in
    // English ("ni three hao three"); the pinyin-flavoured voice reads the same Hanzi correctly
    // (Latin text in it is read as pinyin, which is the lesser problem for Chinese input).
    {"zh", "cmn-latn-pinyin"},
    {"zh-cn", "cmn-latn-pinyin"},
    {"zh-sg", "cmn-latn-pinyin"},
    {"zh-hans", "cmn-latn-pinyin"},
    {"zh-hant", "cmn-latn-pinyin"},
    {"zh-tw", "cmn-latn-pinyin"},
    {"cmn", "cmn-latn-pinyin"},
    {"zh-cmn", "cmn-latn-pinyin"},
    {"zh-hk", "yue"},
    {"zh-yue", "yue"},
    // Latin-American Spanish variants share espeak's es-419 voice.
    {"es-us", "es-419"},
    {"es-ar", "es-419"},
    {"es-co", "es-419"},
}};

std::optional<std::string> resolve_exact(const EspeakVoiceCatalog& catalog, const std::string& tag) {
  for (const auto& [from, to] : kPreferred) {
    if (from == tag && catalog.find_voice(to) != nullptr) return std::string(to);
  }
  if (const EspeakVoice* voice = catalog.find_voice(tag)) return voice->name;
  const EspeakVoice* best = nullptr;
  int best_priority = INT_MAX;
  for (const auto& voice : catalog.voices()) {
    for (const auto& [language, priority] : voice.languages) {
      // Strictly lower priority wins, so ties keep espeak's listing order.
      if (language == tag && priority < best_priority) {
        best = &voice;
        best_priority = priority;
      }
    }
  }
  if (best != nullptr) return best->name;
  return std::nullopt;
}

}  // namespace

std::string canonical_espeak_tag(std::string_view tag) {
  std::string out = ascii_lower(tag);
  for (char& c : out) {
    if (c == '_') c = '-';
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '-')) out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  return out;
}

std::optional<std::string> espeak_voice_for_language(const EspeakVoiceCatalog& catalog,
                                                     std::string_view tag) {
  std::string candidate = canonical_espeak_tag(tag);
  while (!candidate.empty()) {
    if (auto voice = resolve_exact(catalog, candidate)) return voice;
    const auto dash = candidate.rfind('-');
    if (dash == std::string::npos) break;
    candidate.resize(dash);
  }
  return std::nullopt;
}

std::vector<std::string> extra_language_tags(const EspeakVoiceCatalog& catalog) {
  std::vector<std::string> tags;
  for (const auto& [from, to] : kPreferred) {
    if (catalog.find_voice(to) != nullptr) tags.emplace_back(from);
  }
  return tags;
}

}  // namespace chorus
