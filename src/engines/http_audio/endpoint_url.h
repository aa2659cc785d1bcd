#pragma once
// Splits an endpoint URL into what cpp-httplib's client needs (scheme://host:port) and the path
// prefix every request path gets (for servers mounted under a reverse-proxy path).
#include <string>
#include <string_view>

namespace chorus::http_audio {

struct EndpointUrl {
  std::string origin;     // "http://gpu-host:8000"
  std::string base_path;  // "" or "/xtts" (no trailing slash)

  std::string path(std::string_view endpoint) const { return base_path + std::string(endpoint); }
};

// Accepts http:// and https:// URLs with a host, optional port and optional path. Throws
// std::invalid_argument for anything else (no scheme, empty host, query strings, whitespace).
EndpointUrl parse_endpoint_url(std::string_view url);

}  // namespace chorus::http_audio
