#include "engines/xtts/xtts_studio_speakers.h"

#include <cstdint>

namespace chorus::xtts {
namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// OpenAI voice -> a stock XTTS-v2 studio speaker of matching gender (speakers_xtts.pth names).
constexpr std::pair<std::string_view, std::string_view> kAliasSpeakers[] = {
    {"alloy", "Claribel Dervla"}, {"ash", "Andrew Chipper"},   {"ballad", "Damien Black"},
    {"coral", "Daisy Studious"},  {"echo", "Craig Gutsy"},     {"fable", "Viktor Eka"},
    {"onyx", "Abrahan Mack"},     {"nova", "Ana Florence"},    {"sage", "Gracie Wise"},
    {"shimmer", "Sofia Hellen"},  {"verse", "Royston Min"},    {"marin", "Asya Anara"},
    {"cedar", "Baldur Sanjin"},
};

}  // namespace

void StudioSpeakers::replace(std::vector<std::pair<std::string, Latents>> speakers) {
  std::vector<std::pair<std::string, std::shared_ptr<const Latents>>> shared;
  shared.reserve(speakers.size());
  for (auto& [name, latents] : speakers) {
    shared.emplace_back(std::move(name), std::make_shared<const Latents>(std::move(latents)));
  }
  std::lock_guard lock(mutex_);
  speakers_ = std::move(shared);
  loaded_ = true;
}

bool StudioSpeakers::loaded() const {
  std::lock_guard lock(mutex_);
  return loaded_;
}

std::vector<std::string> StudioSpeakers::names() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  out.reserve(speakers_.size());
  for (const auto& entry : speakers_) out.push_back(entry.first);
  return out;
}

std::optional<std::string> StudioSpeakers::find(std::string_view name) const {
  std::lock_guard lock(mutex_);
  for (const auto& entry : speakers_) {
    if (entry.first == name) return entry.first;
  }
  for (const auto& entry : speakers_) {
    if (equal_ignoring_case(entry.first, name)) return entry.first;
  }
  return std::nullopt;
}

std::shared_ptr<const Latents> StudioSpeakers::latents(std::string_view canonical_name) const {
  std::lock_guard lock(mutex_);
  for (const auto& entry : speakers_) {
    if (entry.first == canonical_name) return entry.second;
  }
  return nullptr;
}

std::optional<std::string> StudioSpeakers::for_alias(std::string_view alias) const {
  std::lock_guard lock(mutex_);
  if (speakers_.empty()) return std::nullopt;
  for (const auto& [openai, preferred] : kAliasSpeakers) {
    if (openai != alias) continue;
    for (const auto& entry : speakers_) {
      if (entry.first == preferred) return entry.first;
    }
  }
  // FNV-1a of the alias: the same name always picks the same speaker on the same endpoint.
  std::uint32_t hash = 2166136261u;
  for (char c : alias) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return speakers_[hash % speakers_.size()].first;
}

}  // namespace chorus::xtts
