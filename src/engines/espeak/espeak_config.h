#pragma once
// Settings of the built-in espeak-ng engine.
#include <cstddef>
#include <string>

namespace chorus {

struct EspeakConfig {
  // espeak-ng-data directory (or its parent); empty = the library's compiled-in default.
  std::string data_path;
  // Voice used for an OpenAI alias when the request carries no language.
  std::string default_language = "en";
  // Variant each OpenAI alias gets when per_alias_variants is false (or the alias table's own
  // variant is missing from this espeak installation). Empty = espeak's plain voice.
  std::string female_variant = "f3";
  std::string male_variant = "m3";
  // True: every alias keeps its own variant from the alias table, so alloy and nova sound
  // different. False: all female aliases use female_variant, all male ones male_variant.
  bool per_alias_variants = true;
  // Longest chunk the engine asks the pipeline for; espeak itself has no hard limit.
  std::size_t max_chunk_chars = 400;

  // Throws std::invalid_argument describing the first problem found. Variant names are checked
  // against the installed data later, by the engine.
  void Validate() const;
  std::string ToString() const;
};

}  // namespace chorus
