#include "engines/kokoro/kokoro_model_files.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

namespace chorus::kokoro {
namespace fs = std::filesystem;
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int preference(const std::string& name) {
  if (name == "kokoro-v1.0.onnx") return 0;
  if (name == "kokoro-v1.0.fp16.onnx") return 1;
  if (name == "kokoro-v1.0.int8.onnx") return 2;
  if (starts_with(name, "kokoro-v1.0")) return 3;
  if (name == "model.onnx") return 4;
  if (starts_with(name, "model")) return 5;
  return -1;
}

std::uint64_t fnv1a(std::uint64_t hash, const char* data, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= static_cast<unsigned char>(data[i]);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

}  // namespace

std::optional<KokoroFiles> find_kokoro_files(const std::string& models_dir) {
  if (models_dir.empty()) return std::nullopt;
  const fs::path dir = fs::path(models_dir) / "kokoro";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return std::nullopt;
  const fs::path voices = dir / kVoicesFileName;
  if (!fs::is_regular_file(voices, ec)) return std::nullopt;
  std::vector<std::pair<int, std::string>> candidates;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file(ec) || !ends_with(name, ".onnx")) continue;
    if (const int p = preference(name); p >= 0) candidates.emplace_back(p, name);
  }
  if (candidates.empty()) return std::nullopt;
  std::sort(candidates.begin(), candidates.end());
  return KokoroFiles{(dir / candidates.front().second).string(), voices.string()};
}

std::string model_variant(const std::string& model_path) {
  const std::string name = fs::path(model_path).filename().string();
  if (name == "kokoro-v1.0.onnx" || name == "model.onnx") return "fp32";
  for (const char* tag : {"fp16", "int8", "q8f16", "q4f16", "uint8f16", "uint8", "q4"}) {
    if (name.find(tag) != std::string::npos) return tag;
  }
  if (name.find("quantized") != std::string::npos) return "q8";
  return "custom";
}

std::string model_version(const std::string& model_path) {
  const std::string name = fs::path(model_path).filename().string();
  const std::string variant = model_variant(model_path);
  std::ifstream sidecar(model_path + ".sha256");
  std::string sha;
  if (sidecar >> sha && sha.size() == 64) return name + " " + variant + " sha256:" + sha.substr(0, 8);

  std::ifstream in(model_path, std::ios::binary | std::ios::ate);
  const auto size = static_cast<std::uint64_t>(std::max<std::streamoff>(0, in.tellg()));
  std::uint64_t hash = fnv1a(0xcbf29ce484222325ull, reinterpret_cast<const char*>(&size), sizeof size);
  constexpr std::uint64_t kSpan = 4u << 20;
  std::vector<char> buf(kSpan);
  for (std::uint64_t offset : {std::uint64_t{0}, size > kSpan ? size - kSpan : std::uint64_t{0}}) {
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(buf.data(), static_cast<std::streamsize>(std::min(kSpan, size)));
    hash = fnv1a(hash, buf.data(), static_cast<std::size_t>(in.gcount()));
    if (size <= kSpan) break;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return name + " " + variant + " id:" + std::string(hex, 8);
}

}  // namespace chorus::kokoro
