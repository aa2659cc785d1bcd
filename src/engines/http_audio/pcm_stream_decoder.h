#pragma once
// Decodes the body of /tts_stream as it arrives: an optional WAV header whose data length is 0
// (the stream's length is unknown when it starts), then little-endian int16 mono PCM cut at
// arbitrary byte positions by the network. Whole samples come out as float; an odd trailing
// byte waits for the next piece.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::http_audio {

class PcmStreamDecoder {
 public:
  explicit PcmStreamDecoder(int expected_sample_rate = 24000)
      : expected_rate_(expected_sample_rate) {}

  // Appends the samples completed by `bytes` to `out` (which is cleared first). Throws
  // EngineError when a WAV header announces anything but 16-bit mono PCM at the expected rate.
  void feed(std::string_view bytes, std::vector<float>& out);

  bool header_seen() const { return header_seen_; }
  std::uint64_t samples_decoded() const { return samples_; }
  // True when the body ended in the middle of a sample or of the header (a truncated stream).
  bool incomplete() const { return state_ != State::kPcm || !pending_.empty(); }

 private:
  enum class State { kSniff, kChunkHeader, kChunkBody, kPcm };
  bool step();  // consumes header bytes from pending_; false when more input is needed
  void check_format(std::string_view fmt) const;
  void decode_pcm(std::vector<float>& out);

  int expected_rate_;
  State state_ = State::kSniff;
  std::string pending_;        // header bytes not yet parsed, or the odd byte of a split sample
  std::string chunk_id_;
  std::uint32_t chunk_size_ = 0;
  bool header_seen_ = false;
  std::uint64_t samples_ = 0;
};

// A 16-bit PCM mono WAV file holding `samples` (clipped to [-1, 1]); the reference recording is
// sent to /clone_speaker in this form.
std::string encode_wav(const std::vector<float>& samples, int sample_rate);

}  // namespace chorus::http_audio
