#include "engines/kokoro/kokoro_release_files.h"

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <stdexcept>

#include "engines/model_files/model_download.h"

namespace chorus::kokoro {
namespace fs = std::filesystem;
namespace {

// Kokoro v1.0 release files (thewh1teagle/kokoro-onnx, release model-files-v1.0). Sizes and
// SHA-256 are the values independent projects pin for these URLs.
struct ReleaseFile {
  const char* variant;  // "fp32", "fp16", "int8" or "voices"
  const char* name;
  std::uint64_t size;
  const char* sha256;
};
constexpr const char* kBaseUrl = "https://github.com/thewh1teagle/kokoro-onnx/releases/download/model-files-v1.0/";
constexpr ReleaseFile kFiles[] = {
    {"fp32", "kokoro-v1.0.onnx", 325532387, "7d5df8ecf7d4b1878015a32686053fd0eebe2bc377234608764cc0ef3636a6c5"},
    {"fp16", "kokoro-v1.0.fp16.onnx", 177464787, "c1610a859f3bdea01107e73e50100685af38fff88f5cd8e5c56df109ec880204"},
    {"int8", "kokoro-v1.0.int8.onnx", 92361271, "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"},
    {"voices", "voices-v1.0.bin", 28214398, "bca610b8308e8d99f32e6fe4197e7ec01679264efed0cac9140fe9c29f1fbf7d"},
};

ExpectedFile expected(const ReleaseFile& file) { return {file.name, file.size, file.sha256, DigestKind::kSha256}; }

const ReleaseFile* known_file(const std::string& name) {
  for (const auto& f : kFiles) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

}  // namespace

void pull_release(const ModelCommands::PullRequest& request, std::ostream& out, std::ostream& progress) {
  const fs::path dir = fs::path(request.models_dir) / "kokoro";
  fs::create_directories(dir);
  // CHORUS_KOKORO_BASE_URL points at a mirror holding the same files (verified all the same).
  const std::string base = base_url_from_env("CHORUS_KOKORO_BASE_URL", kBaseUrl);
  for (const auto& file : kFiles) {
    if (file.variant != request.variant && std::string(file.variant) != "voices") continue;
    const fs::path target = dir / file.name;
    if (present_and_verified(target, expected(file))) {
      out << target.string() << ": present and verified\n";
      continue;
    }
    out << "downloading " << file.name << " (" << human_size(file.size) << ") to " << dir.string() << "\n";
    download_verified(base + file.name, target, expected(file), progress,
                      "check the network, or set CHORUS_KOKORO_BASE_URL to a mirror");
    out << target.string() << ": verified (sha256 " << std::string(file.sha256).substr(0, 16) << "...)\n";
  }
  out << "Kokoro " << request.variant << " is installed; `chorus serve --models-dir " << request.models_dir
      << "` loads it at start.\n";
}

std::vector<ModelCommands::Row> list_release(const std::string& models_dir, bool verify) {
  const fs::path dir = fs::path(models_dir) / "kokoro";
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto ext = entry.path().extension().string();
    if (entry.is_regular_file(ec) && (ext == ".onnx" || ext == ".bin")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<ModelCommands::Row> rows;
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    const std::uint64_t size = fs::file_size(path, ec);
    const ReleaseFile* known = known_file(name);
    std::string status;
    if (!known) {
      status = verify ? "unknown file, sha256 " + file_digest(path, DigestKind::kSha256)
                      : "unknown file (not a release file)";
    } else if (size != known->size) {
      status = "size differs from the release (" + std::to_string(known->size) + " expected)";
    } else if (recorded_digest(path, DigestKind::kSha256) == known->sha256) {
      status = "verified";
    } else if (verify) {
      const std::string sha = file_digest(path, DigestKind::kSha256);
      status = sha == known->sha256 ? "verified" : "SHA-256 MISMATCH (" + sha + ")";
      if (sha == known->sha256) record_digest(path, DigestKind::kSha256, sha);
    } else {
      status = "size ok, not verified (use --verify)";
    }
    rows.push_back({name, known ? known->variant : "-", human_size(size), status});
  }
  return rows;
}

}  // namespace chorus::kokoro
