#pragma once
// Fetching model files for `chorus models pull`, shared by every engine that has files: resumable
// HTTP download to "<file>.part", then a size and digest check before the file takes its name.
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>

namespace chorus {

enum class DigestKind { kSha256, kMd5 };

struct ExpectedFile {
  std::string name;    // file name, for messages
  std::uint64_t size = 0;
  std::string digest;  // lower-case hex
  DigestKind kind = DigestKind::kSha256;
};

// Downloads `url` to `target` through "<target>.part" (kept across runs so a retry resumes with a
// Range request), verifies size and digest and renames. Progress goes to `progress`. Throws
// std::runtime_error with the reason; `retry_hint` is appended to network errors (e.g. which
// variable points at a mirror).
void download_verified(const std::string& url, const std::filesystem::path& target,
                       const ExpectedFile& expected, std::ostream& progress,
                       const std::string& retry_hint);

// Whether `target` exists with the expected size and digest. A verified digest is recorded in a
// sidecar "<file>.sha256" / "<file>.md5" so later checks need not re-read the whole file.
bool present_and_verified(const std::filesystem::path& target, const ExpectedFile& expected);
// The digest recorded by an earlier verification, or "".
std::string recorded_digest(const std::filesystem::path& file, DigestKind kind);
void record_digest(const std::filesystem::path& file, DigestKind kind, const std::string& digest);
std::string file_digest(const std::filesystem::path& file, DigestKind kind);

// The body of a small document (a manifest), at most max_bytes. Throws std::runtime_error.
std::string fetch_text(const std::string& url, std::size_t max_bytes, const std::string& retry_hint);

// "92.4 MB"
std::string human_size(std::uint64_t bytes);

// A base URL from the environment variable `variable` when set, else `fallback`; ends with '/'.
std::string base_url_from_env(const char* variable, const std::string& fallback);

}  // namespace chorus
