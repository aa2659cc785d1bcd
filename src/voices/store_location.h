#pragma once
// Where voices live, as given by --voice-store / voices.store: "sqlite:PATH" or a PostgreSQL
// URL ("postgresql://..." or "postgres://..."). Empty means the SQLite file in the data directory.
#include <string>

namespace chorus::voices {

struct StoreLocation {
  enum class Kind { sqlite, postgres };
  Kind kind = Kind::sqlite;
  std::string target;  // the file path, or the full connection URL (with its password)
};

// Throws std::invalid_argument for anything else, naming the accepted forms.
StoreLocation parse_store_location(const std::string& text, const std::string& data_dir);

// The URL with its password replaced by "***" (user:password@ and ?password=...): safe for
// logs and /health.
std::string mask_password(const std::string& url);

}  // namespace chorus::voices
