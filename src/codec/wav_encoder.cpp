#include "codec/wav_encoder.h"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "codec/pcm_encoder.h"

namespace chorus {
namespace {

constexpr uint16_t kChannels = 1;
constexpr uint16_t kBytesPerSample = 2;
// RIFF chunk size counts everything after its own 8-byte preamble.
constexpr uint32_t kRiffOverhead = kWavHeaderSize - 8;

void put_u16(char* out, uint16_t v) {
  out[0] = static_cast<char>(v & 0xFF);
  out[1] = static_cast<char>(v >> 8);
}

void put_u32(char* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

}  // namespace

std::array<char, kWavHeaderSize> make_wav_header(int sample_rate, uint32_t data_bytes) {
  std::array<char, kWavHeaderSize> h{};
  const auto rate = static_cast<uint32_t>(sample_rate);
  const uint32_t riff_bytes =
      data_bytes == kWavUnknownSize || data_bytes > kWavUnknownSize - kRiffOverhead
          ? kWavUnknownSize
          : data_bytes + kRiffOverhead;
  std::copy_n("RIFF", 4, h.data());
  put_u32(h.data() + 4, riff_bytes);
  std::copy_n("WAVEfmt ", 8, h.data() + 8);
  put_u32(h.data() + 16, 16);  // PCM fmt chunk length
  put_u16(h.data() + 20, 1);   // WAVE_FORMAT_PCM
  put_u16(h.data() + 22, kChannels);
  put_u32(h.data() + 24, rate);
  put_u32(h.data() + 28, rate * kChannels * kBytesPerSample);
  put_u16(h.data() + 32, kChannels * kBytesPerSample);
  put_u16(h.data() + 34, 16);
  std::copy_n("data", 4, h.data() + 36);
  put_u32(h.data() + 40, data_bytes);
  return h;
}

WavEncoder::WavEncoder(int sample_rate, ByteSink sink, bool streaming, std::size_t total_samples)
    : sample_rate_(sample_rate), sink_(std::move(sink)) {
  if (sample_rate <= 0) throw std::invalid_argument("WAV sample rate must be positive");
  // Sizes that do not fit the 32-bit fields fall back to the streaming convention.
  const std::size_t max_samples = (kWavUnknownSize - kRiffOverhead) / kBytesPerSample;
  exact_ = !streaming && total_samples > 0 && total_samples <= max_samples;
  total_samples_ = total_samples;
}

void WavEncoder::ensure_header() {
  if (header_sent_) return;
  header_sent_ = true;
  const uint32_t data_bytes =
      exact_ ? static_cast<uint32_t>(total_samples_ * kBytesPerSample) : kWavUnknownSize;
  const auto header = make_wav_header(sample_rate_, data_bytes);
  sink_(std::string_view(header.data(), header.size()));
}

void WavEncoder::write(std::span<const int16_t> samples) {
  if (finished_) throw std::logic_error("WavEncoder::write after finish");
  ensure_header();
  if (exact_) samples = samples.first(std::min(samples.size(), total_samples_ - written_));
  write_s16le(samples, sink_);
  written_ += samples.size();
}

void WavEncoder::finish() {
  if (finished_) return;
  ensure_header();
  finished_ = true;
  if (exact_ && written_ < total_samples_) {
    // The header already promised this many samples; a short file would confuse strict readers.
    const std::vector<int16_t> silence(total_samples_ - written_, 0);
    write_s16le(silence, sink_);
    written_ = total_samples_;
  }
}

}  // namespace chorus
