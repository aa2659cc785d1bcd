#pragma once
// Kokoro's voice packs (voices-v1.0.bin): per voice a [rows, 1, 256] float32 array, one style
// vector per possible token count. Also voice-name facts (language, gender) and blends.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engines/kokoro/kokoro_npz.h"

namespace chorus::kokoro {

inline constexpr std::size_t kStyleDim = 256;

// "af_bella+af_sky" (equal weights) or "af_bella(2)+af_sky(1)"; weights normalized to sum 1.
struct VoiceBlend {
  std::vector<std::pair<std::string, float>> parts;
  std::string id() const;  // canonical spelling: "af_bella" or "af_bella(0.667)+af_sky(0.333)"
};
// Parses the syntax only (names are not checked); nullopt when malformed.
std::optional<VoiceBlend> parse_voice_blend(std::string_view spec);

// From the voice-name prefix: first letter = language, second = f/m.
std::string voice_language(std::string_view voice);  // "en-us", "en-gb", "es", "fr", "hi", "it",
                                                     // "ja", "pt-br", "zh"; "" when unknown
std::string voice_gender(std::string_view voice);    // "female", "male" or ""

class VoiceTable {
 public:
  // Loads a voices .npz; throws NpzError with the file name and the problem.
  static VoiceTable load(const std::string& path);
  // Validates shapes: every voice [rows,1,256] or [rows,256], rows >= 1 and equal for all.
  static VoiceTable from_arrays(std::map<std::string, NpyArray> arrays, const std::string& what);

  std::vector<std::string> names() const;
  bool contains(std::string_view name) const;
  std::size_t rows() const { return rows_; }

  // Row used for a batch of `token_count` tokens (without pads): N - 1, clamped to the array.
  // The reference pipeline (hexgrad's KPipeline, `pack[len(ps) - 1]`) and kokoro-onnx 0.6 index
  // the pack this way; row N (what kokoro-onnx 0.5 did) gives the style of one token more.
  std::size_t row_for(std::size_t token_count) const;
  // Weighted sum of the voices' rows (weights already normalized). Throws std::out_of_range
  // for an unknown voice.
  std::vector<float> style(const VoiceBlend& blend, std::size_t row) const;

 private:
  std::map<std::string, std::vector<float>, std::less<>> voices_;
  std::size_t rows_ = 0;
};

}  // namespace chorus::kokoro
