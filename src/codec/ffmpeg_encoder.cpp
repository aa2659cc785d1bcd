#include "codec/ffmpeg_encoder.h"

#include <algorithm>
#include <array>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/dict.h>
#include <libavutil/mem.h>
#include <libavutil/opt.h>
}

#include "core/av_error.h"

namespace chorus {
namespace {

struct FormatSpec {
  const char* encoder;
  const char* muxer;
  int64_t bit_rate;  // 0 keeps the codec's default (lossless flac)
};

FormatSpec spec_for(AudioFormat format) {
  switch (format) {
    // 64 kbps is transparent enough for 24 kHz mono speech in every lossy codec here.
    case AudioFormat::kMp3:
      return {"libmp3lame", "mp3", 64000};
    case AudioFormat::kOpus:
      return {"libopus", "ogg", 32000};
    case AudioFormat::kAac:
      return {"aac", "adts", 64000};
    case AudioFormat::kFlac:
      return {"flac", "flac", 0};
    default:
      break;
  }
  throw std::invalid_argument("FfmpegEncoder does not handle format " +
                              std::string(format_name(format)));
}

// Mono means planar and packed layouts are byte-identical, so the preference is only about
// which conversion from s16 loses nothing.
AVSampleFormat pick_sample_format(const AVCodec* codec) {
  constexpr std::array kPreferred{AV_SAMPLE_FMT_S16,  AV_SAMPLE_FMT_S16P, AV_SAMPLE_FMT_S32,
                                  AV_SAMPLE_FMT_S32P, AV_SAMPLE_FMT_FLT,  AV_SAMPLE_FMT_FLTP};
  if (codec->sample_fmts == nullptr) return AV_SAMPLE_FMT_S16;
  for (AVSampleFormat wanted : kPreferred) {
    for (const AVSampleFormat* f = codec->sample_fmts; *f != AV_SAMPLE_FMT_NONE; ++f) {
      if (*f == wanted) return wanted;
    }
  }
  throw std::runtime_error(std::string("no usable sample format for encoder ") + codec->name);
}

void convert_samples(const int16_t* in, int count, AVSampleFormat format, uint8_t* out) {
  switch (format) {
    case AV_SAMPLE_FMT_S16:
    case AV_SAMPLE_FMT_S16P:
      std::copy_n(in, count, reinterpret_cast<int16_t*>(out));
      return;
    case AV_SAMPLE_FMT_S32:
    case AV_SAMPLE_FMT_S32P: {
      auto* dst = reinterpret_cast<int32_t*>(out);
      for (int i = 0; i < count; ++i) dst[i] = static_cast<int32_t>(in[i]) * 65536;
      return;
    }
    case AV_SAMPLE_FMT_FLT:
    case AV_SAMPLE_FMT_FLTP: {
      auto* dst = reinterpret_cast<float*>(out);
      for (int i = 0; i < count; ++i) dst[i] = static_cast<float>(in[i]) * (1.0f / 32768.0f);
      return;
    }
    default:
      throw std::logic_error("unexpected sample format");
  }
}

// FFmpeg 7 made the write callback's buffer const.
#if LIBAVFORMAT_VERSION_MAJOR >= 61
using AvioWriteBuffer = const uint8_t*;
#else
using AvioWriteBuffer = uint8_t*;
#endif

// Small, so bytes reach the sink soon after the muxer produced them.
constexpr int kAvioBufferSize = 4096;
// Encoders that accept any frame size still want a sensible block.
constexpr int kDefaultFrameSize = 1024;

}  // namespace

struct FfmpegEncoder::Impl {
  ByteSink sink;
  std::exception_ptr sink_error;
  AVFormatContext* format_ctx = nullptr;
  AVIOContext* io = nullptr;
  AVCodecContext* codec_ctx = nullptr;
  AVStream* stream = nullptr;  // owned by format_ctx
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  std::vector<int16_t> pending;  // input not yet forming a whole codec frame
  int frame_size = 0;
  bool small_last_frame = false;
  int64_t next_pts = 0;
  bool finished = false;

  Impl(AudioFormat format, int sample_rate, ByteSink s);
  ~Impl();
  void release() noexcept;

