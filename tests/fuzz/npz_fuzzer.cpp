// Fuzz target: Kokoro's voices file (an .npz archive of float32 .npy arrays) and the voice
// blend syntax. The reader must turn any malformed archive into an NpzError; a table it accepts
// must hand out style vectors of the promised size for every row.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

#include "engines/kokoro/kokoro_npz.h"
#include "engines/kokoro/kokoro_voices.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chorus::kokoro;
  const std::span<const std::uint8_t> bytes(data, size);
  try {
    (void)parse_npy_float32(bytes, "fuzz.npy");
  } catch (const NpzError&) {
  }

  try {
    VoiceTable table = VoiceTable::from_arrays(parse_npz_float32(bytes, "fuzz.npz"), "fuzz.npz");
    const auto names = table.names();
    if (names.empty() || table.rows() == 0) std::abort();
    VoiceBlend blend;
    for (const auto& name : names) blend.parts.emplace_back(name, 1.0f / names.size());
    for (std::size_t tokens : {std::size_t{0}, std::size_t{1}, table.rows(), table.rows() + 7}) {
      const std::size_t row = table.row_for(tokens);
      if (row >= table.rows()) std::abort();
      if (table.style(blend, row).size() != kStyleDim) std::abort();
    }
  } catch (const NpzError&) {
  }

  // The blend syntax ("af_bella(2)+af_sky") comes from the request's voice field.
  if (auto blend = parse_voice_blend(
          std::string_view(reinterpret_cast<const char*>(data), std::min<std::size_t>(size, 256)))) {
    float sum = 0;
    for (const auto& part : blend->parts) {
      if (part.first.empty() || !(part.second >= 0.0f)) std::abort();
      sum += part.second;
    }
    if (blend->parts.empty() || sum < 0.99f || sum > 1.01f) std::abort();
    (void)blend->id();
  }
  return 0;
}
