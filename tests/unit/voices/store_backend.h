#pragma once
// The two voice store backends the store tests run against: the SQLite file in a temporary data
// directory and a fresh database on the PostgreSQL test server (postgres_test_db.h).
#include <gtest/gtest.h>

#include <string>

namespace chorus::test {

enum class StoreBackend { sqlite, postgres };

// Test name suffix for a parameterized store test.
inline std::string store_backend_name(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param == StoreBackend::sqlite ? "sqlite" : "postgres";
}

}  // namespace chorus::test
