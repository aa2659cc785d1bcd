#include "engines/onnx/model_opset.h"

namespace chorus::onnx {

std::int64_t default_opset(const ::onnx::ModelProto& model) {
  for (const auto& opset : model.opset_import()) {
    if (opset.domain().empty() || opset.domain() == "ai.onnx") return opset.version();
  }
  return 0;
}

}  // namespace chorus::onnx
