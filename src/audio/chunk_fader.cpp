#include "audio/chunk_fader.h"

#include <cmath>
#include <numbers>

namespace chorus::audio {

float raised_cosine(std::size_t index, std::size_t length) {
  if (index >= length) return 1.0f;
  // Sampling at half-sample offsets keeps fade-in and fade-out mirror images of each other.
  const double x = (static_cast<double>(index) + 0.5) / static_cast<double>(length);
  return static_cast<float>(0.5 - 0.5 * std::cos(std::numbers::pi * x));
}

ChunkFader::ChunkFader(std::size_t fade_samples) : fade_(fade_samples) { tail_.reserve(fade_ * 2); }

void ChunkFader::process(std::span<const float> in, std::vector<float>& out) {
  std::size_t at = tail_.size();
  tail_.insert(tail_.end(), in.begin(), in.end());
  // Only the chunk's first fade_ samples change; the rest pass through as a block copy.
  for (; at < tail_.size() && position_ < fade_; ++at) tail_[at] *= raised_cosine(position_++, fade_);
  position_ += tail_.size() - at;
  if (tail_.size() <= fade_) return;
  const auto keep_from = tail_.end() - static_cast<std::ptrdiff_t>(fade_);
  out.insert(out.end(), tail_.begin(), keep_from);
  tail_.erase(tail_.begin(), keep_from);
}

void ChunkFader::end_chunk(std::vector<float>& out) {
  const std::size_t n = tail_.size();
  for (std::size_t i = 0; i < n; ++i) out.push_back(tail_[i] * raised_cosine(n - 1 - i, fade_));
  tail_.clear();
  position_ = 0;
}

}  // namespace chorus::audio
