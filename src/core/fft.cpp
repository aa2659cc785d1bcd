#include "core/fft.h"

extern "C" {
#include <libavutil/mem.h>
#include <libavutil/tx.h>
}

#include <algorithm>
#include <stdexcept>
#include <string>

#include "core/av_error.h"

namespace chorus {
namespace {

static_assert(sizeof(std::complex<float>) == sizeof(AVComplexFloat),
              "std::complex<float> and AVComplexFloat share a layout");

using Transform = void (*)(AVTXContext*, void*, void*, std::ptrdiff_t);

void check_size(std::size_t size, std::size_t smallest) {
  if (size < smallest || (size & (size - 1)) != 0) {
    throw std::invalid_argument("FFT size must be a power of 2 of at least " + std::to_string(smallest) +
                                ", not " + std::to_string(size));
  }
}

// Out of place, on aligned buffers (the flags libavutil's SIMD paths take).
AVTXContext* set_up(AVTXType type, bool inverse, std::size_t size, Transform& transform) {
  const float scale = 1.0f;
  AVTXContext* context = nullptr;
  av_tx_fn function = nullptr;
  const int status = av_tx_init(&context, &function, type, inverse ? 1 : 0, static_cast<int>(size), &scale, 0);
  if (status < 0 || !context) {
    throw std::runtime_error("cannot set up a " + std::to_string(size) + "-point FFT: " + av_error_text(status));
  }
  transform = function;
  return context;
}

template <typename T>
T* aligned(std::size_t count) {
  void* memory = av_mallocz(count * sizeof(T));
  if (memory == nullptr) throw std::bad_alloc();
  return static_cast<T*>(memory);
}

}  // namespace

Fft::Fft(std::size_t size, bool inverse) : size_(size) {
  check_size(size, 2);
  context_ = set_up(AV_TX_FLOAT_FFT, inverse, size, transform_);
  try {
    in_ = aligned<std::complex<float>>(size);
    out_ = aligned<std::complex<float>>(size);
  } catch (...) {
    av_freep(&in_);
    av_tx_uninit(&context_);
    throw;
  }
}

Fft::~Fft() {
  av_freep(&in_);
  av_freep(&out_);
  av_tx_uninit(&context_);
}

void Fft::run(std::span<std::complex<float>> data) const {
  if (data.size() != size_) throw std::invalid_argument("FFT input has the wrong size");
  std::copy(data.begin(), data.end(), in_);
  transform_(context_, out_, in_, sizeof(AVComplexFloat));
  std::copy(out_, out_ + size_, data.begin());
}

RealFft::RealFft(std::size_t size) : size_(size) {
  check_size(size, 4);
  try {
    forward_ = set_up(AV_TX_FLOAT_RDFT, false, size, forward_fn_);
    inverse_ = set_up(AV_TX_FLOAT_RDFT, true, size, inverse_fn_);
    samples_ = aligned<float>(size);
    bins_ = aligned<std::complex<float>>(size / 2 + 1);
  } catch (...) {
    av_freep(&samples_);
    av_tx_uninit(&inverse_);
    av_tx_uninit(&forward_);
    throw;
  }
}

RealFft::~RealFft() {
  av_freep(&samples_);
  av_freep(&bins_);
  av_tx_uninit(&inverse_);
  av_tx_uninit(&forward_);
}

void RealFft::forward() { forward_fn_(forward_, bins_, samples_, sizeof(float)); }

void RealFft::inverse() { inverse_fn_(inverse_, samples_, bins_, sizeof(float)); }

}  // namespace chorus
