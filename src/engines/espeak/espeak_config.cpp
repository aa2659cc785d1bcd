#include "engines/espeak/espeak_config.h"

#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace chorus {
namespace {

// Variant names become file names inside espeak-ng-data/voices/!v; keep them to a safe set.
bool is_plain_name(const std::string& name) {
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

void EspeakConfig::Validate() const {
  if (!data_path.empty()) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path path(data_path);
    if (!fs::is_directory(path, ec)) {
      throw std::invalid_argument("espeak data path '" + data_path + "' is not a directory");
    }
    // espeak accepts the data directory itself or a directory that contains espeak-ng-data.
    if (!fs::exists(path / "phontab", ec) && !fs::exists(path / "espeak-ng-data" / "phontab", ec)) {
      throw std::invalid_argument("espeak data path '" + data_path +
                                  "' holds no espeak-ng data (phontab not found)");
    }
  }
  if (default_language.empty()) {
    throw std::invalid_argument("espeak default_language must not be empty");
  }
  if (!is_plain_name(female_variant) || !is_plain_name(male_variant)) {
    throw std::invalid_argument("espeak variant names may only contain letters, digits, '_' and '-'");
  }
  if (max_chunk_chars < 16) {
    throw std::invalid_argument("espeak max_chunk_chars must be at least 16");
  }
}

std::string EspeakConfig::ToString() const {
  std::ostringstream out;
  out << "EspeakConfig{data_path=" << (data_path.empty() ? "<default>" : data_path)
      << ", default_language=" << default_language << ", female_variant=" << female_variant
      << ", male_variant=" << male_variant
      << ", per_alias_variants=" << (per_alias_variants ? "true" : "false")
      << ", max_chunk_chars=" << max_chunk_chars << "}";
  return out.str();
}

}  // namespace chorus
