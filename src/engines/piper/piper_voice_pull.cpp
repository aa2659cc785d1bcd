#include "engines/piper/piper_voice_pull.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <stdexcept>

#include "engines/model_files/model_download.h"
#include "engines/piper/piper_voice_config.h"

namespace chorus::piper {
namespace fs = std::filesystem;
namespace {

constexpr const char* kBaseUrl = "https://huggingface.co/rhasspy/piper-voices/resolve/main/";
constexpr const char* kRetryHint = "check the network, or set CHORUS_PIPER_BASE_URL to a mirror";
constexpr std::size_t kMaxManifestBytes = 64 << 20;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string piper_voices_base_url() { return base_url_from_env("CHORUS_PIPER_BASE_URL", kBaseUrl); }

void pull_voice(const ModelCommands::PullRequest& request, std::ostream& out, std::ostream& progress) {
  const std::string base = piper_voices_base_url();
  const auto manifest = nlohmann::json::parse(fetch_text(base + "voices.json", kMaxManifestBytes, kRetryHint),
                                              nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object()) throw std::runtime_error(base + "voices.json is not a JSON object");
  auto voice = manifest.find(request.name);
  if (voice == manifest.end() || !voice->is_object()) {
    std::string close;
    const std::string prefix = request.name.substr(0, request.name.find('-'));
    for (const auto& [name, _] : manifest.items()) {
      if (name.rfind(prefix, 0) == 0 && close.size() < 300) close += (close.empty() ? "" : ", ") + name;
    }
    throw std::runtime_error("no voice '" + request.name + "' in " + base + "voices.json" +
                             (close.empty() ? "" : " (voices starting with " + prefix + ": " + close + ")"));
  }
  auto files = voice->find("files");
  if (files == voice->end() || !files->is_object()) throw std::runtime_error(request.name + ": the manifest lists no files");
  const fs::path dir = fs::path(request.models_dir) / "piper";
  fs::create_directories(dir);
  int fetched = 0;
  // The .onnx.json first: a voice is only found when both files are there, so the model (the
  // big file) arriving last means an interrupted pull leaves no half voice behind.
  for (const std::string suffix : {".onnx.json", ".onnx"}) {
    for (const auto& [path, description] : files->items()) {
      if (!ends_with(path, "/" + request.name + suffix)) continue;
      ExpectedFile expected;
      expected.name = request.name + suffix;
      expected.kind = DigestKind::kMd5;
      if (!description.is_object() || !description.contains("size_bytes") || !description.contains("md5_digest") ||
          !description["size_bytes"].is_number_unsigned() || !description["md5_digest"].is_string()) {
        throw std::runtime_error(path + ": the manifest lacks size_bytes or md5_digest");
      }
      expected.size = description["size_bytes"].get<std::uint64_t>();
      expected.digest = description["md5_digest"].get<std::string>();
      const fs::path target = dir / expected.name;
      ++fetched;
      if (present_and_verified(target, expected)) {
        out << target.string() << ": present and verified\n";
        continue;
      }
      out << "downloading " << expected.name << " (" << human_size(expected.size) << ") to " << dir.string() << "\n";
      download_verified(base + path, target, expected, progress, kRetryHint);
      out << target.string() << ": verified (md5 " << expected.digest << ")\n";
    }
  }
  if (fetched != 2) throw std::runtime_error(request.name + ": the manifest does not list both .onnx and .onnx.json");
  out << "Piper voice " << request.name << " is installed as piper:" << request.name << "; `chorus serve --models-dir "
      << request.models_dir << "` lists it (loaded on first use).\n";
}

std::vector<ModelCommands::Row> list_voices(const std::string& models_dir, bool verify) {
  const fs::path dir = fs::path(models_dir) / "piper";
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec) && entry.path().extension() == ".onnx") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<ModelCommands::Row> rows;
  for (const auto& path : files) {
    const std::string json = path.string() + ".json";
    std::string status;
    std::string quality = "-";
    try {
      PiperVoiceConfig config = load_voice_config(json);
      quality = config.quality.empty() ? "-" : config.quality;
      status = std::to_string(config.num_speakers) + " speaker(s), " + std::to_string(config.sample_rate) + " Hz";
      const std::string recorded = recorded_digest(path, DigestKind::kMd5);
      if (!recorded.empty()) {
        status += ", md5 verified at pull";
      } else if (verify) {
        status += ", md5 " + file_digest(path, DigestKind::kMd5);
      }
    } catch (const std::exception& e) {
      status = std::string("UNUSABLE: ") + e.what();
    }
    rows.push_back({path.filename().string(), quality, human_size(fs::file_size(path, ec)), status});
  }
  return rows;
}

}  // namespace chorus::piper
