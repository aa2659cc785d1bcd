#pragma once
// What the model returns is not always audio. The int8 export of Kokoro-82M
// (kokoro-v1.0.int8.onnx, the graph packages ship) ends some batches with a burst of huge values
// (10^2 to 10^13) or NaNs in its last decoder frames, after the speech has died away to ~1e-9,
// and starts some with a spike of a few samples (5 to 60): seen on about one English sentence in
// three with a Japanese voice, depending on how ONNX Runtime splits the work. Left in, the
// loudest-frame-relative silence trim keeps only the burst and throws the speech away
// (kokoro-onnx returns 36 ms of noise, or nothing, for such a sentence), and the 16-bit
// conversion turns it into a full-scale click.
#include <cstddef>
#include <vector>

namespace chorus::kokoro {

// 30 dB above full scale: far above anything the model's speech reaches (peaks stay near or
// below 1.0), far below the bursts (60 to 10^13). The test stand-in graphs encode their inputs
// in the first samples, up to about 17.
inline constexpr float kMaxPlausibleSample = 32.0f;

struct OutputRepair {
  std::size_t removed = 0;  // samples cut from the end
  std::size_t zeroed = 0;   // samples silenced inside the signal
};

// Removes samples that are not audio: non-finite values and values beyond kMaxPlausibleSample.
// A burst that runs to the end of the batch is cut off from the silence before it (with its
// ramp); one at the head or inside the signal is silenced with 2 ms on each side, so the time
// line (word timings) stays as the model made it.
OutputRepair remove_corrupt_samples(std::vector<float>& pcm);

}  // namespace chorus::kokoro
