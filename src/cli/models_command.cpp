#include "cli/models_command.h"

#include <httplib.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/sha256.h"

namespace chorus {
namespace fs = std::filesystem;
namespace {

// Kokoro v1.0 release files (thewh1teagle/kokoro-onnx, release model-files-v1.0). Sizes and
// SHA-256 are the values independent projects pin for these URLs.
struct ModelFile {
  const char* variant;  // "fp32", "fp16", "int8" or "voices"
  const char* name;
  std::uint64_t size;
  const char* sha256;
};
constexpr const char* kKokoroBaseUrl = "https://github.com/thewh1teagle/kokoro-onnx/releases/download/model-files-v1.0/";
constexpr ModelFile kKokoroFiles[] = {
    {"fp32", "kokoro-v1.0.onnx", 325532387, "7d5df8ecf7d4b1878015a32686053fd0eebe2bc377234608764cc0ef3636a6c5"},
    {"fp16", "kokoro-v1.0.fp16.onnx", 177464787, "c1610a859f3bdea01107e73e50100685af38fff88f5cd8e5c56df109ec880204"},
    {"int8", "kokoro-v1.0.int8.onnx", 92361271, "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"},
    {"voices", "voices-v1.0.bin", 28214398, "bca610b8308e8d99f32e6fe4197e7ec01679264efed0cac9140fe9c29f1fbf7d"},
};

// CHORUS_KOKORO_BASE_URL points at a mirror holding the same files (verified all the same).
std::string base_url() {
  const char* mirror = std::getenv("CHORUS_KOKORO_BASE_URL");
  std::string url = mirror && *mirror ? mirror : kKokoroBaseUrl;
  if (url.back() != '/') url.push_back('/');
  return url;
}

const ModelFile* known_file(const std::string& name) {
  for (const auto& f : kKokoroFiles) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

std::string sha256_file(const fs::path& path) { return sha256_file_hex(path); }

std::string human_size(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

// The sidecar "<file>.sha256" records a verified hash so later listings and the engine's
// model_version need not re-read hundreds of megabytes.
void write_sidecar(const fs::path& file, const std::string& sha) {
  std::ofstream(file.string() + ".sha256") << sha << "  " << file.filename().string() << "\n";
}
std::string read_sidecar(const fs::path& file) {
  std::ifstream in(file.string() + ".sha256");
  std::string sha;
  in >> sha;
  return sha;
}

// Downloads url to `target` through "<target>.part" (kept across runs so a retry resumes with
// a Range request), then verifies size and SHA-256 and renames. Throws with the reason.
void download_verified(const std::string& url, const fs::path& target, const ModelFile& expected) {
  const fs::path part = target.string() + ".part";
  std::uint64_t have = fs::exists(part) ? fs::file_size(part) : 0;
  if (have > expected.size) {
    fs::remove(part);
    have = 0;
  }
  const auto scheme_end = url.find("://");
  const auto path_start = url.find('/', scheme_end + 3);
  httplib::Client client(url.substr(0, path_start));
  client.set_follow_location(true);
  client.set_connection_timeout(30);
  client.set_read_timeout(120);
  httplib::Headers headers;
  if (have > 0 && have < expected.size) headers.emplace("Range", "bytes=" + std::to_string(have) + "-");

  std::ofstream out;
  std::uint64_t received = have;
  int last_percent = -1;
  bool restart = false;
  auto result = client.Get(
      url.substr(path_start), headers,
      [&](const httplib::Response& response) {
        if (response.status == 206 && have > 0) {
          out.open(part, std::ios::binary | std::ios::app);
        } else if (response.status == 200) {
          restart = have > 0;
          received = 0;
          out.open(part, std::ios::binary | std::ios::trunc);
        } else {
          return false;
        }
        return static_cast<bool>(out);
      },
      [&](const char* data, std::size_t size) {
        out.write(data, static_cast<std::streamsize>(size));
        received += size;
        const int percent = static_cast<int>(100 * received / std::max<std::uint64_t>(1, expected.size));
        if (percent != last_percent && percent % 5 == 0) {
          std::cerr << "\r  " << expected.name << ": " << percent << "% of " << human_size(expected.size) << std::flush;
          last_percent = percent;
        }
        return static_cast<bool>(out);
      });
  out.close();
  std::cerr << "\n";
  if (!result) {
    const bool partial = fs::exists(part) && fs::file_size(part) > 0;
    throw std::runtime_error("download of " + url + " failed: " + httplib::to_string(result.error()) +
                             " error (check the network, or set CHORUS_KOKORO_BASE_URL to a mirror)" +
                             (partial ? "; run the command again to resume" : ""));
  }
  if (result->status != 200 && result->status != 206) {
    throw std::runtime_error("download of " + url + " failed: HTTP " + std::to_string(result->status));
  }
  if (restart) std::cerr << "  server ignored the resume request; downloaded from the start\n";
  const std::uint64_t size = fs::file_size(part);
  if (size != expected.size) {
    throw std::runtime_error(std::string(expected.name) + ": got " + std::to_string(size) + " bytes, expected " +
                             std::to_string(expected.size) + " (partial file kept; run again to resume)");
  }
  const std::string sha = sha256_file(part);
  if (sha != expected.sha256) {
    fs::remove(part);
    throw std::runtime_error(std::string(expected.name) + ": SHA-256 mismatch: got " + sha + ", expected " +
                             expected.sha256 + " (file removed)");
  }
  fs::rename(part, target);
  write_sidecar(target, sha);
}

int pull_kokoro(const std::string& models_dir, const std::string& variant) {
  const fs::path dir = fs::path(models_dir) / "kokoro";
  fs::create_directories(dir);
  for (const auto& file : kKokoroFiles) {
    if (file.variant != variant && std::string(file.variant) != "voices") continue;
    const fs::path target = dir / file.name;
    std::error_code ec;
    if (fs::exists(target, ec) && fs::file_size(target, ec) == file.size &&
        (read_sidecar(target) == file.sha256 || sha256_file(target) == file.sha256)) {
      write_sidecar(target, file.sha256);
      std::cout << target.string() << ": present and verified\n";
      continue;
    }
    std::cout << "downloading " << file.name << " (" << human_size(file.size) << ") to " << dir.string() << "\n";
    download_verified(base_url() + file.name, target, file);
    std::cout << target.string() << ": verified (sha256 " << std::string(file.sha256).substr(0, 16) << "...)\n";
  }
  std::cout << "Kokoro " << variant << " is installed; `chorus serve --models-dir " << models_dir
            << "` loads it at start.\n";
  return 0;
}

int list_models(const std::string& models_dir, bool verify) {
  const fs::path dir = fs::path(models_dir) / "kokoro";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    std::cout << "no models in " << models_dir << " (run `chorus models pull kokoro`)\n";
    return 0;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto ext = entry.path().extension().string();
    if (entry.is_regular_file(ec) && (ext == ".onnx" || ext == ".bin")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::printf("%-8s %-24s %-7s %10s  %s\n", "ENGINE", "FILE", "VARIANT", "SIZE", "STATUS");
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    const std::uint64_t size = fs::file_size(path, ec);
    const ModelFile* known = known_file(name);
    std::string status;
    if (!known) {
      status = verify ? "unknown file, sha256 " + sha256_file(path) : "unknown file (not a release file)";
    } else if (size != known->size) {
      status = "size differs from the release (" + std::to_string(known->size) + " expected)";
    } else if (read_sidecar(path) == known->sha256) {
      status = "verified";
    } else if (verify) {
      const std::string sha = sha256_file(path);
      status = sha == known->sha256 ? "verified" : "SHA-256 MISMATCH (" + sha + ")";
      if (sha == known->sha256) write_sidecar(path, sha);
    } else {
      status = "size ok, not verified (use --verify)";
    }
    const std::string variant = known ? known->variant : "-";
    std::printf("%-8s %-24s %-7s %10s  %s\n", "kokoro", name.c_str(), variant.c_str(), human_size(size).c_str(),
                status.c_str());
  }
  return 0;
}

}  // namespace

void register_models_command(CLI::App& app) {
  auto* models = app.add_subcommand("models", "Download and list model files");
  models->require_subcommand(1);

  struct Options {
    std::string models_dir = default_models_dir();
    std::string engine;
    std::string variant = "fp32";
    bool verify = false;
  };
  auto options = std::make_shared<Options>();

  auto* pull = models->add_subcommand("pull", "Download an engine's model files and verify their SHA-256");
  pull->add_option("engine", options->engine, "Engine whose files to download")
      ->required()
      ->check(CLI::IsMember({"kokoro"}));
  pull->add_option("--variant", options->variant, "Kokoro graph: fp32, fp16 or int8")
      ->check(CLI::IsMember({"fp32", "fp16", "int8"}))
      ->capture_default_str();
  pull->add_option("--models-dir", options->models_dir, "Models directory")->capture_default_str();
  pull->callback([options] {
    try {
      pull_kokoro(options->models_dir, options->variant);
    } catch (const std::exception& e) {
      // CLI11 exits quietly on RuntimeError: the reason is printed here.
      std::cerr << "chorus models pull: " << e.what() << "\n";
      throw CLI::RuntimeError(1);
    }
  });

  auto* list = models->add_subcommand("list", "List installed model files, variant, size and verification");
  list->add_option("--models-dir", options->models_dir, "Models directory")->capture_default_str();
  list->add_flag("--verify", options->verify, "Hash files that were not verified yet");
  list->callback([options] { list_models(options->models_dir, options->verify); });
}

}  // namespace chorus
