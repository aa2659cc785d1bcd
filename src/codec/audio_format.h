#pragma once
#include <optional>
#include <string_view>

namespace chorus {

enum class AudioFormat { kMp3, kOpus, kAac, kFlac, kWav, kPcm };

std::optional<AudioFormat> parse_audio_format(std::string_view name);
std::string_view format_name(AudioFormat format);
std::string_view content_type(AudioFormat format);
std::string_view file_extension(AudioFormat format);

}  // namespace chorus
