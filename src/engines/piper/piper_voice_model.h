#pragma once
// One Piper graph loaded on ONNX Runtime, checked against the inputs Piper's export writes:
// `input` int64 [1,N], `input_lengths` int64 [1], `scales` float32 [3], `sid` int64 [1] on
// multi-speaker voices; audio in the first float output (samples in the last dimension), and
// per-id durations in a second output when the export has one.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engines/onnx/onnx_session.h"

namespace chorus::piper {

struct PiperScales {
  float noise_scale = 0.667f;
  float length_scale = 1.0f;
  float noise_w = 0.8f;
};

class PiperVoiceModel {
 public:
  // Throws onnx::LoadError naming the file when the graph cannot load or lacks Piper's inputs;
  // `multi_speaker` voices must have `sid`. With a `noise_seed`, the graph's noise is drawn by
  // chorus's seeded generator (engines/onnx/seeded_noise.h): the same ids, scales and seed give
  // the same samples on every run.
  PiperVoiceModel(const std::string& path, bool multi_speaker, const onnx::SessionOptions& options,
                  std::optional<std::uint64_t> noise_seed = std::nullopt);

  struct Output {
    std::vector<float> audio;
    std::vector<std::int64_t> id_samples;  // audio samples per input id, when the graph outputs them
  };
  // Thread-safe. Throws std::runtime_error on inference errors.
  Output run(std::span<const std::int64_t> ids, const PiperScales& scales, std::optional<std::int64_t> speaker) const;

  bool has_durations() const { return !duration_output_.empty(); }

 private:
  std::unique_ptr<onnx::Session> session_;
  bool has_sid_ = false;
  std::vector<std::int64_t> noise_seed_;  // the seed input's values; empty without a seed
  std::string audio_output_;
  std::string duration_output_;
};

}  // namespace chorus::piper
