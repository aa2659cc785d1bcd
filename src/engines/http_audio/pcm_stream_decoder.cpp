#include "engines/http_audio/pcm_stream_decoder.h"

#include <algorithm>
#include <cmath>

#include "core/api_error.h"

namespace chorus::http_audio {
namespace {

std::uint32_t read_u32(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 3])) << 24;
}

std::uint16_t read_u16(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[at]) |
                                    static_cast<unsigned char>(bytes[at + 1]) << 8);
}

void put_u32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

void put_u16(std::string& out, std::uint16_t value) {
  out += static_cast<char>(value & 0xff);
  out += static_cast<char>(value >> 8);
}

// Chunks other than fmt/data (LIST, fact, ...) are skipped; cap them so a garbage header cannot
// make the decoder buffer without bound.
constexpr std::uint32_t kMaxHeaderChunk = 1 << 16;

}  // namespace

void PcmStreamDecoder::check_format(std::string_view fmt) const {
  if (fmt.size() < 16) throw EngineError("xtts: stream WAV header has a short fmt chunk");
  const std::uint16_t format = read_u16(fmt, 0);
  const std::uint16_t channels = read_u16(fmt, 2);
  const std::uint32_t rate = read_u32(fmt, 4);
  const std::uint16_t bits = read_u16(fmt, 14);
  if (format != 1 || channels != 1 || bits != 16 ||
      rate != static_cast<std::uint32_t>(expected_rate_)) {
    throw EngineError("xtts: stream is not 16-bit mono PCM at " + std::to_string(expected_rate_) +
                      " Hz (format " + std::to_string(format) + ", " + std::to_string(channels) +
                      " channels, " + std::to_string(bits) + " bits, " + std::to_string(rate) +
                      " Hz)");
  }
}

bool PcmStreamDecoder::step() {
  switch (state_) {
    case State::kSniff:
      if (pending_.size() < 12) {
        // Bytes that already differ from "RIFF" mean the server sent bare PCM (no header).
        if (std::string_view("RIFF").substr(0, std::min<std::size_t>(4, pending_.size())) ==
            std::string_view(pending_).substr(0, std::min<std::size_t>(4, pending_.size()))) {
          return false;
        }
        state_ = State::kPcm;
        return true;
      }
      if (pending_.compare(0, 4, "RIFF") == 0 && pending_.compare(8, 4, "WAVE") == 0) {
        header_seen_ = true;
        pending_.erase(0, 12);
        state_ = State::kChunkHeader;
      } else {
        state_ = State::kPcm;
      }
      return true;
    case State::kChunkHeader:
      if (pending_.size() < 8) return false;
      chunk_id_ = pending_.substr(0, 4);
      chunk_size_ = read_u32(pending_, 4);
      pending_.erase(0, 8);
      if (chunk_id_ == "data") {
        // The streamed header says 0 (or 0xFFFFFFFF): the data runs to the end of the body.
        state_ = State::kPcm;
      } else {
        if (chunk_size_ > kMaxHeaderChunk) throw EngineError("xtts: stream WAV header is malformed");
        state_ = State::kChunkBody;
      }
      return true;
    case State::kChunkBody: {
      const std::size_t padded = chunk_size_ + (chunk_size_ & 1u);  // RIFF chunks are word-aligned
      if (pending_.size() < padded) return false;
      if (chunk_id_ == "fmt ") check_format(std::string_view(pending_).substr(0, chunk_size_));
      pending_.erase(0, padded);
      state_ = State::kChunkHeader;
      return true;
    }
    case State::kPcm:
      return false;
  }
  return false;
}

void PcmStreamDecoder::decode_pcm(std::vector<float>& out) {
  const std::size_t count = pending_.size() / 2;
  out.reserve(out.size() + count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto value = static_cast<std::int16_t>(read_u16(pending_, 2 * i));
    out.push_back(static_cast<float>(value) / 32768.0f);
  }
  samples_ += count;
  pending_.erase(0, count * 2);  // keeps the odd byte, if any, for the next piece
}

void PcmStreamDecoder::feed(std::string_view bytes, std::vector<float>& out) {
  out.clear();
  pending_.append(bytes);
  while (state_ != State::kPcm) {
    if (!step()) return;
  }
  decode_pcm(out);
}

std::string encode_wav(const std::vector<float>& samples, int sample_rate) {
  const auto data_bytes = static_cast<std::uint32_t>(samples.size() * 2);
  std::string out;
  out.reserve(44 + data_bytes);
  out += "RIFF";
  put_u32(out, 36 + data_bytes);
  out += "WAVEfmt ";
  put_u32(out, 16);
  put_u16(out, 1);  // PCM
  put_u16(out, 1);  // mono
  put_u32(out, static_cast<std::uint32_t>(sample_rate));
  put_u32(out, static_cast<std::uint32_t>(sample_rate) * 2);
  put_u16(out, 2);
  put_u16(out, 16);
  out += "data";
  put_u32(out, data_bytes);
  for (float sample : samples) {
    const float clipped = std::isfinite(sample) ? std::clamp(sample, -1.0f, 1.0f) : 0.0f;
    put_u16(out, static_cast<std::uint16_t>(static_cast<std::int16_t>(std::lround(clipped * 32767.0f))));
  }
  return out;
}

}  // namespace chorus::http_audio
