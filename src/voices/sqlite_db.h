#pragma once
// Thin RAII over the SQLite C API: a connection and prepared statements that throw
// std::runtime_error with SQLite's message. Not thread-safe; SqliteVoiceBackend serializes access.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace chorus::voices {

class SqliteDb {
 public:
  explicit SqliteDb(const std::string& path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  void exec(const char* sql);
  sqlite3* handle() const { return db_; }
  int changes() const;  // rows changed by the last statement

 private:
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(SqliteDb& db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind_null(int index);
  Statement& bind_blob(int index, const void* data, std::size_t size);

  bool step();   // true while a row is available
  void run();    // steps to completion, for statements without rows

  std::string text(int column) const;
  std::optional<std::string> nullable_text(int column) const;
  std::int64_t integer(int column) const;
  std::string blob(int column) const;

 private:
  SqliteDb& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back by the destructor unless commit() ran.
class Transaction {
 public:
  explicit Transaction(SqliteDb& db);
  ~Transaction();
  void commit();

 private:
  SqliteDb& db_;
  bool done_ = false;
};

}  // namespace chorus::voices
