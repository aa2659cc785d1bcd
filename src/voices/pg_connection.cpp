#include "voices/pg_connection.h"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <cstring>

#include "voices/voice_store_errors.h"

namespace chorus::voices {
namespace {

// Classes 08 (connection exception), 57P0x (server shutting down, starting up) and 53300
// (too many connections) mean "the database is not there right now", not "the query is wrong".
bool means_unavailable(const std::string& sqlstate) {
  return sqlstate.rfind("08", 0) == 0 || sqlstate.rfind("57P0", 0) == 0 || sqlstate == "53300";
}

std::uint64_t read_big_endian(const char* data, int size) {
  std::uint64_t value = 0;
  for (int i = 0; i < size; ++i) value = (value << 8) | static_cast<unsigned char>(data[i]);
  return value;
}

}  // namespace

PgParams& PgParams::text(std::string_view value) {
  values_.emplace_back(value);
  is_null_.push_back(false);
  formats_.push_back(1);
  return *this;
}

PgParams& PgParams::integer(std::int64_t value) {
  values_.push_back(std::to_string(value));
  is_null_.push_back(false);
  formats_.push_back(0);
  return *this;
}

PgParams& PgParams::null() {
  values_.emplace_back();
  is_null_.push_back(true);
  formats_.push_back(0);
  return *this;
}

PgResult::PgResult(pg_result* result) : result_(result) {}
PgResult::~PgResult() { PQclear(result_); }
PgResult::PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }

int PgResult::rows() const { return PQntuples(result_); }

long PgResult::affected() const {
  const char* count = PQcmdTuples(result_);
  return count && *count ? std::strtol(count, nullptr, 10) : 0;
}

bool PgResult::is_null(int row, int column) const { return PQgetisnull(result_, row, column); }

std::string PgResult::bytes(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::int64_t PgResult::integer(int row, int column) const {
  const int size = PQgetlength(result_, row, column);
  const std::uint64_t raw = read_big_endian(PQgetvalue(result_, row, column), size);
  if (size == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(raw));
  if (size == 8) return static_cast<std::int64_t>(raw);
  throw std::runtime_error("PostgreSQL: unexpected integer width " + std::to_string(size));
}

PgConnection::PgConnection(const std::string& url) {
  // connect_timeout first: a value in the URL, processed later, wins.
  const char* keys[] = {"connect_timeout", "dbname", "application_name", nullptr};
  const char* values[] = {"5", url.c_str(), "chorus", nullptr};
  conn_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    // libpq's message names host and port, never the password.
    spdlog::warn("voice store: cannot connect to PostgreSQL: {}",
                 conn_ ? PQerrorMessage(conn_) : "out of memory");
    PQfinish(conn_);
    conn_ = nullptr;
    throw VoiceStoreUnavailable();
  }
  // CREATE ... IF NOT EXISTS and friends send NOTICEs; they are not worth a log line.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() { PQfinish(conn_); }

void PgConnection::fail(pg_result* result, const std::string& what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  std::string message = result ? PQresultErrorMessage(result) : "";
  if (message.empty()) message = PQerrorMessage(conn_);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  PQclear(result);
  if (PQstatus(conn_) != CONNECTION_OK || means_unavailable(sqlstate)) {
    broken_ = true;
    spdlog::warn("voice store: PostgreSQL connection lost ({}): {}", what, message);
    throw VoiceStoreUnavailable();
  }
  throw PgError("PostgreSQL " + what + ": " + message, sqlstate);
}

PgResult PgConnection::exec(const std::string& sql, const PgParams& params) {
  const auto count = params.values_.size();
  std::vector<const char*> values(count);
  std::vector<int> lengths(count);
  for (std::size_t i = 0; i < count; ++i) {
    values[i] = params.is_null_[i] ? nullptr : params.values_[i].c_str();
    lengths[i] = static_cast<int>(params.values_[i].size());
  }
  pg_result* result = PQexecParams(conn_, sql.c_str(), static_cast<int>(count), nullptr,
                                   values.data(), lengths.data(), params.formats_.data(),
                                   /*resultFormat=binary*/ 1);
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result, "query");
  return PgResult(result);
}

void PgConnection::exec_script(const std::string& sql) {
  pg_result* result = PQexec(conn_, sql.c_str());
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result, "script");
  PQclear(result);
}

}  // namespace chorus::voices
