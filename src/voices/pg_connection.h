#pragma once
// Thin RAII over libpq: one connection, parameterized statements with binary results.
// A lost server (down, restarting, unreachable) throws VoiceStoreUnavailable and marks the
// connection broken so the pool drops it; any other database error throws PgError.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace chorus::voices {

class PgError : public std::runtime_error {
 public:
  PgError(const std::string& message, std::string sqlstate)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// Statement parameters: text and bytea travel in binary form (no escaping, any byte).
class PgParams {
 public:
  PgParams& text(std::string_view value);
  PgParams& bytes(std::string_view value) { return text(value); }
  PgParams& integer(std::int64_t value);
  PgParams& null();

 private:
  friend class PgConnection;
  std::vector<std::string> values_;
  std::vector<bool> is_null_;
  std::vector<int> formats_;
};

class PgResult {
 public:
  explicit PgResult(pg_result* result);
  ~PgResult();
  PgResult(PgResult&& other) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PgResult& operator=(PgResult&&) = delete;

  int rows() const;
  long affected() const;  // rows changed by INSERT/UPDATE/DELETE
  bool is_null(int row, int column) const;
  std::string bytes(int row, int column) const;         // text and bytea columns
  std::int64_t integer(int row, int column) const;      // int4 and int8 columns

 private:
  pg_result* result_;
};

class PgConnection {
 public:
  // Connects (5 s timeout unless the URL sets connect_timeout); throws VoiceStoreUnavailable.
  explicit PgConnection(const std::string& url);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  PgResult exec(const std::string& sql, const PgParams& params = {});
  // Several statements without parameters (migrations).
  void exec_script(const std::string& sql);
  bool broken() const { return broken_; }

 private:
  [[noreturn]] void fail(pg_result* result, const std::string& what);

  pg_conn* conn_ = nullptr;
  bool broken_ = false;
};

}  // namespace chorus::voices
