#include "engines/kokoro/kokoro_session.h"

#include <onnxruntime_cxx_api.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "engines/onnx/onnx_environment.h"

namespace chorus::kokoro {
namespace {

struct IoInfo {
  std::string name;
  ONNXTensorElementDataType type = ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED;
  std::vector<int64_t> shape;
};

std::vector<IoInfo> read_io(const Ort::Session& session, bool inputs) {
  Ort::AllocatorWithDefaultOptions allocator;
  const std::size_t count = inputs ? session.GetInputCount() : session.GetOutputCount();
  std::vector<IoInfo> out;
  for (std::size_t i = 0; i < count; ++i) {
    IoInfo io;
    io.name = (inputs ? session.GetInputNameAllocated(i, allocator) : session.GetOutputNameAllocated(i, allocator)).get();
    // Keep the TypeInfo alive: the tensor info is a view into it.
    Ort::TypeInfo type = inputs ? session.GetInputTypeInfo(i) : session.GetOutputTypeInfo(i);
    if (type.GetONNXType() == ONNX_TYPE_TENSOR) {
      auto tensor = type.GetTensorTypeAndShapeInfo();
      io.type = tensor.GetElementType();
      io.shape = tensor.GetShape();
    }
    out.push_back(std::move(io));
  }
  return out;
}

const IoInfo* find(const std::vector<IoInfo>& ios, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    for (const auto& io : ios) {
      if (io.name == name) return &io;
    }
  }
  return nullptr;
}

std::string type_name(ONNXTensorElementDataType t) {
  switch (t) {
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT: return "float32";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE: return "float64";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16: return "float16";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32: return "int32";
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64: return "int64";
    default: return "type " + std::to_string(static_cast<int>(t));
  }
}

std::string list(const std::vector<IoInfo>& ios) {
  std::string s;
  for (const auto& io : ios) s += (s.empty() ? "" : ", ") + io.name + ":" + type_name(io.type);
  return s.empty() ? "none" : s;
}

SessionSignature read_signature(const Ort::Session& session, const std::string& path) {
  const auto inputs = read_io(session, true);
  const auto outputs = read_io(session, false);
  auto fail = [&](const std::string& why) -> KokoroLoadError {
    return KokoroLoadError(path + ": not a Kokoro model: " + why + " (inputs: " + list(inputs) +
                           "; outputs: " + list(outputs) + ")");
  };
  SessionSignature sig;
  const IoInfo* tokens = find(inputs, {"tokens", "input_ids"});
  if (!tokens) throw fail("no 'tokens' or 'input_ids' input");
  if (tokens->type != ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 && tokens->type != ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32) {
    throw fail("token input '" + tokens->name + "' is " + type_name(tokens->type) + ", expected int64");
  }
  sig.tokens_input = tokens->name;
  sig.tokens_int32 = tokens->type == ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32;

  const IoInfo* style = find(inputs, {"style", "ref_s"});
  if (!style || style->type != ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT) throw fail("no float32 'style' input");
  sig.style_input = style->name;

  const IoInfo* speed = find(inputs, {"speed"});
  if (!speed) throw fail("no 'speed' input");
  sig.speed_input = speed->name;
  switch (speed->type) {
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT: sig.speed_type = SpeedType::kFloat32; break;
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE: sig.speed_type = SpeedType::kFloat64; break;
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32: sig.speed_type = SpeedType::kInt32; break;
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64: sig.speed_type = SpeedType::kInt64; break;
    default: throw fail("'speed' input is " + type_name(speed->type));
  }
  if (inputs.size() != 3) throw fail("expected exactly 3 inputs");

  const IoInfo* audio = find(outputs, {"audio", "waveform"});
  if (!audio) {  // unknown name: the first float output
    for (const auto& io : outputs) {
      if (io.type == ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT) { audio = &io; break; }
    }
  }
  if (!audio || audio->type != ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT) throw fail("no float32 'audio'/'waveform' output");
  sig.audio_output = audio->name;
  if (const IoInfo* duration = find(outputs, {"duration", "pred_dur"});
      duration && duration->type == ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64) {
    sig.duration_output = duration->name;
  }

  Ort::AllocatorWithDefaultOptions allocator;
  Ort::ModelMetadata metadata = session.GetModelMetadata();
  auto config = metadata.LookupCustomMetadataMapAllocated("kokoro_config", allocator);
  if (config) sig.kokoro_config = std::string(config.get());
  return sig;
}

}  // namespace

