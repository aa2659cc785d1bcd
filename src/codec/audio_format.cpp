#include "codec/audio_format.h"

#include <array>

namespace chorus {
namespace {

struct FormatTraits {
  AudioFormat format;
  std::string_view name;
  std::string_view content_type;
  std::string_view extension;
};

constexpr std::array<FormatTraits, 6> kFormats{{
    {AudioFormat::kMp3, "mp3", "audio/mpeg", "mp3"},
    {AudioFormat::kOpus, "opus", "audio/ogg; codecs=opus", "opus"},
    {AudioFormat::kAac, "aac", "audio/aac", "aac"},
    {AudioFormat::kFlac, "flac", "audio/flac", "flac"},
    {AudioFormat::kWav, "wav", "audio/wav", "wav"},
    {AudioFormat::kPcm, "pcm", "audio/pcm; rate=24000; channels=1; encoding=s16le", "pcm"},
}};

const FormatTraits& traits(AudioFormat format) {
  for (const auto& t : kFormats) {
    if (t.format == format) return t;
  }
  return kFormats[0];
}

}  // namespace

std::optional<AudioFormat> parse_audio_format(std::string_view name) {
  for (const auto& t : kFormats) {
    if (t.name == name) return t.format;
  }
  return std::nullopt;
}

std::string_view format_name(AudioFormat format) { return traits(format).name; }
std::string_view content_type(AudioFormat format) { return traits(format).content_type; }
std::string_view file_extension(AudioFormat format) { return traits(format).extension; }

}  // namespace chorus
