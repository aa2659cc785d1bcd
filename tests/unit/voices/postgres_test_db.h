#pragma once
// A fresh database per test on the PostgreSQL server that ctest's `postgres_server` fixture
// starts (tests/e2e/support/postgres_server.py); CHORUS_TEST_POSTGRES_STATE names its state
// directory. Without that server the constructor throws: PostgreSQL tests fail, never skip.
#include <string>

namespace chorus::test {

class PostgresTestDatabase {
 public:
  PostgresTestDatabase();   // CREATE DATABASE test_<random>
  ~PostgresTestDatabase();  // DROP DATABASE ... WITH (FORCE)
  PostgresTestDatabase(const PostgresTestDatabase&) = delete;
  PostgresTestDatabase& operator=(const PostgresTestDatabase&) = delete;

  const std::string& url() const { return url_; }
  // Runs one query on this database and returns the first column of the first row as text.
  std::string query_text(const std::string& sql) const;
  void execute(const std::string& sql) const;

 private:
  std::string server_url_;  // the `postgres` maintenance database
  std::string name_;
  std::string url_;
};

}  // namespace chorus::test
