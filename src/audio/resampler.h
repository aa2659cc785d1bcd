#pragma once
// Mono float sample-rate conversion with libswresample. Equal rates pass samples through.
#include <span>
#include <vector>

struct SwrContext;

namespace chorus::audio {

class Resampler {
 public:
  Resampler(int in_rate, int out_rate);
  ~Resampler();
  Resampler(const Resampler&) = delete;
  Resampler& operator=(const Resampler&) = delete;

  // Appends the converted samples to `out`. The filter keeps a few samples of history, so
  // output lags input until drain().
  void process(std::span<const float> in, std::vector<float>& out);

  // Appends what the filter still holds and resets it, so the next process() starts an
  // unrelated signal without borrowing history from the previous one.
  void drain(std::vector<float>& out);

  int in_rate() const { return in_rate_; }
  int out_rate() const { return out_rate_; }

 private:
  int convert(const float* in, int count, std::vector<float>& out);

  int in_rate_;
  int out_rate_;
  SwrContext* swr_ = nullptr;  // null when the rates are equal
  bool dirty_ = false;         // fed since the last drain
};

}  // namespace chorus::audio
