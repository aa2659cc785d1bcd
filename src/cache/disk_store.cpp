#include "cache/disk_store.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace chorus {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kExtension = ".speech";
constexpr std::string_view kTempExtension = ".tmp";

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(bytes).str();
}

// Unique within this process and across processes sharing the directory.
fs::path temp_name(const fs::path& final_path) {
  static std::atomic<unsigned long> counter{0};
  fs::path temp = final_path;
  temp += "." + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1)) +
          std::string(kTempExtension);
  return temp;
}

}  // namespace

DiskStore::DiskStore(fs::path dir, std::size_t budget_bytes)
    : dir_(std::move(dir)), budget_(budget_bytes) {
  std::error_code error;
  fs::create_directories(dir_, error);
  if (error || !fs::is_directory(dir_)) {
    throw std::runtime_error("cache.disk_dir: cannot create directory " + dir_.string() + ": " +
                             error.message());
  }
  for (const auto& item : fs::directory_iterator(dir_, error)) {
    if (!item.is_regular_file(error)) continue;
    const fs::path& path = item.path();
    if (path.extension() == kTempExtension) {
      fs::remove(path, error);  // an interrupted write
      continue;
    }
    if (path.extension() != kExtension) continue;
    FileInfo info{static_cast<std::size_t>(item.file_size(error)), item.last_write_time(error)};
    files_[path.stem().string()] = info;
    bytes_ += info.size;
  }
  std::lock_guard lock(mutex_);
  evict_to_budget();
}

fs::path DiskStore::path_for(const std::string& key) const {
  return dir_ / (key + std::string(kExtension));
}

std::optional<CachedSpeech> DiskStore::find(const std::string& key) {
  {
    std::lock_guard lock(mutex_);
    if (!files_.count(key)) return std::nullopt;
  }
  // Read outside the lock: a concurrent eviction makes this a miss, never a torn read, since
  // files are only ever replaced whole by rename.
  auto bytes = read_file(path_for(key));
  std::optional<CachedSpeech> entry = bytes ? parse_cached_speech(*bytes) : std::nullopt;
  std::lock_guard lock(mutex_);
  if (!entry) {
    if (bytes) spdlog::warn("cache: discarding damaged file {}", path_for(key).string());
    std::error_code error;
    fs::remove(path_for(key), error);
    forget(key);
    return std::nullopt;
  }
  if (auto found = files_.find(key); found != files_.end()) {
    found->second.last_used = Clock::now();
    std::error_code error;
    fs::last_write_time(path_for(key), found->second.last_used, error);
  }
  return entry;
}

bool DiskStore::insert(const std::string& key, const CachedSpeech& entry) {
  std::string bytes = serialize_cached_speech(entry);
  if (bytes.size() > budget_) return false;
  const fs::path final_path = path_for(key);
  const fs::path temp = temp_name(final_path);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      spdlog::warn("cache: cannot write {}", temp.string());
      std::error_code error;
      fs::remove(temp, error);
      return false;
    }
  }
  std::lock_guard lock(mutex_);
  std::error_code error;
  fs::rename(temp, final_path, error);
  if (error) {
    spdlog::warn("cache: cannot store {}: {}", final_path.string(), error.message());
    fs::remove(temp, error);
    return false;
  }
  forget(key);
  files_[key] = {bytes.size(), Clock::now()};
  bytes_ += bytes.size();
  evict_to_budget();
  return true;
}

void DiskStore::forget(const std::string& key) {
  auto found = files_.find(key);
  if (found == files_.end()) return;
  bytes_ -= found->second.size;
  files_.erase(found);
}

void DiskStore::evict_to_budget() {
  while (bytes_ > budget_ && !files_.empty()) {
    auto oldest = files_.begin();
    for (auto it = files_.begin(); it != files_.end(); ++it) {
      if (it->second.last_used < oldest->second.last_used) oldest = it;
    }
    std::error_code error;
    fs::remove(path_for(oldest->first), error);
    bytes_ -= oldest->second.size;
    files_.erase(oldest);
  }
}

std::size_t DiskStore::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::size_t DiskStore::entries() const {
  std::lock_guard lock(mutex_);
  return files_.size();
}

}  // namespace chorus
