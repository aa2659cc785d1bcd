#pragma once
// The opset of the default ONNX domain a model imports: what the graph rewrites (seeded_noise.h,
// conv_as_2d.h) may build new nodes with.
#include <onnx/onnx_pb.h>

#include <cstdint>

namespace chorus::onnx {

// 0 when the model imports no default-domain opset.
std::int64_t default_opset(const ::onnx::ModelProto& model);

}  // namespace chorus::onnx