std::string SessionSignature::describe() const {
  static constexpr const char* kSpeed[] = {"float32", "float64", "int32", "int64"};
  return tokens_input + (tokens_int32 ? ":int32" : ":int64") + ", " + style_input + ", " + speed_input + ":" +
         kSpeed[static_cast<int>(speed_type)] + " -> " + audio_output +
         (duration_output.empty() ? "" : ", " + duration_output) +
         (kokoro_config ? " (embedded kokoro_config)" : "");
}

struct KokoroSession::Impl {
  Ort::Session session{nullptr};
  Ort::MemoryInfo memory = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
};

KokoroSession::KokoroSession(const std::string& path, const SessionOptions& options) : impl_(std::make_unique<Impl>()) {
  try {
    impl_->session = Ort::Session(onnx::environment(), path.c_str(), onnx::session_options(options));
  } catch (const Ort::Exception& e) {
    throw KokoroLoadError(path + ": ONNX Runtime cannot load the model: " + e.what());
  }
  try {
    signature_ = read_signature(impl_->session, path);
  } catch (const Ort::Exception& e) {
    throw KokoroLoadError(path + ": cannot read the model's inputs and outputs: " + e.what());
  }
}

KokoroSession::~KokoroSession() = default;

KokoroSession::Output KokoroSession::run(std::span<const std::int64_t> ids, std::span<const float> style,
                                         float speed) const {
  const auto& sig = signature_;
  std::array<int64_t, 2> token_shape{1, static_cast<int64_t>(ids.size())};
  std::array<int64_t, 2> style_shape{1, static_cast<int64_t>(style.size())};
  std::array<int64_t, 1> speed_shape{1};

  std::vector<int32_t> ids32;
  std::vector<Ort::Value> inputs;
  if (sig.tokens_int32) {
    ids32.assign(ids.begin(), ids.end());
    inputs.push_back(Ort::Value::CreateTensor<int32_t>(impl_->memory, ids32.data(), ids32.size(), token_shape.data(), 2));
  } else {
    inputs.push_back(Ort::Value::CreateTensor<int64_t>(impl_->memory, const_cast<int64_t*>(ids.data()), ids.size(),
                                                        token_shape.data(), 2));
  }
  inputs.push_back(Ort::Value::CreateTensor<float>(impl_->memory, const_cast<float*>(style.data()), style.size(),
                                                    style_shape.data(), 2));
  float speed_f = speed;
  double speed_d = speed;
  int32_t speed_i32 = static_cast<int32_t>(std::lround(speed));
  int64_t speed_i64 = speed_i32;
  switch (sig.speed_type) {
    case SpeedType::kFloat32: inputs.push_back(Ort::Value::CreateTensor<float>(impl_->memory, &speed_f, 1, speed_shape.data(), 1)); break;
    case SpeedType::kFloat64: inputs.push_back(Ort::Value::CreateTensor<double>(impl_->memory, &speed_d, 1, speed_shape.data(), 1)); break;
    case SpeedType::kInt32: inputs.push_back(Ort::Value::CreateTensor<int32_t>(impl_->memory, &speed_i32, 1, speed_shape.data(), 1)); break;
    case SpeedType::kInt64: inputs.push_back(Ort::Value::CreateTensor<int64_t>(impl_->memory, &speed_i64, 1, speed_shape.data(), 1)); break;
  }
  const char* input_names[] = {sig.tokens_input.c_str(), sig.style_input.c_str(), sig.speed_input.c_str()};
  std::vector<const char*> output_names{sig.audio_output.c_str()};
  if (!sig.duration_output.empty()) output_names.push_back(sig.duration_output.c_str());

  std::vector<Ort::Value> outputs;
  try {
    outputs = impl_->session.Run(Ort::RunOptions{nullptr}, input_names, inputs.data(), inputs.size(),
                                 output_names.data(), output_names.size());
  } catch (const Ort::Exception& e) {
    throw std::runtime_error(std::string("Kokoro inference failed: ") + e.what());
  }
  Output out;
  // 1-D [samples] or [1, samples]: either way the samples are contiguous.
  auto audio_info = outputs[0].GetTensorTypeAndShapeInfo();
  const float* audio = outputs[0].GetTensorData<float>();
  out.audio.assign(audio, audio + audio_info.GetElementCount());
  if (outputs.size() > 1) {
    auto info = outputs[1].GetTensorTypeAndShapeInfo();
    const int64_t* d = outputs[1].GetTensorData<int64_t>();
    out.durations.assign(d, d + info.GetElementCount());
  }
  return out;
}

}  // namespace chorus::kokoro
