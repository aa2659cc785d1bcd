#pragma once
// The sidecar file that lets an interrupted `chorus say --file` continue: after every paragraph
// it records how far into the text the run got and how many bytes of audio and subtitles were
// complete then. It is written to a temporary name and renamed, so it is never half-written.
#include <cstdint>
#include <optional>
#include <string>

namespace chorus {

struct ResumeState {
  std::string fingerprint;         // input content + options; a mismatch means start over
  std::uint64_t input_offset = 0;  // bytes of the input fully spoken
  std::uint64_t output_bytes = 0;  // bytes of audio written and flushed for them
  std::uint64_t samples = 0;       // 24 kHz samples in those bytes
  std::uint64_t subtitle_bytes = 0;
  std::uint64_t cues = 0;
  std::string language;  // the language the run settled on, kept so the voice cannot change
};

// `<output>.chorus-resume`
std::string resume_state_path(const std::string& output);

std::optional<ResumeState> load_resume_state(const std::string& path);
void save_resume_state(const std::string& path, const ResumeState& state);  // throws

// A 64-bit FNV-1a hash of the file's bytes, in hex; empty when unreadable.
std::string file_fingerprint(const std::string& path);

}  // namespace chorus
