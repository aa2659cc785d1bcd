#pragma once
// Kokoro's phoneme vocabulary: one Unicode code point -> one token id. Ids are not contiguous
// (114 symbols over 1..177) and id 0 is the pad that frames every sequence.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chorus::kokoro {

// Longest phoneme sequence the model accepts, without the two pads (PL-BERT has 512 positions).
inline constexpr std::size_t kMaxTokens = 510;
inline constexpr std::int64_t kPadId = 0;

// Decodes UTF-8; invalid bytes become U+FFFD so a bad byte never aborts synthesis.
std::u32string utf8_to_u32(std::string_view text);
std::string u32_to_utf8(std::u32string_view text);

class Vocabulary {
 public:
  // The Kokoro v1.0 vocabulary (hexgrad/Kokoro-82M config.json).
  static Vocabulary v1();
  // Reads {"vocab": {...}} from a Kokoro config JSON (the `kokoro_config` model metadata).
  // Throws std::runtime_error when the JSON or a key is malformed.
  static Vocabulary from_config_json(std::string_view json);

  // Maps each code point through the vocabulary; unknown code points are dropped, as every
  // reference implementation does. No pads are added.
  std::vector<std::int64_t> encode(std::u32string_view phonemes) const;
  std::vector<std::int64_t> encode(std::string_view phonemes_utf8) const;

  bool contains(char32_t symbol) const { return ids_.count(symbol) != 0; }
  std::int64_t id(char32_t symbol) const;  // -1 when absent
  std::size_t size() const { return ids_.size(); }

 private:
  std::unordered_map<char32_t, std::int64_t> ids_;
};

}  // namespace chorus::kokoro
