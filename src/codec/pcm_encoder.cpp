#include "codec/pcm_encoder.h"

#include <bit>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace chorus {

void write_s16le(std::span<const int16_t> samples, const ByteSink& sink) {
  if (samples.empty()) return;
  if constexpr (std::endian::native == std::endian::little) {
    sink(std::string_view(reinterpret_cast<const char*>(samples.data()), samples.size_bytes()));
  } else {
    std::string bytes(samples.size_bytes(), '\0');
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const auto v = static_cast<uint16_t>(samples[i]);
      bytes[2 * i] = static_cast<char>(v & 0xFF);
      bytes[2 * i + 1] = static_cast<char>(v >> 8);
    }
    sink(bytes);
  }
}

PcmEncoder::PcmEncoder(ByteSink sink) : sink_(std::move(sink)) {}

void PcmEncoder::write(std::span<const int16_t> samples) {
  if (finished_) throw std::logic_error("PcmEncoder::write after finish");
  write_s16le(samples, sink_);
}

void PcmEncoder::finish() { finished_ = true; }

}  // namespace chorus
