#pragma once
// SubRip (.srt) subtitles written cue by cue as the audio is produced, so they can be followed
// (and resumed) like the audio file itself.
#include <cstdint>
#include <cstdio>
#include <string>

namespace chorus {

class SubtitleWriter {
 public:
  // Opens `path` for writing; when `resume_bytes` > 0 keeps that many bytes of an earlier run
  // and continues numbering after `resume_cues`. Throws std::runtime_error.
  SubtitleWriter(const std::string& path, std::uint64_t resume_bytes = 0,
                 std::uint64_t resume_cues = 0);
  ~SubtitleWriter();
  SubtitleWriter(const SubtitleWriter&) = delete;
  SubtitleWriter& operator=(const SubtitleWriter&) = delete;

  // One cue from `start` to `end` seconds. Blank text is skipped.
  void cue(double start, double end, const std::string& text);
  // Flushes to the disk; returns the file's size in bytes (for the resume state).
  std::uint64_t sync();
  std::uint64_t cues() const { return cues_; }

 private:
  std::FILE* file_ = nullptr;
  std::uint64_t cues_ = 0;
  std::uint64_t bytes_ = 0;
};

// "HH:MM:SS,mmm" as SubRip writes times.
std::string srt_time(double seconds);

}  // namespace chorus
