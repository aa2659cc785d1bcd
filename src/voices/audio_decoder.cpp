#include "voices/audio_decoder.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

#include "core/api_error.h"

namespace chorus::voices {
namespace {

// Demuxers for what browsers and phones record: MediaRecorder (webm, ogg, mp4), iOS (m4a/caf),
// Android (3gp/amr, m4a), plus the usual files (wav, mp3, flac, aiff).
constexpr const char* kAllowedFormats =
    "wav,w64,mp3,ogg,matroska,webm,mov,mp4,m4a,3gp,flac,aac,aiff,caf,amr,au";
constexpr int kIoBufferSize = 32768;

ApiError not_audio(const std::string& detail) {
  return ApiError::invalid("The uploaded file is not a supported audio recording (" + detail +
                               "). Send wav, mp3, ogg/opus, webm, m4a or flac.",
                           "audio_sample", "invalid_audio");
}

ApiError corrupt(const std::string& detail) {
  return ApiError::invalid("The uploaded audio is corrupt and could not be decoded (" + detail +
                               ").",
                           "audio_sample", "corrupt_audio");
}

struct MemoryReader {
  std::string_view bytes;
  std::size_t pos = 0;
};

int read_packet(void* opaque, uint8_t* buf, int size) {
  auto* reader = static_cast<MemoryReader*>(opaque);
  const std::size_t left = reader->bytes.size() - reader->pos;
  if (left == 0) return AVERROR_EOF;
  const std::size_t n = std::min(left, static_cast<std::size_t>(size));
  std::memcpy(buf, reader->bytes.data() + reader->pos, n);
  reader->pos += n;
  return static_cast<int>(n);
}

int64_t seek(void* opaque, int64_t offset, int whence) {
  auto* reader = static_cast<MemoryReader*>(opaque);
  const auto size = static_cast<int64_t>(reader->bytes.size());
  if (whence & AVSEEK_SIZE) return size;
  int64_t target = 0;
  switch (whence & ~AVSEEK_FORCE) {
    case SEEK_SET: target = offset; break;
    case SEEK_CUR: target = static_cast<int64_t>(reader->pos) + offset; break;
    case SEEK_END: target = size + offset; break;
    default: return AVERROR(EINVAL);
  }
  if (target < 0 || target > size) return AVERROR(EINVAL);
  reader->pos = static_cast<std::size_t>(target);
  return target;
}

// Nested opens (playlists, references to other files) are refused outright.
int refuse_open(AVFormatContext*, AVIOContext**, const char*, int, AVDictionary**) {
  return AVERROR(EPERM);
}

struct Resources {
  AVIOContext* io = nullptr;
  AVFormatContext* format = nullptr;
  AVCodecContext* codec = nullptr;
  SwrContext* swr = nullptr;
  // What `swr` was set up for: a stream may change its channels or sample format between frames.
  int swr_channels = 0;
  int swr_format = -1;
  AVPacket* packet = nullptr;
  AVFrame* frame = nullptr;
  ~Resources() {
    av_frame_free(&frame);
    av_packet_free(&packet);
    swr_free(&swr);
    avcodec_free_context(&codec);
    avformat_close_input(&format);
    if (io) av_freep(&io->buffer);
    avio_context_free(&io);
  }
};

// Converts one decoded frame to mono float at its own rate, appending to `out`.
void append_frame(Resources& r, std::vector<float>& out) {
  AVFrame* frame = r.frame;
  // A converter set up for other channels or another sample format would read planes this frame
  // does not have (a crafted mp3 crashed libswresample that way; found by the audio_decode fuzz
  // target): it is set up again for the frame at hand.
  const int channels = frame->ch_layout.nb_channels > 0 ? frame->ch_layout.nb_channels
                                                       : std::max(1, r.codec->ch_layout.nb_channels);
  if (r.swr && (channels != r.swr_channels || frame->format != r.swr_format)) swr_free(&r.swr);
  if (!r.swr) {
    AVChannelLayout mono{};
    av_channel_layout_default(&mono, 1);
    AVChannelLayout in_layout{};
    if (frame->ch_layout.nb_channels > 0) {
      av_channel_layout_copy(&in_layout, &frame->ch_layout);
    } else {
      av_channel_layout_default(&in_layout, std::max(1, r.codec->ch_layout.nb_channels));
    }
    int rc = swr_alloc_set_opts2(&r.swr, &mono, AV_SAMPLE_FMT_FLT, frame->sample_rate, &in_layout,
                                 static_cast<AVSampleFormat>(frame->format), frame->sample_rate,
                                 0, nullptr);
    av_channel_layout_uninit(&in_layout);
    if (rc < 0 || swr_init(r.swr) < 0) throw corrupt("unsupported channel layout");
    r.swr_channels = channels;
    r.swr_format = frame->format;
  }
  const std::size_t old = out.size();
  out.resize(old + static_cast<std::size_t>(frame->nb_samples) + 256);
  auto* dst = reinterpret_cast<uint8_t*>(out.data() + old);
  const int got = swr_convert(r.swr, &dst, frame->nb_samples + 256,
                              const_cast<const uint8_t**>(frame->extended_data), frame->nb_samples);
  out.resize(old + static_cast<std::size_t>(std::max(got, 0)));
  // Float PCM carries its values as they are: NaN or infinity would poison every later step
  // (levels, resampling, the engine's input). Found by the audio_decode fuzz target.
  if (!std::all_of(out.begin() + static_cast<std::ptrdiff_t>(old), out.end(),
                   [](float s) { return std::isfinite(s); })) {
    throw corrupt("samples that are not numbers");
  }
}

}  // namespace

DecodedAudio decode_audio(std::string_view bytes, const DecodeBounds& bounds) {
  const double max_seconds = bounds.max_seconds;
  if (bytes.empty()) throw not_audio("the file is empty");
  MemoryReader reader{bytes};
  Resources r;
  auto* buffer = static_cast<uint8_t*>(av_malloc(kIoBufferSize));
  if (!buffer) throw std::bad_alloc();
  r.io = avio_alloc_context(buffer, kIoBufferSize, 0, &reader, read_packet, nullptr, seek);
  if (!r.io) {
    av_free(buffer);
    throw std::bad_alloc();
  }
  r.format = avformat_alloc_context();
  if (!r.format) throw std::bad_alloc();
  r.format->pb = r.io;
  r.format->flags |= AVFMT_FLAG_CUSTOM_IO;
  r.format->io_open = refuse_open;
  AVDictionary* options = nullptr;
  av_dict_set(&options, "format_whitelist", kAllowedFormats, 0);
  av_dict_set(&options, "protocol_whitelist", "", 0);
  av_dict_set_int(&options, "probesize", bounds.probe_bytes, 0);
  av_dict_set_int(&options, "analyzeduration", bounds.analyze_microseconds, 0);
  // The container guess reads up to 1 MiB by default; never more than the stream probe may.
  av_dict_set_int(&options, "formatprobesize", std::min<std::int64_t>(bounds.probe_bytes, 1 << 20),
                  0);
  const int opened = avformat_open_input(&r.format, nullptr, nullptr, &options);
  av_dict_free(&options);
  if (opened < 0) throw not_audio("unrecognized format");  // r.format is freed on failure

  if (avformat_find_stream_info(r.format, nullptr) < 0) throw corrupt("no readable streams");
  const AVCodec* decoder = nullptr;
  const int stream = av_find_best_stream(r.format, AVMEDIA_TYPE_AUDIO, -1, -1, &decoder, 0);
  if (stream < 0 || !decoder) {
    throw not_audio(stream == AVERROR_DECODER_NOT_FOUND ? "no decoder for its audio"
                                                        : "no audio stream");
  }
  r.codec = avcodec_alloc_context3(decoder);
  if (!r.codec) throw std::bad_alloc();
  if (avcodec_parameters_to_context(r.codec, r.format->streams[stream]->codecpar) < 0 ||
      avcodec_open2(r.codec, decoder, nullptr) < 0) {
    throw corrupt("the audio decoder cannot be opened");
  }
  r.packet = av_packet_alloc();
  r.frame = av_frame_alloc();
  if (!r.packet || !r.frame) throw std::bad_alloc();

  DecodedAudio out;
  auto over_limit = [&] {
    return out.sample_rate > 0 &&
           static_cast<double>(out.samples.size()) > max_seconds * out.sample_rate;
  };
  auto drain = [&] {
    while (avcodec_receive_frame(r.codec, r.frame) >= 0) {
      if (r.frame->sample_rate <= 0) continue;
      if (out.sample_rate == 0) {
        // A header can claim any rate; resampling from 500 MHz asks libswresample for gigabytes.
        if (r.frame->sample_rate < kMinSampleRate || r.frame->sample_rate > kMaxSampleRate) {
          throw not_audio("a sample rate of " + std::to_string(r.frame->sample_rate) + " Hz; " +
                          std::to_string(kMinSampleRate) + " to " + std::to_string(kMaxSampleRate) +
                          " Hz are supported");
        }
        out.sample_rate = r.frame->sample_rate;
      }
      if (r.frame->sample_rate == out.sample_rate) append_frame(r, out.samples);
      av_frame_unref(r.frame);
    }
  };
  while (!over_limit()) {
    const int rc = av_read_frame(r.format, r.packet);
    if (rc == AVERROR_EOF) break;
    if (rc < 0) {
      // A read error after some audio is a truncated file: keep what decoded.
      ++out.bad_packets;
      break;
    }
    if (r.packet->stream_index == stream) {
      ++out.packets;
      if (avcodec_send_packet(r.codec, r.packet) < 0) ++out.bad_packets;
      drain();
    }
    av_packet_unref(r.packet);
  }
  if (!over_limit()) {
    avcodec_send_packet(r.codec, nullptr);  // what the decoder still holds
    drain();
  }
  if (over_limit()) {
    // One packet can hold far more than the bound (at a claimed 1 kHz, a 4 KiB packet of 8-bit
    // samples is 4 s): keep exactly max_seconds, so what callers do with the samples
    // (resampling, detection) is bounded too.
    out.samples.resize(max_samples(max_seconds, out.sample_rate));
    out.truncated = true;
  }
  if (out.samples.empty() || out.sample_rate == 0) throw corrupt("no audio could be decoded");
  if (out.packets > 0 && out.bad_packets * 2 > out.packets) {
    throw corrupt("most of its packets are damaged");
  }
  return out;
}

}  // namespace chorus::voices
