#pragma once
// The optional on-disk tier: one file per entry, named by its key, within a byte budget
// (least recently used first out; use is recorded in the file's modification time so the
// order survives a restart). Files are written to a temporary name and renamed into place, so
// a reader never sees half a file; a file that is truncated or altered anyway fails its
// checksum and counts as a miss (and is removed). Thread-safe.
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "cache/cached_speech.h"

namespace chorus {

class DiskStore {
 public:
  // Creates the directory if needed and indexes the entries already there.
  // Throws std::runtime_error when the directory cannot be created.
  DiskStore(std::filesystem::path dir, std::size_t budget_bytes);

  std::optional<CachedSpeech> find(const std::string& key);
  // False when the entry is larger than the budget or could not be written.
  bool insert(const std::string& key, const CachedSpeech& entry);

  std::size_t bytes() const;
  std::size_t entries() const;

 private:
  using Clock = std::filesystem::file_time_type::clock;
  struct FileInfo {
    std::size_t size = 0;
    Clock::time_point last_used;
  };
  std::filesystem::path path_for(const std::string& key) const;
  void forget(const std::string& key);        // caller holds mutex_
  void evict_to_budget();                     // caller holds mutex_

  const std::filesystem::path dir_;
  const std::size_t budget_;
  mutable std::mutex mutex_;
  std::map<std::string, FileInfo> files_;
  std::size_t bytes_ = 0;
};

}  // namespace chorus
