#pragma once
// Test helpers: synthetic signals and an independent check of encoder output through the
// ffmpeg/ffprobe command-line tools (our own decoder agreeing with our encoder would prove little).
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::test {

std::vector<int16_t> sine_s16(double seconds, double frequency, int rate, double amplitude);

// Frequency from zero crossings over the middle 80% (edges may hold encoder ramps).
double dominant_frequency(const std::vector<int16_t>& samples, int rate);
double rms(const std::vector<int16_t>& samples);

// A uniquely named file in the temp directory, removed on destruction.
class TempFile {
 public:
  explicit TempFile(std::string_view extension);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::filesystem::path& path() const { return path_; }
  void write(std::string_view bytes) const;

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int status = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

CommandResult run_command(const std::string& command);

// `ffprobe -show_streams -show_format` as JSON; fails the test on errors.
nlohmann::json probe(const std::filesystem::path& file);

// Decodes to 24 kHz mono s16le with ffmpeg; `errors` receives what ffmpeg printed at -v error.
std::vector<int16_t> decode(const std::filesystem::path& file, std::string* errors = nullptr);

}  // namespace chorus::test
