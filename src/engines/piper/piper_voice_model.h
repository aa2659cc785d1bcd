#pragma once
// One Piper graph loaded on ONNX Runtime, checked against the inputs Piper's export writes:
// `input` int64 [1,N], `input_lengths` int64 [1], `scales` float32 [3], `sid` int64 [1] on
// multi-speaker voices; audio in the first float output (samples in the last dimension), and
// per-id durations in a second output when the export has one.
//
// When the graph ends in VITS's decoder (the convolution reading "dec.conv_pre.weight"), the
// decoder is loaded as a graph of its own (engines/onnx/graph_split.h): a Run can then decode
// the first frames of a sentence alone and hand them on before decoding the rest. The decoder
// is convolutional, so a window decoded with kDecoderContextFrames of context on each side gives
// the samples a whole decode gives (to float rounding: 127 dB signal-to-difference measured on
// en_US-joe-medium).
#include <cstdint>
#include <functional>
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

// The first frames decoded alone: 16 frames of 256 samples, 0.19 s at 22.05 kHz. Fewer frames
// out sooner: the first byte of a response was 84-92 ms with 16, 104-111 ms with 32 (medians of
// 11 requests, docs/benchmarks.md). The rest of a first chunk of the default 40 characters
// (about 190 frames) takes about 150 ms of one core to decode, less than those frames play.
inline constexpr std::int64_t kEarlyFrames = 16;
// Frames of context on each side of a window: the decoder's reach is a few frames, and at 16
// the windows join without a trace (8 left 66-72 dB signal-to-difference).
inline constexpr std::int64_t kDecoderContextFrames = 16;

class PiperVoiceModel {
 public:
  // Throws onnx::LoadError naming the file when the graph cannot load or lacks Piper's inputs;
  // `multi_speaker` voices must have `sid`. With a `noise_seed`, the graph's noise is drawn by
  // chorus's seeded generator (engines/onnx/seeded_noise.h): the same ids, scales and seed give
  // the same samples on every run.
  PiperVoiceModel(const std::string& path, bool multi_speaker, const onnx::SessionOptions& options,
                  std::optional<std::uint64_t> noise_seed = std::nullopt);
  ~PiperVoiceModel();

  struct Output {
    std::vector<float> audio;
    std::vector<std::int64_t> id_samples;  // audio samples per input id, when the graph outputs them
  };
  // Receives the first samples of a sentence ahead of the rest; false stops the Run.
  using EarlyAudio = std::function<bool(std::span<const float> samples)>;

  // Thread-safe. Throws std::runtime_error on inference errors. With `early` on a voice whose
  // decoder is split off and a sentence longer than kEarlyFrames plus twice the context,
  // the first kEarlyFrames frames of audio go to `early` before the rest is decoded, and
  // Output::audio holds only the samples after them (none when `early` returned false).
  Output run(std::span<const std::int64_t> ids, const PiperScales& scales, std::optional<std::int64_t> speaker,
             const EarlyAudio& early = {}) const;

  bool has_durations() const { return !duration_output_.empty(); }
  bool decoder_split() const { return decoder_ != nullptr; }

 private:
  struct Latent;
  std::vector<float> decode(const Latent& latent, std::int64_t begin, std::int64_t end,
                            std::optional<std::int64_t> speaker) const;

  std::unique_ptr<onnx::Session> session_;  // the whole graph, or the part before the decoder
  std::unique_ptr<onnx::Session> decoder_;  // the decoder, when split off
  std::string latent_;                      // the tensor between them
  bool has_sid_ = false;
  bool decoder_sid_ = false;
  std::vector<std::int64_t> noise_seed_;  // the seed input's values; empty without a seed
  std::string audio_output_;
  std::string duration_output_;
};

}  // namespace chorus::piper
