#pragma once
// Linear-phase FIR equalizer from per-band gains (the LTAS bands), for spectral colour matching.
// Streams with its latency compensated: output sample i corresponds to input sample i.
#include <span>
#include <vector>

namespace chorus::audio {

class VoiceEq {
 public:
  // `gains_db` per ltas_band_centers() band; gains are interpolated on a log-frequency axis.
  VoiceEq(std::span<const float> gains_db, double output_gain_db, int sample_rate);

  void process(std::span<const float> in, std::vector<float>& out);
  // Emits the filter's tail for the input so far and starts afresh (end of a chunk).
  void flush(std::vector<float>& out);

  const std::vector<float>& taps() const { return taps_; }

 private:
  void push(float x, std::vector<float>& out);

  std::vector<float> taps_;
  std::vector<float> history_;  // 2 x taps_.size(): each input stored twice (see push)
  std::size_t pos_ = 0;
  std::size_t to_skip_;         // latency not yet dropped in this chunk
  std::size_t fed_ = 0;         // samples fed in this chunk
};

}  // namespace chorus::audio
