#pragma once
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "text/normalizer.h"

namespace chorus {

struct NormCase {
  const char* language;
  const char* input;
  const char* expected;
};

inline std::ostream& operator<<(std::ostream& os, const NormCase& c) {
  return os << "[" << c.language << "] " << c.input;
}

class Normalization : public ::testing::TestWithParam<NormCase> {};

}  // namespace chorus
