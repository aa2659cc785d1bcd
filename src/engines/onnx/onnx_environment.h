#pragma once
// The process's one ONNX Runtime environment (logging and global thread state), shared by every
// session any engine opens.
namespace Ort {
struct Env;
}

namespace chorus::onnx {

Ort::Env& environment();

}  // namespace chorus::onnx
