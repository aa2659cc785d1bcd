#pragma once
// The output side of long-form synthesis: one encoder for the whole file fed with 24 kHz PCM,
// counting samples (for subtitle times) and flushed bytes (for resume checkpoints).
#include <cstdint>
#include <cstdio>
#include <memory>
#include <span>
#include <string>

#include "codec/encoder.h"

namespace chorus {

class AudioFileWriter {
 public:
  // `path` empty or "-" writes to standard output. With `resume_bytes` > 0 the file keeps that
  // many bytes of an earlier run and `resume_samples` samples are counted as already written;
  // the new encoder then continues the stream without a second header.
  AudioFileWriter(const std::string& path, AudioFormat format, std::uint64_t resume_bytes = 0,
                  std::uint64_t resume_samples = 0);
  ~AudioFileWriter();
  AudioFileWriter(const AudioFileWriter&) = delete;
  AudioFileWriter& operator=(const AudioFileWriter&) = delete;

  void write(std::span<const int16_t> samples);
  void silence(double seconds);
  // Flushes to the disk; returns the bytes written so far (the encoder may still hold a frame's
  // worth of samples, which a resumed run loses inside the paragraph pause).
  std::uint64_t checkpoint();
  // Ends the stream: encoder trailer, exact WAV sizes for a file.
  void finish();

  std::uint64_t samples() const { return samples_; }
  double seconds() const;
  bool to_stdout() const { return to_stdout_; }

 private:
  void put(std::string_view bytes);

  std::string path_;
  AudioFormat format_;
  std::FILE* file_ = nullptr;
  bool to_stdout_ = false;
  std::unique_ptr<Encoder> encoder_;
  std::uint64_t bytes_ = 0;
  std::uint64_t samples_ = 0;
  bool finished_ = false;
};

}  // namespace chorus
