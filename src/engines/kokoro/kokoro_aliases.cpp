#include "engines/kokoro/kokoro_aliases.h"

#include <algorithm>
#include <utility>

#include "engines/kokoro/kokoro_voices.h"

namespace chorus::kokoro {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

// Same-named Kokoro voice where one exists (alloy, echo, nova, onyx), otherwise one of similar
// character and the same gender as OpenAI's.
constexpr Pair kAmerican[] = {
    {"alloy", "af_alloy"}, {"ash", "am_adam"},   {"ballad", "am_michael"}, {"coral", "af_heart"},
    {"echo", "am_echo"},   {"fable", "am_puck"}, {"onyx", "am_onyx"},      {"nova", "af_nova"},
    {"sage", "af_sarah"},  {"shimmer", "af_sky"}, {"verse", "am_liam"},    {"marin", "af_bella"},
    {"cedar", "am_eric"},
};
constexpr Pair kBritish[] = {
    {"alloy", "bf_alice"}, {"ash", "bm_daniel"},     {"ballad", "bm_lewis"}, {"coral", "bf_emma"},
    {"echo", "bm_lewis"},  {"fable", "bm_fable"},    {"onyx", "bm_george"},  {"nova", "bf_isabella"},
    {"sage", "bf_emma"},   {"shimmer", "bf_lily"},   {"verse", "bm_daniel"}, {"marin", "bf_isabella"},
    {"cedar", "bm_george"},
};

std::string_view openai_gender(std::string_view alias) {
  for (std::string_view male : {"ash", "ballad", "echo", "fable", "onyx", "verse", "cedar"}) {
    if (alias == male) return "male";
  }
  return "female";
}

bool has(const std::vector<std::string>& available, std::string_view name) {
  return std::find(available.begin(), available.end(), name) != available.end();
}

}  // namespace

std::string voice_for_openai_name(std::string_view alias, std::string_view language,
                                  const std::vector<std::string>& available) {
  auto lookup = [&](const auto& table) -> std::string {
    for (const auto& [from, to] : table) {
      if (from == alias && has(available, to)) return std::string(to);
    }
    return {};
  };
  std::string chosen;
  if (language == "en-us") chosen = lookup(kAmerican);
  if (language == "en-gb") chosen = lookup(kBritish);
  if (!chosen.empty()) return chosen;
  // af_heart is Kokoro's best-graded voice: the default for American English.
  if (language == "en-us" && openai_gender(alias) == "female" && has(available, "af_heart")) return "af_heart";
  std::string any;
  for (const auto& name : available) {
    if (voice_language(name) != language) continue;
    if (voice_gender(name) == openai_gender(alias)) return name;
    if (any.empty()) any = name;
  }
  return any;
}

}  // namespace chorus::kokoro
