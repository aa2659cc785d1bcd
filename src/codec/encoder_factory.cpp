#include <stdexcept>
#include <utility>

#include "codec/encoder.h"
#include "codec/ffmpeg_encoder.h"
#include "codec/pcm_encoder.h"
#include "codec/wav_encoder.h"

namespace chorus {

std::unique_ptr<Encoder> make_encoder(AudioFormat format, int sample_rate, ByteSink sink,
                                      bool streaming, std::size_t total_samples) {
  if (sample_rate <= 0) throw std::invalid_argument("encoder sample rate must be positive");
  switch (format) {
    case AudioFormat::kPcm:
      return std::make_unique<PcmEncoder>(std::move(sink));
    case AudioFormat::kWav:
      return std::make_unique<WavEncoder>(sample_rate, std::move(sink), streaming, total_samples);
    case AudioFormat::kMp3:
    case AudioFormat::kOpus:
    case AudioFormat::kAac:
    case AudioFormat::kFlac:
      return std::make_unique<FfmpegEncoder>(format, sample_rate, std::move(sink));
  }
  throw std::invalid_argument("unknown audio format");
}

}  // namespace chorus
