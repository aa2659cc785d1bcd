#include "text/language.h"

#include <algorithm>
#include <array>
#include <utility>

namespace chorus {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// ISO 639-1 codes that were renamed: old tags still arrive from old clients.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kDeprecated{{
    {"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kLanguageNames{{
    {"en", "English"},  {"es", "Spanish"},  {"fr", "French"},    {"de", "German"},
    {"it", "Italian"},  {"pt", "Portuguese"}, {"pl", "Polish"},  {"tr", "Turkish"},
    {"ru", "Russian"},  {"nl", "Dutch"},    {"cs", "Czech"},     {"ar", "Arabic"},
    {"zh", "Chinese"},  {"ja", "Japanese"}, {"hu", "Hungarian"}, {"ko", "Korean"},
    {"hi", "Hindi"},    {"uk", "Ukrainian"}, {"sv", "Swedish"},  {"da", "Danish"},
    {"fi", "Finnish"},  {"el", "Greek"},    {"he", "Hebrew"},    {"vi", "Vietnamese"},
}};

}  // namespace

std::optional<std::string> normalize_language_tag(std::string_view tag) {
  while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
  while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
  if (tag.empty() || tag.size() > 35) return std::nullopt;

  std::vector<std::string> subtags;
  std::string current;
  for (char c : tag) {
    if (c == '-' || c == '_') {
      if (current.empty()) return std::nullopt;
      subtags.push_back(std::move(current));
      current.clear();
    } else if (is_alpha(c) || is_digit(c)) {
      current.push_back(lower(c));
    } else {
      return std::nullopt;
    }
  }
  if (current.empty()) return std::nullopt;
  subtags.push_back(std::move(current));

  const std::string& primary = subtags.front();
  if (primary.size() < 2 || primary.size() > 3) return std::nullopt;
  if (!std::all_of(primary.begin(), primary.end(), is_alpha)) return std::nullopt;

  std::string out = primary;
  for (const auto& [old_code, new_code] : kDeprecated) {
    if (out == old_code) out = new_code;
  }
  for (std::size_t i = 1; i < subtags.size(); ++i) {
    const std::string& s = subtags[i];
    if (s.size() > 8) return std::nullopt;
    const bool alpha = std::all_of(s.begin(), s.end(), is_alpha);
    if (i == 1 && s.size() == 4 && alpha) continue;  // script subtag (Hans, Latn, Cyrl)
    if (s == "x") return std::nullopt;               // private use: not a language we can speak
    out += '-';
    out += s;
  }
  return out;
}

std::string primary_subtag(std::string_view tag) {
  const auto cut = tag.find_first_of("-_");
  std::string out(tag.substr(0, cut));
  for (char& c : out) c = lower(c);
  return out;
}

std::string_view language_name(std::string_view tag) {
  const std::string primary = primary_subtag(tag);
  for (const auto& [code, name] : kLanguageNames) {
    if (code == primary) return name;
  }
  return tag;
}

}  // namespace chorus
