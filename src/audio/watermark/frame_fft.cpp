#include "audio/watermark/frame_fft.h"

namespace chorus::audio::watermark {

FrameFft::FrameFft(std::size_t size) : forward_(size, false), inverse_(size, true) {}

}  // namespace chorus::audio::watermark
