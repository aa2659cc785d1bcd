#pragma once
// One Kokoro ONNX graph on ONNX Runtime. Exports disagree on names and types (tokens/input_ids,
// float or int32 speed, audio/waveform 1-D or [1,n], optional duration), so everything is read
// from the session instead of assumed. ONNX Runtime types stay inside the .cpp.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "engines/onnx/onnx_environment.h"

namespace chorus::kokoro {

// A model or voices file that cannot be used; the message names the file and the reason.
class KokoroLoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class SpeedType { kFloat32, kFloat64, kInt32, kInt64 };

struct SessionSignature {
  std::string tokens_input;   // "tokens" or "input_ids"
  bool tokens_int32 = false;  // int64 in every known export
  std::string style_input;    // "style"
  std::string speed_input;    // "speed"
  SpeedType speed_type = SpeedType::kFloat32;
  std::string audio_output;   // "audio" or "waveform"
  std::string duration_output;  // "duration" or empty
  std::optional<std::string> kokoro_config;  // model metadata "kokoro_config" (JSON)

  bool integer_speed() const { return speed_type == SpeedType::kInt32 || speed_type == SpeedType::kInt64; }
  std::string describe() const;  // one line for the log
};

// Threads and arena, as for every graph chorus runs (engines/onnx/onnx_environment.h).
using SessionOptions = onnx::SessionOptions;

class KokoroSession {
 public:
  // Throws KokoroLoadError when the file cannot be loaded or has no usable signature.
  KokoroSession(const std::string& path, const SessionOptions& options);
  ~KokoroSession();
  KokoroSession(const KokoroSession&) = delete;
  KokoroSession& operator=(const KokoroSession&) = delete;

  const SessionSignature& signature() const { return signature_; }

  struct Output {
    std::vector<float> audio;
    std::vector<std::int64_t> durations;  // frames per token (600 samples each), when exported
  };
  // ids include both pads. style has 256 floats. Thread-safe (ONNX Runtime's Run is).
  // Throws std::runtime_error on inference errors.
  Output run(std::span<const std::int64_t> ids, std::span<const float> style, float speed) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  SessionSignature signature_;
};

}  // namespace chorus::kokoro
