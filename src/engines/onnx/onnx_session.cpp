#include "engines/onnx/onnx_session.h"

#include <onnxruntime_cxx_api.h>

#include <algorithm>

#include "engines/onnx/onnx_environment.h"

namespace chorus::onnx {

Ort::Env& environment() {
  static Ort::Env env(ORT_LOGGING_LEVEL_WARNING, "chorus");
  return env;
}

Ort::SessionOptions session_options(const SessionOptions& options) {
  Ort::SessionOptions so;
  so.SetIntraOpNumThreads(std::max(0, options.intra_op_threads));
  so.SetInterOpNumThreads(std::max(1, options.inter_op_threads));
  so.SetExecutionMode(ExecutionMode::ORT_SEQUENTIAL);
  so.SetGraphOptimizationLevel(GraphOptimizationLevel::ORT_ENABLE_ALL);
  so.DisableMemPattern();
  // Idle pool threads sleep instead of spinning: with several Runs at once (requests, or the
  // chunks of one) spinning threads take the cores from the Runs that have work. Measured with
  // Piper on 2 cores: the same latency alone, two Runs at once 10% sooner.
  so.AddConfigEntry("session.intra_op.allow_spinning", "0");
  if (!options.cpu_arena) so.DisableCpuMemArena();
  return so;
}

namespace {

ElementType element_type(ONNXTensorElementDataType t) {
  switch (t) {
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT: return ElementType::kFloat32;
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE: return ElementType::kFloat64;
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16: return ElementType::kFloat16;
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32: return ElementType::kInt32;
    case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64: return ElementType::kInt64;
    default: return ElementType::kOther;
  }
}

std::vector<TensorInfo> read_io(const Ort::Session& session, bool inputs) {
  Ort::AllocatorWithDefaultOptions allocator;
  const std::size_t count = inputs ? session.GetInputCount() : session.GetOutputCount();
  std::vector<TensorInfo> out;
  for (std::size_t i = 0; i < count; ++i) {
    TensorInfo io;
    io.name = (inputs ? session.GetInputNameAllocated(i, allocator) : session.GetOutputNameAllocated(i, allocator)).get();
    // Keep the TypeInfo alive: the tensor info is a view into it.
    Ort::TypeInfo type = inputs ? session.GetInputTypeInfo(i) : session.GetOutputTypeInfo(i);
    if (type.GetONNXType() == ONNX_TYPE_TENSOR) {
      auto tensor = type.GetTensorTypeAndShapeInfo();
      io.type = element_type(tensor.GetElementType());
      io.shape = tensor.GetShape();
    }
    out.push_back(std::move(io));
  }
  return out;
}

const TensorInfo* find(const std::vector<TensorInfo>& tensors, const std::string& name) {
  for (const auto& t : tensors) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

}  // namespace

std::string type_name(ElementType type) {
  switch (type) {
    case ElementType::kFloat32: return "float32";
    case ElementType::kFloat64: return "float64";
    case ElementType::kFloat16: return "float16";
    case ElementType::kInt32: return "int32";
    case ElementType::kInt64: return "int64";
    case ElementType::kOther: break;
  }
  return "other";
}

std::string Session::describe(const std::vector<TensorInfo>& tensors) {
  std::string s;
  for (const auto& t : tensors) s += (s.empty() ? "" : ", ") + t.name + ":" + type_name(t.type);
  return s.empty() ? "none" : s;
}

struct Session::Impl {
  Ort::Session session{nullptr};
  Ort::MemoryInfo memory = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
};

Session::Session(const std::string& path, const SessionOptions& options) : impl_(std::make_unique<Impl>()) {
  try {
    impl_->session = Ort::Session(environment(), path.c_str(), session_options(options));
    inputs_ = read_io(impl_->session, true);
    outputs_ = read_io(impl_->session, false);
  } catch (const Ort::Exception& e) {
    throw LoadError(path + ": ONNX Runtime cannot load the model: " + e.what());
  }
}

Session::Session(const std::string& name, std::string_view serialized, const SessionOptions& options)
    : impl_(std::make_unique<Impl>()) {
  try {
    impl_->session = Ort::Session(environment(), serialized.data(), serialized.size(), session_options(options));
    inputs_ = read_io(impl_->session, true);
    outputs_ = read_io(impl_->session, false);
  } catch (const Ort::Exception& e) {
    throw LoadError(name + ": ONNX Runtime cannot load the model: " + e.what());
  }
}

Session::~Session() = default;

const TensorInfo* Session::input(const std::string& name) const { return find(inputs_, name); }
const TensorInfo* Session::output(const std::string& name) const { return find(outputs_, name); }

std::vector<OutputTensor> Session::run(const std::vector<InputTensor>& inputs,
                                       const std::vector<std::string>& output_names) const {
  std::vector<Ort::Value> values;
  std::vector<const char*> input_names;
  for (const auto& input : inputs) {
    input_names.push_back(input.name.c_str());
    if (const auto* ints = std::get_if<std::span<const std::int64_t>>(&input.data)) {
      values.push_back(Ort::Value::CreateTensor<std::int64_t>(impl_->memory, const_cast<std::int64_t*>(ints->data()),
                                                              ints->size(), input.shape.data(), input.shape.size()));
    } else {
      const auto& floats = std::get<std::span<const float>>(input.data);
      values.push_back(Ort::Value::CreateTensor<float>(impl_->memory, const_cast<float*>(floats.data()),
                                                       floats.size(), input.shape.data(), input.shape.size()));
    }
  }
  std::vector<const char*> names;
  for (const auto& name : output_names) names.push_back(name.c_str());
  std::vector<Ort::Value> results;
  try {
    results = impl_->session.Run(Ort::RunOptions{nullptr}, input_names.data(), values.data(), values.size(),
                                 names.data(), names.size());
  } catch (const Ort::Exception& e) {
    throw std::runtime_error(std::string("inference failed: ") + e.what());
  }
  std::vector<OutputTensor> out;
  for (auto& result : results) {
    OutputTensor tensor;
    auto info = result.GetTensorTypeAndShapeInfo();
    tensor.shape = info.GetShape();
    const std::size_t count = info.GetElementCount();
    switch (info.GetElementType()) {
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT: {
        const float* data = result.GetTensorData<float>();
        tensor.floats.assign(data, data + count);
        break;
      }
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64: {
        const std::int64_t* data = result.GetTensorData<std::int64_t>();
        tensor.ints.assign(data, data + count);
        break;
      }
      case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32: {
        const std::int32_t* data = result.GetTensorData<std::int32_t>();
        tensor.ints.assign(data, data + count);
        break;
      }
      default:
        throw std::runtime_error("inference failed: output of an unsupported type");
    }
    out.push_back(std::move(tensor));
  }
  return out;
}

}  // namespace chorus::onnx
