#include "server/route_table.h"

#include <regex>
#include <vector>

namespace chorus {
namespace {

struct RouteMethods {
  std::regex path;
  const char* allow;
};

// Must match the routes installed by the *_routes.cpp files (tests/unit/server checks every one).
const std::vector<RouteMethods>& table() {
  static const std::vector<RouteMethods> routes{
      {std::regex("/v1/audio/speech"), "POST, OPTIONS"},
      {std::regex("/v1/audio/speech/timestamps"), "POST, OPTIONS"},
      {std::regex("/v1/audio/clone"), "POST, OPTIONS"},
      {std::regex("/v1/audio/watermark/detect"), "POST, OPTIONS"},
      {std::regex("/v1/text/normalize"), "POST, OPTIONS"},
      {std::regex("/v1/audio/voices"), "GET, HEAD, POST, OPTIONS"},
      {std::regex("/v1/audio/voices/[^/]+"), "GET, HEAD, DELETE, OPTIONS"},
      {std::regex("/v1/models"), "GET, HEAD, OPTIONS"},
      {std::regex("/v1/models/[^/]+"), "GET, HEAD, OPTIONS"},
      {std::regex("/v1/audio/models"), "GET, HEAD, OPTIONS"},
      {std::regex("/health"), "GET, HEAD, OPTIONS"},
      {std::regex("/ready"), "GET, HEAD, OPTIONS"},
      {std::regex("/metrics"), "GET, HEAD, OPTIONS"},
      {std::regex("/"), "GET, HEAD, OPTIONS"},
      {std::regex("/assets/[A-Za-z0-9_.\\-]+"), "GET, HEAD, OPTIONS"},
  };
  return routes;
}

}  // namespace

std::optional<std::string> allowed_methods(const std::string& path) {
  for (const auto& route : table()) {
    if (std::regex_match(path, route.path)) return std::string(route.allow);
  }
  return std::nullopt;
}

bool method_allowed(const std::string& allow, const std::string& method) {
  if (method.empty()) return false;
  std::size_t start = 0;
  while (start < allow.size()) {
    std::size_t end = allow.find(", ", start);
    if (end == std::string::npos) end = allow.size();
    if (allow.compare(start, end - start, method) == 0) return true;
    start = end + 2;
  }
  return false;
}

}  // namespace chorus
