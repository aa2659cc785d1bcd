#pragma once
// One ONNX graph on ONNX Runtime, for any engine that runs one (Piper; Kokoro reads its own
// signature). Inputs and outputs are described by name so each engine checks the export it got
// instead of assuming it; ONNX Runtime types stay inside the .cpp.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engines/onnx/onnx_environment.h"

namespace chorus::onnx {

// A graph that cannot be loaded; the message names the file and the reason.
class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ElementType { kOther, kFloat32, kFloat64, kFloat16, kInt32, kInt64 };
std::string type_name(ElementType type);

struct TensorInfo {
  std::string name;
  ElementType type = ElementType::kOther;
  std::vector<std::int64_t> shape;  // -1 for symbolic dimensions
};

// An input for run(): the data is borrowed for the call.
struct InputTensor {
  std::string name;
  std::variant<std::span<const std::int64_t>, std::span<const float>> data;
  std::vector<std::int64_t> shape;
};

// An output as a flat copy: float outputs in `floats`, integer ones in `ints`.
struct OutputTensor {
  std::vector<float> floats;
  std::vector<std::int64_t> ints;
  std::vector<std::int64_t> shape;
};

class Session {
 public:
  // Throws LoadError when the file is missing, not an ONNX graph, or has an unsupported operator.
  Session(const std::string& path, const SessionOptions& options);
  // The same from a serialized graph in memory (a rewritten graph, seeded_noise.h); `name`
  // stands for it in messages.
  Session(const std::string& name, std::string_view serialized, const SessionOptions& options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const std::vector<TensorInfo>& inputs() const { return inputs_; }
  const std::vector<TensorInfo>& outputs() const { return outputs_; }
  const TensorInfo* input(const std::string& name) const;
  const TensorInfo* output(const std::string& name) const;
  // "input:int64, scales:float32" for messages.
  static std::string describe(const std::vector<TensorInfo>& tensors);

  // Thread-safe (ONNX Runtime's Run is). Float32 and int64/int32 outputs are supported.
  // Throws std::runtime_error on inference errors.
  std::vector<OutputTensor> run(const std::vector<InputTensor>& inputs,
                                const std::vector<std::string>& output_names) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<TensorInfo> inputs_;
  std::vector<TensorInfo> outputs_;
};

}  // namespace chorus::onnx
