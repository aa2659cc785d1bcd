#include "engines/piper/piper_voice_model.h"

#include <array>

#include "engines/onnx/conv_as_2d.h"
#include "engines/onnx/graph_split.h"
#include "engines/onnx/seeded_noise.h"

namespace chorus::piper {
namespace {

constexpr std::int64_t kHopLength = 256;  // audio samples per frame of every Piper VITS export
// The weight of VITS's first decoder convolution, as Piper's export names it.
constexpr const char* kDecoderWeight = "dec.conv_pre.weight";

}  // namespace

// The decoder's input for one sentence: [1, channels, frames].
struct PiperVoiceModel::Latent {
  std::vector<float> values;
  std::int64_t channels = 0;
  std::int64_t frames = 0;
};

PiperVoiceModel::PiperVoiceModel(const std::string& path, bool multi_speaker, const onnx::SessionOptions& options,
                                 std::optional<std::uint64_t> noise_seed) {
  using onnx::ElementType;
  std::string graph;
  if (noise_seed) {
    onnx::SeededGraph seeded = onnx::seed_random_nodes(path);
    if (seeded.generators > 0) noise_seed_ = onnx::noise_seed_values(*noise_seed, seeded.generators);
    graph = std::move(seeded.model);
  } else {
    graph = onnx::read_graph_file(path);
  }
  // Each half rewritten on its own (engines/onnx/conv_as_2d.h), so that the cut stays the
  // [1, channels, frames] tensor the decoder's windows are cut from.
  std::optional<onnx::GraphSplit> split = onnx::split_before_weight(
      graph, kDecoderWeight, path, [](::onnx::ModelProto& half) { onnx::convolutions_as_2d(half); });
  // Only a decoder that needs nothing but the latent frames (and the speaker) can decode windows.
  if (split) {
    for (const auto& input : split->back_inputs) {
      if (input != split->cut && input != "sid") split.reset();
      if (!split) break;
    }
  }
  if (split) {
    graph.clear();
    graph.shrink_to_fit();
    latent_ = split->cut;
    session_ = std::make_unique<onnx::Session>(path, split->front, options);
    split->front.clear();
    split->front.shrink_to_fit();
    decoder_ = std::make_unique<onnx::Session>(path + " (decoder)", split->back, options);
    decoder_sid_ = decoder_->input("sid") != nullptr;
  } else {
    session_ = std::make_unique<onnx::Session>(path, onnx::convolutions_as_2d(std::move(graph), path).model, options);
  }

  // The graph's inputs and outputs as Piper's export declares them, whether split or not.
  std::vector<onnx::TensorInfo> inputs = session_->inputs();
  std::vector<onnx::TensorInfo> outputs;
  if (decoder_) {
    for (const auto& input : decoder_->inputs()) {
      if (input.name != latent_ && !session_->input(input.name)) inputs.push_back(input);
    }
    const onnx::TensorInfo* latent = session_->output(latent_);
    if (!latent || latent->type != ElementType::kFloat32) {
      throw onnx::LoadError(path + ": not a Piper voice: the decoder's input '" + latent_ + "' is not float32");
    }
    outputs = decoder_->outputs();
  }
  for (const auto& output : session_->outputs()) {
    if (output.name != latent_) outputs.push_back(output);
  }
  auto fail = [&](const std::string& why) {
    return onnx::LoadError(path + ": not a Piper voice: " + why + " (inputs: " + onnx::Session::describe(inputs) +
                           "; outputs: " + onnx::Session::describe(outputs) + ")");
  };
  auto find_input = [&](const std::string& name) -> const onnx::TensorInfo* {
    for (const auto& input : inputs) {
      if (input.name == name) return &input;
    }
    return nullptr;
  };
  auto require = [&](const char* name, ElementType type) {
    const onnx::TensorInfo* info = find_input(name);
    if (!info) throw fail(std::string("no '") + name + "' input");
    if (info->type != type) throw fail(std::string("'") + name + "' is " + onnx::type_name(info->type));
  };
  require("input", ElementType::kInt64);
  require("input_lengths", ElementType::kInt64);
  require("scales", ElementType::kFloat32);
  if (const onnx::TensorInfo* sid = find_input("sid")) {
    if (sid->type != ElementType::kInt64) throw fail("'sid' is " + onnx::type_name(sid->type));
    has_sid_ = true;
  }
  if (multi_speaker && !has_sid_) throw fail("the voice has several speakers but the graph has no 'sid' input");
  const std::size_t expected_inputs = (has_sid_ ? 4 : 3) + (noise_seed_.empty() ? 0 : 1);
  if (inputs.size() != expected_inputs) throw fail("unexpected inputs");
  for (const auto& output : outputs) {
    if (audio_output_.empty() && output.type == ElementType::kFloat32) {
      audio_output_ = output.name;
    } else if (duration_output_.empty() &&
               (output.type == ElementType::kFloat32 || output.type == ElementType::kInt64)) {
      duration_output_ = output.name;  // alignment exports: frames per input id
    }
  }
  if (audio_output_.empty()) throw fail("no float32 audio output");
  if (decoder_ && !decoder_->output(audio_output_)) throw fail("the decoder does not compute the audio");
}

PiperVoiceModel::~PiperVoiceModel() = default;

std::vector<float> PiperVoiceModel::decode(const Latent& latent, std::int64_t begin, std::int64_t end,
                                           std::optional<std::int64_t> speaker) const {
  std::vector<float> window;
  std::span<const float> values(latent.values);
  if (begin > 0 || end < latent.frames) {
    window.reserve(static_cast<std::size_t>(latent.channels * (end - begin)));
    for (std::int64_t c = 0; c < latent.channels; ++c) {
      const auto row = latent.values.begin() + c * latent.frames;
      window.insert(window.end(), row + begin, row + end);
    }
    values = window;
  }
  std::array<std::int64_t, 1> sid{speaker.value_or(0)};
  std::vector<onnx::InputTensor> inputs{{latent_, values, {1, latent.channels, end - begin}}};
  if (decoder_sid_) inputs.push_back({"sid", std::span<const std::int64_t>(sid), {1}});
  return std::move(decoder_->run(inputs, {audio_output_})[0].floats);
}

PiperVoiceModel::Output PiperVoiceModel::run(std::span<const std::int64_t> ids, const PiperScales& scales,
                                             std::optional<std::int64_t> speaker, const EarlyAudio& early) const {
  const std::array<std::int64_t, 1> length{static_cast<std::int64_t>(ids.size())};
  const std::array<float, 3> scale_values{scales.noise_scale, scales.length_scale, scales.noise_w};
  std::array<std::int64_t, 1> sid{speaker.value_or(0)};
  std::vector<onnx::InputTensor> inputs{
      {"input", ids, {1, static_cast<std::int64_t>(ids.size())}},
      {"input_lengths", std::span<const std::int64_t>(length), {1}},
      {"scales", std::span<const float>(scale_values), {3}},
  };
  if (has_sid_ && session_->input("sid")) inputs.push_back({"sid", std::span<const std::int64_t>(sid), {1}});
  if (!noise_seed_.empty()) {
    inputs.push_back({onnx::kNoiseSeedInput, std::span<const std::int64_t>(noise_seed_),
                      {static_cast<std::int64_t>(noise_seed_.size())}});
  }
  std::vector<std::string> outputs{decoder_ ? latent_ : audio_output_};
  if (!duration_output_.empty()) outputs.push_back(duration_output_);
  auto results = session_->run(inputs, outputs);
  Output out;
  if (results.size() > 1) {
    // Samples per id as piper-tts computes them: frames times the hop length, truncated.
    for (std::int64_t frames : results[1].ints) out.id_samples.push_back(frames * kHopLength);
    for (float frames : results[1].floats) out.id_samples.push_back(static_cast<std::int64_t>(frames * kHopLength));
  }
  if (!decoder_) {
    out.audio = std::move(results[0].floats);
    return out;
  }
  const auto& shape = results[0].shape;
  if (shape.size() != 3 || shape[0] != 1) {
    throw std::runtime_error("the decoder's input '" + latent_ + "' is not [1, channels, frames]");
  }
  Latent latent{std::move(results[0].floats), shape[1], shape[2]};
  if (latent.values.size() != static_cast<std::size_t>(latent.channels * latent.frames)) {
    throw std::runtime_error("the decoder's input '" + latent_ + "' has the wrong size");
  }
  if (!early || latent.frames <= kEarlyFrames + 2 * kDecoderContextFrames) {
    out.audio = decode(latent, 0, latent.frames, speaker);
    return out;
  }
  // The first frames with context after them, then the rest with context before it; each
  // window's context samples are dropped.
  std::vector<float> first = decode(latent, 0, kEarlyFrames + kDecoderContextFrames, speaker);
  const auto window_frames = static_cast<std::size_t>(kEarlyFrames + kDecoderContextFrames);
  if (first.empty() || first.size() % window_frames != 0) {
    out.audio = decode(latent, 0, latent.frames, speaker);  // not one hop per frame: no windows
    return out;
  }
  const std::size_t hop = first.size() / window_frames;
  first.resize(static_cast<std::size_t>(kEarlyFrames) * hop);
  if (!early(first)) return out;
  std::vector<float> rest = decode(latent, kEarlyFrames - kDecoderContextFrames, latent.frames, speaker);
  const std::size_t skip = std::min(rest.size(), static_cast<std::size_t>(kDecoderContextFrames) * hop);
  out.audio.assign(rest.begin() + static_cast<std::ptrdiff_t>(skip), rest.end());
  return out;
}

}  // namespace chorus::piper
