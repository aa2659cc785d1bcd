#include "engines/espeak/espeak_voice_catalog.h"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <set>

namespace chorus {
namespace {

constexpr std::string_view kVariantDir = "!v/";

std::string gender_name(unsigned char gender) {
  switch (gender) {
    case 1: return "male";
    case 2: return "female";
    default: return {};
  }
}

// espeak_VOICE::languages is a list of (priority byte, NUL-terminated name) ended by a 0 byte.
std::vector<std::pair<std::string, int>> parse_languages(const char* data) {
  std::vector<std::pair<std::string, int>> out;
  if (data == nullptr) return out;
  while (*data != 0) {
    const int priority = static_cast<unsigned char>(*data++);
    std::string name(data);
    data += name.size() + 1;
    out.emplace_back(ascii_lower(name), priority);
  }
  return out;
}

std::string readable(const char* name) {
  std::string out = name ? name : "";
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::string basename(std::string_view path) {
  const auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// ListVoices returns a static array the next call overwrites: copy before the next call.
std::vector<const espeak_VOICE*> list(espeak_VOICE* selector) {
  std::vector<const espeak_VOICE*> out;
  const espeak_VOICE** voices = espeak_ListVoices(selector);
  for (int i = 0; voices != nullptr && voices[i] != nullptr; ++i) out.push_back(voices[i]);
  return out;
}

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

EspeakVoiceCatalog::EspeakVoiceCatalog(std::vector<EspeakVoice> voices,
                                       std::vector<EspeakVariant> variants)
    : voices_(std::move(voices)), variants_(std::move(variants)) {}

EspeakVoiceCatalog EspeakVoiceCatalog::load(const EspeakLibrary::Lock& /*lock*/) {
  std::vector<EspeakVoice> voices;
  std::set<std::string> taken;
  // A null selector lists every language voice (espeak leaves out variants and mbrola voices).
  for (const espeak_VOICE* v : list(nullptr)) {
    EspeakVoice voice;
    voice.languages = parse_languages(v->languages);
    if (voice.languages.empty() || v->identifier == nullptr) continue;
    voice.file = v->identifier;
    voice.language = voice.languages.front().first;
    voice.display_name = readable(v->name);
    voice.gender = gender_name(v->gender);
    // The primary language is the name users know (espeak-ng --voices shows it). Two voices can
    // share it (yue and its Jyutping twin): the later one is named after its file instead,
    // which keeps every id unique and stable across runs.
    voice.name = voice.language;
    if (taken.contains(voice.name)) voice.name = ascii_lower(basename(voice.file));
    if (!taken.insert(voice.name).second) continue;
    voices.push_back(std::move(voice));
  }

  std::vector<EspeakVariant> variants;
  std::set<std::string> variant_ids;
  espeak_VOICE selector{};
  selector.languages = "variant";
  for (const espeak_VOICE* v : list(&selector)) {
    const std::string_view identifier = v->identifier ? v->identifier : "";
    if (!identifier.starts_with(kVariantDir)) continue;
    EspeakVariant variant;
    variant.file = std::string(identifier.substr(kVariantDir.size()));
    // A few files have spaces ("Mr serious"); ids use '-' so they stay one readable token.
    variant.id = ascii_lower(variant.file);
    std::replace(variant.id.begin(), variant.id.end(), ' ', '-');
    variant.display_name = readable(v->name);
    variant.gender = gender_name(v->gender);
    if (variant.id.empty() || !variant_ids.insert(variant.id).second) continue;
    variants.push_back(std::move(variant));
  }
  std::sort(variants.begin(), variants.end(),
            [](const EspeakVariant& a, const EspeakVariant& b) { return a.id < b.id; });
  return EspeakVoiceCatalog(std::move(voices), std::move(variants));
}

const EspeakVoice* EspeakVoiceCatalog::find_voice(std::string_view name) const {
  const std::string key = ascii_lower(name);
  for (const auto& voice : voices_) {
    if (voice.name == key) return &voice;
  }
  return nullptr;
}

const EspeakVariant* EspeakVoiceCatalog::find_variant(std::string_view id) const {
  const std::string key = ascii_lower(id);
  for (const auto& variant : variants_) {
    if (variant.id == key) return &variant;
  }
  return nullptr;
}

std::vector<std::string> EspeakVoiceCatalog::languages() const {
  std::set<std::string> tags;
  for (const auto& voice : voices_) {
    for (const auto& [tag, priority] : voice.languages) tags.insert(tag);
  }
  return {tags.begin(), tags.end()};
}

}  // namespace chorus
