#pragma once
// Long-form synthesis for `chorus say`: speaks a text of any size paragraph by paragraph and
// sentence by sentence into one continuous audio file, with progress, subtitles and resume.
#include <cstdint>
#include <istream>
#include <string>

#include "router/router.h"
#include "router/speech_request.h"

namespace chorus {

struct LongformOptions {
  SpeechRequest request;   // voice, model, speed, format, language; `input` is ignored
  std::string input_path;  // the text file, or empty to read `fallback_input`
  std::string output;      // a file, or empty / "-" for standard output
  std::string subtitles;   // a .srt path, or empty
  bool resume = false;     // continue an interrupted run of the same text and options
  bool quiet = false;      // no progress output
};

// Formats whose files can be cut at a byte boundary and continued by a new encoder, so a run can
// resume: raw PCM, WAV (its header is rewritten at the end), MP3 (frames stand alone) and ADTS
// AAC (every frame carries its header). Ogg Opus and FLAC files have one stream header and
// running positions, so a resumed run starts those again from the beginning.
bool resumable_format(AudioFormat format);

// Returns the seconds of audio written. Throws ApiError / std::runtime_error.
double speak_long_text(const Router& router, const LongformOptions& options,
                       std::istream& fallback_input);

}  // namespace chorus
