#include "audio/resampler.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/samplefmt.h>
#include <libswresample/swresample.h>
}

#include "core/av_error.h"

namespace chorus::audio {

Resampler::Resampler(int in_rate, int out_rate) : in_rate_(in_rate), out_rate_(out_rate) {
  if (in_rate <= 0 || out_rate <= 0) throw std::invalid_argument("sample rates must be positive");
  if (in_rate == out_rate) return;
  AVChannelLayout mono{};  // FFmpeg 5.1 takes it non-const
  av_channel_layout_default(&mono, 1);
  av_check(swr_alloc_set_opts2(&swr_, &mono, AV_SAMPLE_FMT_FLT, out_rate, &mono,
                                   AV_SAMPLE_FMT_FLT, in_rate, 0, nullptr),
               "cannot configure resampler");
  try {
    av_check(swr_init(swr_), "cannot initialise resampler");
  } catch (...) {
    swr_free(&swr_);
    throw;
  }
}

Resampler::~Resampler() { swr_free(&swr_); }

int Resampler::convert(const float* in, int count, std::vector<float>& out) {
  const int room = av_check(swr_get_out_samples(swr_, count), "resampler size");
  const std::size_t old_size = out.size();
  out.resize(old_size + static_cast<std::size_t>(room));
  auto* dst = reinterpret_cast<uint8_t*>(out.data() + old_size);
  const auto* src = reinterpret_cast<const uint8_t*>(in);
  const int produced = swr_convert(swr_, &dst, room, in != nullptr ? &src : nullptr, count);
  out.resize(old_size + static_cast<std::size_t>(produced > 0 ? produced : 0));
  return av_check(produced, "resampling failed");
}

void Resampler::process(std::span<const float> in, std::vector<float>& out) {
  if (swr_ == nullptr) {
    out.insert(out.end(), in.begin(), in.end());
    return;
  }
  // swr_convert counts in int; engines deliver far less per call, but stay safe.
  constexpr std::size_t kMaxBlock = 1 << 20;
  while (!in.empty()) {
    const std::size_t n = std::min(in.size(), kMaxBlock);
    convert(in.data(), static_cast<int>(n), out);
    in = in.subspan(n);
    dirty_ = true;
  }
}

void Resampler::drain(std::vector<float>& out) {
  if (swr_ == nullptr || !dirty_) return;
  while (convert(nullptr, 0, out) > 0) {
  }
  swr_close(swr_);
  av_check(swr_init(swr_), "cannot reset resampler");
  dirty_ = false;
}

}  // namespace chorus::audio
