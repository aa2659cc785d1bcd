#include "audio/watermark/watermark_layout.h"

#include <cmath>
#include <cstdint>
#include <numbers>
#include <numeric>
#include <utility>

namespace chorus::audio::watermark {
namespace {

// The layout is public on purpose: anyone may check a file. Changing the seed or any constant
// in the header makes earlier marks undetectable.
constexpr std::uint64_t kLayoutSeed = 0x63686f7275732d31ULL;  // "chorus-1"

// SplitMix64: a small, well-mixed generator whose output is fixed by the seed on every platform.
class SplitMix {
 public:
  explicit SplitMix(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

}  // namespace

const Layout& Layout::instance() {
  static const Layout layout;
  return layout;
}

Layout::Layout() : slot_(kTiles), chip_(kTiles) {
  SplitMix random(kLayoutSeed);
  std::vector<std::size_t> order(kTiles);
  std::iota(order.begin(), order.end(), std::size_t{0});
  for (std::size_t i = kTiles - 1; i > 0; --i) {
    std::swap(order[i], order[random.next() % (i + 1)]);
  }
  for (std::size_t position = 0; position < kTiles; ++position) {
    slot_[order[position]] = position / kTilesPerSlot;
  }
  for (auto& chip : chip_) chip = (random.next() & 1u) ? 1.0f : -1.0f;
  for (auto& sign : sync_) sign = (random.next() & 1u) ? 1.0f : -1.0f;
}

std::array<float, kSlots> slot_signs(const CodedBits& bits) {
  std::array<float, kSlots> signs{};
  for (std::size_t i = 0; i < kCodedBits; ++i) signs[i] = bits[i] ? 1.0f : -1.0f;
  for (std::size_t i = kCodedBits; i < kSlots; ++i) signs[i] = Layout::instance().sync_sign(i);
  return signs;
}

const std::vector<float>& sqrt_hann() {
  static const std::vector<float> window = [] {
    std::vector<float> w(kFrameSize);
    for (std::size_t i = 0; i < kFrameSize; ++i) {
      const double hann = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * static_cast<double>(i) /
                                               static_cast<double>(kFrameSize));
      w[i] = static_cast<float>(std::sqrt(hann));
    }
    return w;
  }();
  return window;
}

}  // namespace chorus::audio::watermark
