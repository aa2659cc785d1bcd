#include "cli/audio_file_writer.h"

#include <unistd.h>

#include <stdexcept>
#include <vector>

#include "core/audio_constants.h"

namespace chorus {
namespace {

// A WAV written to a seekable file gets its real sizes instead of the streaming placeholders.
void patch_wav_sizes(std::FILE* file, std::uint64_t total_bytes) {
  if (total_bytes < 44 || total_bytes > 0xFFFFFFFFu) return;  // over 4 GiB keeps 0xFFFFFFFF
  auto put32 = [file](long at, std::uint64_t value) {
    unsigned char bytes[4] = {static_cast<unsigned char>(value & 0xFF),
                              static_cast<unsigned char>((value >> 8) & 0xFF),
                              static_cast<unsigned char>((value >> 16) & 0xFF),
                              static_cast<unsigned char>((value >> 24) & 0xFF)};
    if (std::fseek(file, at, SEEK_SET) == 0) std::fwrite(bytes, 1, 4, file);
  };
  put32(4, total_bytes - 8);
  put32(40, total_bytes - 44);
}

}  // namespace

AudioFileWriter::AudioFileWriter(const std::string& path, AudioFormat format,
                                 std::uint64_t resume_bytes, std::uint64_t resume_samples)
    : path_(path), format_(format) {
  to_stdout_ = path.empty() || path == "-";
  if (to_stdout_) {
    file_ = stdout;
  } else if (resume_bytes > 0) {
    file_ = std::fopen(path.c_str(), "r+b");
    if (!file_ || ftruncate(fileno(file_), static_cast<off_t>(resume_bytes)) != 0 ||
        std::fseek(file_, 0, SEEK_END) != 0) {
      if (file_) std::fclose(file_);
      throw std::runtime_error("cannot resume " + path);
    }
    bytes_ = resume_bytes;
    samples_ = resume_samples;
  } else {
    file_ = std::fopen(path.c_str(), "wb");
    if (!file_) throw std::runtime_error("cannot write " + path);
  }
  // A resumed WAV already has its header: the rest is plain PCM, sized at the end.
  AudioFormat encoding = resume_bytes > 0 && format == AudioFormat::kWav ? AudioFormat::kPcm
                                                                           : format;
  encoder_ = make_encoder(encoding, kOutputSampleRate,
                          [this](std::string_view bytes) { put(bytes); });
}

AudioFileWriter::~AudioFileWriter() {
  if (file_ && !to_stdout_) std::fclose(file_);
}

void AudioFileWriter::put(std::string_view bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    throw std::runtime_error("write failed: " + (to_stdout_ ? std::string("stdout") : path_));
  }
  bytes_ += bytes.size();
}

void AudioFileWriter::write(std::span<const int16_t> samples) {
  encoder_->write(samples);
  samples_ += samples.size();
}

void AudioFileWriter::silence(double seconds) {
  std::vector<int16_t> zeros(static_cast<std::size_t>(seconds * kOutputSampleRate), 0);
  write(zeros);
}

double AudioFileWriter::seconds() const {
  return static_cast<double>(samples_) / kOutputSampleRate;
}

std::uint64_t AudioFileWriter::checkpoint() {
  std::fflush(file_);
  if (!to_stdout_) fdatasync(fileno(file_));
  return bytes_;
}

void AudioFileWriter::finish() {
  if (finished_) return;
  finished_ = true;
  encoder_->finish();
  std::fflush(file_);
  if (!to_stdout_ && format_ == AudioFormat::kWav) {
    patch_wav_sizes(file_, bytes_);
    std::fflush(file_);
  }
}

}  // namespace chorus
