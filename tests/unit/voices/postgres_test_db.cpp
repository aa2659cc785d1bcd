#include "postgres_test_db.h"

#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

#include "voices/pg_connection.h"

namespace chorus::test {
namespace {

std::string server_url() {
  const char* state = std::getenv("CHORUS_TEST_POSTGRES_STATE");
  if (!state || !*state) {
    throw std::runtime_error(
        "CHORUS_TEST_POSTGRES_STATE is not set: run these tests through ctest, whose "
        "postgres_server fixture starts PostgreSQL (tests/e2e/support/postgres_server.py)");
  }
  std::ifstream file(std::string(state) + "/url");
  std::string url;
  if (!std::getline(file, url) || url.empty()) {
    throw std::runtime_error(std::string("no PostgreSQL test server: ") + state +
                             "/url is missing (did the postgres_server fixture fail?)");
  }
  return url;
}

}  // namespace

PostgresTestDatabase::PostgresTestDatabase() : server_url_(server_url()) {
  std::random_device random;
  name_ = "test_" + std::to_string(random()) + "_" + std::to_string(random());
  voices::PgConnection(server_url_).exec_script("CREATE DATABASE " + name_);
  url_ = server_url_.substr(0, server_url_.rfind('/') + 1) + name_;
}

PostgresTestDatabase::~PostgresTestDatabase() {
  try {
    voices::PgConnection(server_url_).exec_script("DROP DATABASE IF EXISTS " + name_ +
                                                  " WITH (FORCE)");
  } catch (...) {
    // The server goes away with the fixture anyway.
  }
}

std::string PostgresTestDatabase::query_text(const std::string& sql) const {
  voices::PgConnection connection(url_);
  auto result = connection.exec("SELECT (" + sql + ")::text");
  return result.rows() > 0 && !result.is_null(0, 0) ? result.bytes(0, 0) : std::string();
}

void PostgresTestDatabase::execute(const std::string& sql) const {
  voices::PgConnection(url_).exec_script(sql);
}

}  // namespace chorus::test
