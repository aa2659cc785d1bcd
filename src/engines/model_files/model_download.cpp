#include "engines/model_files/model_download.h"

#include <httplib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include "core/sha256.h"

namespace chorus {
namespace fs = std::filesystem;
namespace {

const char* sidecar_extension(DigestKind kind) { return kind == DigestKind::kMd5 ? ".md5" : ".sha256"; }
const char* digest_name(DigestKind kind) { return kind == DigestKind::kMd5 ? "MD5" : "SHA-256"; }

}  // namespace

std::string human_size(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

std::string base_url_from_env(const char* variable, const std::string& fallback) {
  const char* mirror = std::getenv(variable);
  std::string url = mirror && *mirror ? mirror : fallback;
  if (url.empty() || url.back() != '/') url.push_back('/');
  return url;
}

std::string file_digest(const fs::path& file, DigestKind kind) {
  return kind == DigestKind::kMd5 ? md5_file_hex(file) : sha256_file_hex(file);
}

std::string recorded_digest(const fs::path& file, DigestKind kind) {
  std::ifstream in(file.string() + sidecar_extension(kind));
  std::string digest;
  in >> digest;
  return digest;
}

void record_digest(const fs::path& file, DigestKind kind, const std::string& digest) {
  std::ofstream(file.string() + sidecar_extension(kind)) << digest << "  " << file.filename().string() << "\n";
}

bool present_and_verified(const fs::path& target, const ExpectedFile& expected) {
  std::error_code ec;
  if (!fs::exists(target, ec) || fs::file_size(target, ec) != expected.size) return false;
  if (recorded_digest(target, expected.kind) == expected.digest) return true;
  if (file_digest(target, expected.kind) != expected.digest) return false;
  record_digest(target, expected.kind, expected.digest);
  return true;
}

namespace {

// "https://host:port/prefix" and "/path" of a URL.
std::pair<std::string, std::string> split_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  if (scheme_end == std::string::npos || path_start == std::string::npos) {
    throw std::runtime_error("not a download URL: " + url);
  }
  return {url.substr(0, path_start), url.substr(path_start)};
}

}  // namespace

std::string fetch_text(const std::string& url, std::size_t max_bytes, const std::string& retry_hint) {
  const auto [origin, path] = split_url(url);
  httplib::Client client(origin);
  client.set_follow_location(true);
  client.set_connection_timeout(30);
  client.set_read_timeout(60);
  std::string body;
  bool too_big = false;
  auto result = client.Get(path, [&](const char* data, std::size_t size) {
    if (body.size() + size > max_bytes) {
      too_big = true;
      return false;
    }
    body.append(data, size);
    return true;
  });
  if (too_big) throw std::runtime_error(url + ": larger than " + std::to_string(max_bytes) + " bytes");
  if (!result) {
    throw std::runtime_error("download of " + url + " failed: " + httplib::to_string(result.error()) + " error (" +
                             retry_hint + ")");
  }
  if (result->status != 200) throw std::runtime_error("download of " + url + " failed: HTTP " + std::to_string(result->status));
  return body;
}

void download_verified(const std::string& url, const fs::path& target, const ExpectedFile& expected,
                       std::ostream& progress, const std::string& retry_hint) {
  const fs::path part = target.string() + ".part";
  std::uint64_t have = fs::exists(part) ? fs::file_size(part) : 0;
  if (have > expected.size) {
    fs::remove(part);
    have = 0;
  }
  const auto [origin, path] = split_url(url);
  httplib::Client client(origin);
  client.set_follow_location(true);
  client.set_connection_timeout(30);
  client.set_read_timeout(120);
  httplib::Headers headers;
  if (have > 0 && have < expected.size) headers.emplace("Range", "bytes=" + std::to_string(have) + "-");

  std::ofstream out;
  std::uint64_t received = have;
  int last_percent = -1;
  bool restart = false;
  auto result = client.Get(
      path, headers,
      [&](const httplib::Response& response) {
        if (response.status == 206 && have > 0) {
          out.open(part, std::ios::binary | std::ios::app);
        } else if (response.status == 200) {
          restart = have > 0;
          received = 0;
          out.open(part, std::ios::binary | std::ios::trunc);
        } else {
          return false;
        }
        return static_cast<bool>(out);
      },
      [&](const char* data, std::size_t size) {
        out.write(data, static_cast<std::streamsize>(size));
        received += size;
        const int percent = static_cast<int>(100 * received / std::max<std::uint64_t>(1, expected.size));
        if (percent != last_percent && percent % 5 == 0) {
          progress << "\r  " << expected.name << ": " << percent << "% of " << human_size(expected.size) << std::flush;
          last_percent = percent;
        }
        return static_cast<bool>(out);
      });
  out.close();
  progress << "\n";
  if (!result) {
    const bool partial = fs::exists(part) && fs::file_size(part) > 0;
    throw std::runtime_error("download of " + url + " failed: " + httplib::to_string(result.error()) +
                             " error (" + retry_hint + ")" +
                             (partial ? "; run the command again to resume" : ""));
  }
  if (result->status != 200 && result->status != 206) {
    throw std::runtime_error("download of " + url + " failed: HTTP " + std::to_string(result->status));
  }
  if (restart) progress << "  server ignored the resume request; downloaded from the start\n";
  const std::uint64_t size = fs::file_size(part);
  if (size != expected.size) {
    throw std::runtime_error(expected.name + ": got " + std::to_string(size) + " bytes, expected " +
                             std::to_string(expected.size) + " (partial file kept; run again to resume)");
  }
  const std::string digest = file_digest(part, expected.kind);
  if (digest != expected.digest) {
    fs::remove(part);
    throw std::runtime_error(expected.name + ": " + digest_name(expected.kind) + " mismatch: got " + digest +
                             ", expected " + expected.digest + " (file removed)");
  }
  fs::rename(part, target);
  record_digest(target, expected.kind, digest);
}

}  // namespace chorus