  static int on_write(void* opaque, AvioWriteBuffer buf, int size);
  void open_codec(const FormatSpec& spec, int sample_rate);
  void open_muxer(AudioFormat format);
  // Rethrows what the sink threw inside a muxer call (it cannot cross FFmpeg's C frames),
  // then turns FFmpeg's own error into an exception.
  void check(int error, std::string_view what);
  void encode_frame(const int16_t* samples, int count);
  void send_to_encoder(const AVFrame* f);
  void flush_io();
};

FfmpegEncoder::Impl::Impl(AudioFormat format, int sample_rate, ByteSink s) : sink(std::move(s)) {
  if (sample_rate <= 0) throw std::invalid_argument("encoder sample rate must be positive");
  const FormatSpec spec = spec_for(format);
  // A throwing constructor skips ~Impl, so everything opened so far is released here.
  try {
    check(avformat_alloc_output_context2(&format_ctx, nullptr, spec.muxer, nullptr),
          "cannot create muxer");
    open_codec(spec, sample_rate);
    open_muxer(format);
    frame = av_frame_alloc();
    packet = av_packet_alloc();
    if (frame == nullptr || packet == nullptr) throw std::bad_alloc();
  } catch (...) {
    release();
    throw;
  }
}

FfmpegEncoder::Impl::~Impl() { release(); }

void FfmpegEncoder::Impl::release() noexcept {
  av_packet_free(&packet);
  av_frame_free(&frame);
  avcodec_free_context(&codec_ctx);
  if (io != nullptr) {
    // The buffer may have been reallocated by avio, so free the one it currently owns.
    av_freep(&io->buffer);
    avio_context_free(&io);
  }
  avformat_free_context(format_ctx);
  format_ctx = nullptr;
}

int FfmpegEncoder::Impl::on_write(void* opaque, AvioWriteBuffer buf, int size) {
  auto* self = static_cast<Impl*>(opaque);
  if (self->sink_error) return AVERROR(EIO);
  try {
    self->sink(
        std::string_view(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(size)));
  } catch (...) {
    self->sink_error = std::current_exception();
    return AVERROR(EIO);
  }
  return size;
}

void FfmpegEncoder::Impl::check(int error, std::string_view what) {
  if (sink_error) std::rethrow_exception(sink_error);
  av_check(error, what);
}

void FfmpegEncoder::Impl::open_codec(const FormatSpec& spec, int sample_rate) {
  const AVCodec* codec = avcodec_find_encoder_by_name(spec.encoder);
  if (codec == nullptr)
    throw std::runtime_error(std::string("encoder not available: ") + spec.encoder);
  codec_ctx = avcodec_alloc_context3(codec);
  if (codec_ctx == nullptr) throw std::bad_alloc();
  codec_ctx->sample_rate = sample_rate;
  codec_ctx->time_base = AVRational{1, sample_rate};
  av_channel_layout_default(&codec_ctx->ch_layout, 1);
  codec_ctx->sample_fmt = pick_sample_format(codec);
  if (spec.bit_rate > 0) codec_ctx->bit_rate = spec.bit_rate;
  if (format_ctx->oformat->flags & AVFMT_GLOBALHEADER) {
    codec_ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  }
  check(avcodec_open2(codec_ctx, codec, nullptr),
        std::string("cannot open encoder ") + spec.encoder);

  const bool variable = (codec->capabilities & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) != 0;
  frame_size = variable || codec_ctx->frame_size <= 0 ? kDefaultFrameSize : codec_ctx->frame_size;
  small_last_frame = variable || (codec->capabilities & AV_CODEC_CAP_SMALL_LAST_FRAME) != 0;
  pending.reserve(static_cast<std::size_t>(frame_size) * 2);
}

void FfmpegEncoder::Impl::open_muxer(AudioFormat format) {
  stream = avformat_new_stream(format_ctx, nullptr);
  if (stream == nullptr) throw std::bad_alloc();
  stream->time_base = codec_ctx->time_base;
  check(avcodec_parameters_from_context(stream->codecpar, codec_ctx), "stream parameters");

  auto* buffer = static_cast<unsigned char*>(av_malloc(kAvioBufferSize));
  if (buffer == nullptr) throw std::bad_alloc();
  // No seek callback: the muxer sees a pipe and never tries to patch earlier bytes.
  io = avio_alloc_context(buffer, kAvioBufferSize, 1, this, nullptr, &Impl::on_write, nullptr);
  if (io == nullptr) {
    av_free(buffer);
    throw std::bad_alloc();
  }
  io->seekable = 0;
  format_ctx->pb = io;
  // Bit-exact muxing: the same audio always gives the same bytes (Ogg would otherwise draw a
  // random stream serial number), so a cached response is indistinguishable from a fresh one.
  format_ctx->flags |= AVFMT_FLAG_CUSTOM_IO | AVFMT_FLAG_FLUSH_PACKETS | AVFMT_FLAG_BITEXACT;
  format_ctx->flush_packets = 1;

  AVDictionary* options = nullptr;
  if (format == AudioFormat::kMp3) {
    // A bare frame stream: an ID3 tag would only carry the muxer's name, and without one a
    // client can start decoding at any frame sync, as it must when it joins a stream late.
    av_dict_set(&options, "id3v2_version", "0", 0);
    av_dict_set(&options, "write_xing", "0", 0);
  } else if (format == AudioFormat::kFlac) {
    // Padding only serves in-place tag edits of a file; a stream would just carry 8 KiB of zeros.
    format_ctx->metadata_header_padding = 0;
  } else if (format == AudioFormat::kOpus) {
    // Bounds how long a page stays open inside one long write().
    av_dict_set(&options, "page_duration", "200000", 0);
  }
  const int ret = avformat_write_header(format_ctx, &options);
  av_dict_free(&options);
  check(ret, "cannot write container header");
}

void FfmpegEncoder::Impl::send_to_encoder(const AVFrame* f) {
  check(avcodec_send_frame(codec_ctx, f), "encoder rejected audio");
  for (;;) {
    const int ret = avcodec_receive_packet(codec_ctx, packet);
    if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF) return;
    check(ret, "encoding failed");
    av_packet_rescale_ts(packet, codec_ctx->time_base, stream->time_base);
    packet->stream_index = stream->index;
    const int written = av_write_frame(format_ctx, packet);
    av_packet_unref(packet);
    check(written, "muxing failed");
  }
}

