#pragma once

namespace chorus {

// Every response format is 24 kHz mono, as OpenAI's API defines it.
inline constexpr int kOutputSampleRate = 24000;
inline constexpr int kOutputChannels = 1;

}  // namespace chorus
