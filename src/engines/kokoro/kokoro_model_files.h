#pragma once
// Where Kokoro's files live in a models directory, and how a loaded graph is named.
#include <optional>
#include <string>

namespace chorus::kokoro {

inline constexpr const char* kVoicesFileName = "voices-v1.0.bin";

struct KokoroFiles {
  std::string model;
  std::string voices;
};

// Looks in DIR/kokoro/ for a graph (kokoro-v1.0.onnx, then .fp16, .int8, other kokoro-v1.0*.onnx,
// then model.onnx and model*.onnx) and voices-v1.0.bin. nullopt unless both are there.
std::optional<KokoroFiles> find_kokoro_files(const std::string& models_dir);

// "fp32", "fp16", "int8", "q8", ... from the file name; "custom" when it says nothing.
std::string model_variant(const std::string& model_path);

// Identifies the loaded graph: "kokoro-v1.0.fp16.onnx fp16 sha256:c1610a85". Uses the
// "<model>.sha256" file that `chorus models pull` writes; otherwise a fast content id
// (FNV-1a over size and the first and last 4 MiB), written "id:xxxxxxxx".
std::string model_version(const std::string& model_path);

}  // namespace chorus::kokoro
