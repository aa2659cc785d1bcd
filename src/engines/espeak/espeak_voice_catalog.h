#pragma once
// The voices and voice variants an espeak-ng installation ships, read once from
// espeak_ListVoices and kept as plain data so lookups need no lock.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engines/phonemizer/espeak_library.h"

namespace chorus {

// One language voice, e.g. name "fr-fr", file "roa/fr".
struct EspeakVoice {
  std::string name;         // lower-case id part after "espeak:" ("en-us", "fr-fr", "cmn")
  std::string file;         // espeak identifier, what espeak_SetVoiceByName loads ("roa/fr")
  std::string display_name; // "French (France)"
  std::string language;     // lower-case primary BCP-47 tag ("fr-fr")
  std::string gender;       // "male", "female" or empty
  // Every language the voice declares with espeak's priority (lower = better), lower-case,
  // primary language included: {"fr-fr",5}, {"fr",5}.
  std::vector<std::pair<std::string, int>> languages;
};

// A voice variant (espeak-ng-data/voices/!v/<file>), e.g. id "f3", file "f3", name "female3".
struct EspeakVariant {
  std::string id;            // lower-case, used after '+' in voice ids ("f3", "alex")
  std::string file;          // espeak's file name, case preserved ("f3", "Alex")
  std::string display_name;  // "female3", "Alex"
  std::string gender;        // "male", "female" or empty
};

class EspeakVoiceCatalog {
 public:
  EspeakVoiceCatalog() = default;
  EspeakVoiceCatalog(std::vector<EspeakVoice> voices, std::vector<EspeakVariant> variants);

  // Reads the installation's voices and variants. Requires the espeak lock.
  static EspeakVoiceCatalog load(const EspeakLibrary::Lock& lock);

  const std::vector<EspeakVoice>& voices() const { return voices_; }
  const std::vector<EspeakVariant>& variants() const { return variants_; }

  // Case-insensitive lookups by EspeakVoice::name / EspeakVariant::id; nullptr when unknown.
  const EspeakVoice* find_voice(std::string_view name) const;
  const EspeakVariant* find_variant(std::string_view id) const;

  // Every language tag any voice declares, lower-case, sorted, without duplicates.
  std::vector<std::string> languages() const;

 private:
  std::vector<EspeakVoice> voices_;
  std::vector<EspeakVariant> variants_;
};

// ASCII lower-casing; espeak names and BCP-47 tags are ASCII.
std::string ascii_lower(std::string_view text);

}  // namespace chorus
