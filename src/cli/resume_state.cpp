#include "cli/resume_state.h"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace chorus {

std::string resume_state_path(const std::string& output) { return output + ".chorus-resume"; }

std::optional<ResumeState> load_resume_state(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  try {
    auto json = nlohmann::json::parse(in);
    ResumeState state;
    state.fingerprint = json.at("fingerprint").get<std::string>();
    state.input_offset = json.at("input_offset").get<std::uint64_t>();
    state.output_bytes = json.at("output_bytes").get<std::uint64_t>();
    state.samples = json.at("samples").get<std::uint64_t>();
    state.subtitle_bytes = json.value("subtitle_bytes", std::uint64_t{0});
    state.cues = json.value("cues", std::uint64_t{0});
    state.language = json.value("language", std::string());
    return state;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // damaged: treated as no state, the run starts over
  }
}

void save_resume_state(const std::string& path, const ResumeState& state) {
  nlohmann::json json = {{"version", 1},
                         {"fingerprint", state.fingerprint},
                         {"input_offset", state.input_offset},
                         {"output_bytes", state.output_bytes},
                         {"samples", state.samples},
                         {"subtitle_bytes", state.subtitle_bytes},
                         {"cues", state.cues},
                         {"language", state.language}};
  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << json.dump(1) << "\n";
    if (!out.flush()) throw std::runtime_error("cannot write " + temporary);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    throw std::runtime_error("cannot write " + path);
  }
}

std::string file_fingerprint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::uint64_t hash = 0xcbf29ce484222325ull;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      hash = (hash ^ static_cast<unsigned char>(buffer[i])) * 0x100000001b3ull;
    }
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

}  // namespace chorus
