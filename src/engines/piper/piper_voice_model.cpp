#include "engines/piper/piper_voice_model.h"

#include <array>

#include "engines/onnx/seeded_noise.h"

namespace chorus::piper {
namespace {

constexpr std::int64_t kHopLength = 256;  // audio samples per frame of every Piper VITS export

std::unique_ptr<onnx::Session> open_session(const std::string& path, const onnx::SessionOptions& options,
                                            std::optional<std::uint64_t> noise_seed, std::size_t& generators) {
  generators = 0;
  if (!noise_seed) return std::make_unique<onnx::Session>(path, options);
  const onnx::SeededGraph seeded = onnx::seed_random_nodes(path);
  generators = seeded.generators;
  return std::make_unique<onnx::Session>(path, seeded.model, options);
}

}  // namespace

PiperVoiceModel::PiperVoiceModel(const std::string& path, bool multi_speaker, const onnx::SessionOptions& options,
                                 std::optional<std::uint64_t> noise_seed) {
  using onnx::ElementType;
  std::size_t generators = 0;
  session_ = open_session(path, options, noise_seed, generators);
  if (generators > 0) noise_seed_ = onnx::noise_seed_values(*noise_seed, generators);
  auto fail = [&](const std::string& why) {
    return onnx::LoadError(path + ": not a Piper voice: " + why + " (inputs: " +
                           onnx::Session::describe(session_->inputs()) + "; outputs: " +
                           onnx::Session::describe(session_->outputs()) + ")");
  };
  auto require = [&](const char* name, ElementType type) {
    const onnx::TensorInfo* info = session_->input(name);
    if (!info) throw fail(std::string("no '") + name + "' input");
    if (info->type != type) throw fail(std::string("'") + name + "' is " + onnx::type_name(info->type));
  };
  require("input", ElementType::kInt64);
  require("input_lengths", ElementType::kInt64);
  require("scales", ElementType::kFloat32);
  if (const onnx::TensorInfo* sid = session_->input("sid")) {
    if (sid->type != ElementType::kInt64) throw fail("'sid' is " + onnx::type_name(sid->type));
    has_sid_ = true;
  }
  if (multi_speaker && !has_sid_) throw fail("the voice has several speakers but the graph has no 'sid' input");
  const std::size_t expected_inputs = (has_sid_ ? 4 : 3) + (noise_seed_.empty() ? 0 : 1);
  if (session_->inputs().size() != expected_inputs) throw fail("unexpected inputs");
  for (const auto& output : session_->outputs()) {
    if (audio_output_.empty() && output.type == ElementType::kFloat32) {
      audio_output_ = output.name;
    } else if (duration_output_.empty() &&
               (output.type == ElementType::kFloat32 || output.type == ElementType::kInt64)) {
      duration_output_ = output.name;  // alignment exports: frames per input id
    }
  }
  if (audio_output_.empty()) throw fail("no float32 audio output");
}

PiperVoiceModel::Output PiperVoiceModel::run(std::span<const std::int64_t> ids, const PiperScales& scales,
                                             std::optional<std::int64_t> speaker) const {
  const std::array<std::int64_t, 1> length{static_cast<std::int64_t>(ids.size())};
  const std::array<float, 3> scale_values{scales.noise_scale, scales.length_scale, scales.noise_w};
  std::array<std::int64_t, 1> sid{speaker.value_or(0)};
  std::vector<onnx::InputTensor> inputs{
      {"input", ids, {1, static_cast<std::int64_t>(ids.size())}},
      {"input_lengths", std::span<const std::int64_t>(length), {1}},
      {"scales", std::span<const float>(scale_values), {3}},
  };
  if (has_sid_) inputs.push_back({"sid", std::span<const std::int64_t>(sid), {1}});
  if (!noise_seed_.empty()) {
    inputs.push_back({onnx::kNoiseSeedInput, std::span<const std::int64_t>(noise_seed_),
                      {static_cast<std::int64_t>(noise_seed_.size())}});
  }
  std::vector<std::string> outputs{audio_output_};
  if (!duration_output_.empty()) outputs.push_back(duration_output_);
  auto results = session_->run(inputs, outputs);
  Output out;
  out.audio = std::move(results[0].floats);
  if (results.size() > 1) {
    // Samples per id as piper-tts computes them: frames times the hop length, truncated.
    for (std::int64_t frames : results[1].ints) out.id_samples.push_back(frames * kHopLength);
    for (float frames : results[1].floats) out.id_samples.push_back(static_cast<std::int64_t>(frames * kHopLength));
  }
  return out;
}

}  // namespace chorus::piper
