#pragma once
// Reference audio as stored: 16-bit little-endian PCM, half the size of float and more than
// enough for a loudness-normalized speech recording.
#include <string>
#include <vector>

namespace chorus::voices {

std::string encode_pcm16(const std::vector<float>& audio);
std::vector<float> decode_pcm16(const std::string& bytes);

}  // namespace chorus::voices
