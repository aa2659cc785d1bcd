#include "core/fft.h"

extern "C" {
#include <libavutil/tx.h>
}

#include <stdexcept>
#include <string>

#include "core/av_error.h"

namespace chorus {

static_assert(sizeof(std::complex<float>) == sizeof(AVComplexFloat),
              "std::complex<float> and AVComplexFloat share a layout");

Fft::Fft(std::size_t size, bool inverse) : size_(size) {
  if (size < 2 || (size & (size - 1)) != 0) {
    throw std::invalid_argument("FFT size must be a power of 2, not " + std::to_string(size));
  }
  const float scale = 1.0f;
  av_tx_fn transform = nullptr;
  // In place, on vectors whose storage need not meet the SIMD alignment.
  const int status = av_tx_init(&context_, &transform, AV_TX_FLOAT_FFT, inverse ? 1 : 0,
                                static_cast<int>(size), &scale, AV_TX_INPLACE | AV_TX_UNALIGNED);
  if (status < 0 || !context_) {
    throw std::runtime_error("cannot set up a " + std::to_string(size) +
                             "-point FFT: " + av_error_text(status));
  }
  transform_ = transform;
}

Fft::~Fft() { av_tx_uninit(&context_); }

void Fft::run(std::span<std::complex<float>> data) const {
  if (data.size() != size_) throw std::invalid_argument("FFT input has the wrong size");
  transform_(context_, data.data(), data.data(), sizeof(AVComplexFloat));
}

}  // namespace chorus
