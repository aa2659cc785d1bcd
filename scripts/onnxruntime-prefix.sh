#!/usr/bin/env bash
# Prints the prefix where scripts/install-deps.sh provisioned ONNX Runtime, if it did.
prefix="${CHORUS_ORT_PREFIX:-$HOME/.cache/chorus/onnxruntime-1.21.0}"
if [ -f "$prefix/lib/x86_64-linux-gnu/cmake/onnxruntime/onnxruntimeConfig.cmake" ]; then
  echo "$prefix"
fi