void FfmpegEncoder::Impl::encode_frame(const int16_t* samples, int count) {
  const int nb_samples = small_last_frame ? count : frame_size;
  av_frame_unref(frame);
  frame->nb_samples = nb_samples;
  frame->format = codec_ctx->sample_fmt;
  frame->sample_rate = codec_ctx->sample_rate;
  check(av_channel_layout_copy(&frame->ch_layout, &codec_ctx->ch_layout), "channel layout");
  // A fresh buffer per frame: delaying encoders may still reference the previous one.
  check(av_frame_get_buffer(frame, 0), "frame allocation");
  const auto format = static_cast<AVSampleFormat>(frame->format);
  convert_samples(samples, count, format, frame->data[0]);
  if (count < nb_samples) {
    check(av_samples_set_silence(frame->data, count, nb_samples - count, 1, format), "padding");
  }
  frame->pts = next_pts;
  next_pts += nb_samples;
  send_to_encoder(frame);
}

void FfmpegEncoder::Impl::flush_io() {
  // Ogg holds packets until a page fills; closing the page now gets the audio out.
  if (format_ctx->oformat->flags & AVFMT_ALLOW_FLUSH)
    check(av_write_frame(format_ctx, nullptr), "flush");
  avio_flush(io);
  check(io->error, "writing output");
}

FfmpegEncoder::FfmpegEncoder(AudioFormat format, int sample_rate, ByteSink sink)
    : impl_(std::make_unique<Impl>(format, sample_rate, std::move(sink))) {}

FfmpegEncoder::~FfmpegEncoder() = default;

void FfmpegEncoder::write(std::span<const int16_t> samples) {
  Impl& d = *impl_;
  if (d.finished) throw std::logic_error("FfmpegEncoder::write after finish");
  const auto frame_size = static_cast<std::size_t>(d.frame_size);
  // Complete the partial frame left over from the previous call first.
  if (!d.pending.empty()) {
    const std::size_t take = std::min(samples.size(), frame_size - d.pending.size());
    d.pending.insert(d.pending.end(), samples.begin(),
                     samples.begin() + static_cast<std::ptrdiff_t>(take));
    samples = samples.subspan(take);
    if (d.pending.size() < frame_size) return;
    d.encode_frame(d.pending.data(), d.frame_size);
    d.pending.clear();
  }
  while (samples.size() >= frame_size) {
    d.encode_frame(samples.data(), d.frame_size);
    samples = samples.subspan(frame_size);
  }
  d.pending.assign(samples.begin(), samples.end());
  d.flush_io();
}

void FfmpegEncoder::finish() {
  Impl& d = *impl_;
  if (d.finished) return;
  d.finished = true;
  if (!d.pending.empty()) {
    d.encode_frame(d.pending.data(), static_cast<int>(d.pending.size()));
    d.pending.clear();
  }
  d.send_to_encoder(nullptr);
  d.check(av_write_trailer(d.format_ctx), "cannot write container trailer");
  avio_flush(d.io);
  d.check(d.io->error, "writing output");
}

}  // namespace chorus
