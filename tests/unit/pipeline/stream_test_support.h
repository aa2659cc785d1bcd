#pragma once
// Reading a speech stream to its end, as the pipeline tests do.
#include <string>

#include "pipeline/speech_stream.h"

namespace chorus::test {

// Every byte `stream` produces, until it ends (exceptions from the stream propagate).
inline std::string drain(SpeechStream& stream) {
  std::string all, piece;
  while (stream.next(piece)) all += piece;
  return all;
}

}  // namespace chorus::test
