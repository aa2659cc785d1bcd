#include "cli/subtitle_writer.h"

#include <unistd.h>

#include <cmath>
#include <stdexcept>

#include "text/sentence_splitter.h"

namespace chorus {

std::string srt_time(double seconds) {
  auto ms = static_cast<long long>(std::llround(std::max(0.0, seconds) * 1000.0));
  char text[32];
  std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld,%03lld", ms / 3600000,
                (ms / 60000) % 60, (ms / 1000) % 60, ms % 1000);
  return text;
}

SubtitleWriter::SubtitleWriter(const std::string& path, std::uint64_t resume_bytes,
                               std::uint64_t resume_cues) {
  if (resume_bytes > 0) {
    file_ = std::fopen(path.c_str(), "r+b");
    if (file_ && ftruncate(fileno(file_), static_cast<off_t>(resume_bytes)) == 0 &&
        std::fseek(file_, 0, SEEK_END) == 0) {
      cues_ = resume_cues;
      bytes_ = resume_bytes;
      return;
    }
    if (file_) std::fclose(file_);
    throw std::runtime_error("cannot resume the subtitles in " + path);
  }
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) throw std::runtime_error("cannot write " + path);
}

SubtitleWriter::~SubtitleWriter() {
  if (file_) std::fclose(file_);
}

void SubtitleWriter::cue(double start, double end, const std::string& text) {
  std::string line = collapse_whitespace(text);
  if (line.empty()) return;
  ++cues_;
  std::string block = std::to_string(cues_) + "\n" + srt_time(start) + " --> " + srt_time(end) +
                      "\n" + line + "\n\n";
  if (std::fwrite(block.data(), 1, block.size(), file_) != block.size()) {
    throw std::runtime_error("cannot write the subtitles");
  }
  bytes_ += block.size();
}

std::uint64_t SubtitleWriter::sync() {
  std::fflush(file_);
  fdatasync(fileno(file_));
  return bytes_;
}

}  // namespace chorus
