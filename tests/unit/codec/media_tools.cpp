#include "media_tools.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numbers>
#include <sstream>
#include <stdexcept>

namespace chorus::test {

std::vector<int16_t> sine_s16(double seconds, double frequency, int rate, double amplitude) {
  const auto n = static_cast<std::size_t>(std::lround(seconds * rate));
  std::vector<int16_t> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double v =
        amplitude * std::sin(2.0 * std::numbers::pi * frequency * static_cast<double>(i) / rate);
    out[i] = static_cast<int16_t>(std::lround(v * 32767.0));
  }
  return out;
}

double dominant_frequency(const std::vector<int16_t>& samples, int rate) {
  const std::size_t begin = samples.size() / 10;
  const std::size_t end = samples.size() - samples.size() / 10;
  double first = -1.0;
  double last = -1.0;
  int crossings = 0;
  for (std::size_t i = begin + 1; i < end; ++i) {
    const double a = samples[i - 1];
    const double b = samples[i];
    if ((a < 0.0 && b >= 0.0) || (a >= 0.0 && b < 0.0)) {
      // Interpolating the crossing point keeps the estimate accurate to a fraction of a sample.
      const double t = static_cast<double>(i - 1) + a / (a - b);
      if (first < 0.0) first = t;
      last = t;
      ++crossings;
    }
  }
  if (crossings < 3) return 0.0;
  return (crossings - 1) / 2.0 / ((last - first) / rate);
}

double rms(const std::vector<int16_t>& samples) {
  if (samples.empty()) return 0.0;
  double sum = 0.0;
  for (int16_t s : samples) sum += static_cast<double>(s) * s;
  return std::sqrt(sum / static_cast<double>(samples.size()));
}

TempFile::TempFile(std::string_view extension) {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("chorus-codec-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "." +
           std::string(extension));
}

TempFile::~TempFile() {
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

void TempFile::write(std::string_view bytes) const {
  std::ofstream out(path_, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path_.string());
}

CommandResult run_command(const std::string& command) {
  TempFile err_file("stderr");
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>'" + err_file.path().string() + "'").c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed: " + command);
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_file.path(), std::ios::binary);
  std::ostringstream text;
  text << err.rdbuf();
  result.err = text.str();
  return result;
}

nlohmann::json probe(const std::filesystem::path& file) {
  const CommandResult r =
      run_command("ffprobe -v error -show_streams -show_format -of json '" + file.string() + "'");
  if (r.status != 0) throw std::runtime_error("ffprobe failed: " + r.err);
  return nlohmann::json::parse(r.out);
}

std::vector<int16_t> decode(const std::filesystem::path& file, std::string* errors) {
  const CommandResult r =
      run_command("ffmpeg -nostdin -v error -i '" + file.string() + "' -f s16le -ar 24000 -ac 1 -");
  if (r.status != 0) throw std::runtime_error("ffmpeg failed: " + r.err);
  if (errors != nullptr) *errors = r.err;
  std::vector<int16_t> samples(r.out.size() / 2);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const auto lo = static_cast<uint8_t>(r.out[2 * i]);
    const auto hi = static_cast<uint8_t>(r.out[2 * i + 1]);
    samples[i] = static_cast<int16_t>(static_cast<uint16_t>(lo | (hi << 8)));
  }
  return samples;
}

}  // namespace chorus::test
