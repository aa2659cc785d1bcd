#include "server/request_guard.h"

#include <algorithm>
#include <cctype>

namespace chorus {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool iequals(const std::string& a, const std::string& b) { return lower(a) == lower(b); }

std::string trim(const std::string& text) {
  std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return {};
  std::size_t end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& item) { return iequals(item, value); });
}

bool state_changing(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// "host:port", "[v6]:port" or "host" -> the host part, lower-cased.
std::string host_part(const std::string& authority) {
  std::string value = lower(trim(authority));
  if (!value.empty() && value.front() == '[') {
    std::size_t close = value.find(']');
    return close == std::string::npos ? value : value.substr(0, close + 1);
  }
  std::size_t colon = value.find(':');
  return colon == std::string::npos ? value : value.substr(0, colon);
}

bool ip_literal(const std::string& host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') return true;
  return !host.empty() && std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isdigit(c) || c == '.';
  });
}

// "https://app.example:8443" -> "app.example:8443"; empty for "null" or no scheme.
std::string origin_authority(const std::string& origin) {
  std::size_t scheme = origin.find("://");
  if (scheme == std::string::npos) return {};
  return lower(origin.substr(scheme + 3));
}

ApiError forbidden(std::string message, std::string code) {
  return ApiError(403, std::move(message), "invalid_request_error", {}, std::move(code));
}

}  // namespace

std::optional<std::string> header_value(const RequestHead& head, const std::string& name) {
  for (const auto& [key, value] : head.headers) {
    if (iequals(key, name)) return value;
  }
  return std::nullopt;
}

std::optional<ApiError> check_header_limits(const RequestHead& head, const EdgeConfig& config) {
  if (head.headers.size() > config.max_header_count) {
    return ApiError(431,
                    "Too many request headers: " + std::to_string(head.headers.size()) +
                        " (limit " + std::to_string(config.max_header_count) + ").",
                    "invalid_request_error", {}, "headers_too_large");
  }
  std::size_t bytes = 0;
  for (const auto& [key, value] : head.headers) bytes += key.size() + value.size() + 4;
  if (bytes > config.max_header_bytes) {
    return ApiError(431,
                    "The request headers are too large: " + std::to_string(bytes) +
                        " bytes (limit " + std::to_string(config.max_header_bytes) + ").",
                    "invalid_request_error", {}, "headers_too_large");
  }
  return std::nullopt;
}

std::optional<ApiError> check_framing(const RequestHead& head) {
  std::optional<std::string> length;
  bool chunked = false;
  for (const auto& [key, value] : head.headers) {
    if (iequals(key, "Transfer-Encoding")) {
      if (chunked || !iequals(trim(value), "chunked")) {
        return ApiError(501, "Unsupported Transfer-Encoding '" + value + "': only chunked is.",
                        "invalid_request_error", {}, "unsupported_transfer_encoding");
      }
      chunked = true;
    } else if (iequals(key, "Content-Length")) {
      // A list ("5, 5") is one length repeated; any other difference is a conflict.
      std::string rest = value;
      while (true) {
        std::size_t comma = rest.find(',');
        std::string item = trim(rest.substr(0, comma));
        auto digit = [](unsigned char c) { return std::isdigit(c) != 0; };
        if (item.empty() || item.size() > 18 || !std::all_of(item.begin(), item.end(), digit)) {
          return ApiError::invalid("Invalid Content-Length header: '" + value + "'.", {},
                                   "invalid_content_length");
        }
        item.erase(0, std::min(item.find_first_not_of('0'), item.size() - 1));
        if (length && *length != item) {
          return ApiError::invalid("Conflicting Content-Length headers.", {},
                                   "invalid_content_length");
        }
        length = item;
        if (comma == std::string::npos) break;
        rest = rest.substr(comma + 1);
      }
    }
  }
  if (chunked && length) {
    return ApiError::invalid("A request may not carry both Content-Length and Transfer-Encoding.",
                             {}, "invalid_transfer_encoding");
  }
  const bool has_body_method =
      head.method == "POST" || head.method == "PUT" || head.method == "PATCH";
  if (!length && !chunked && has_body_method) {
    return ApiError(411,
                    "A Content-Length header (or a chunked body) is required for " +
                        head.method + ".",
                    "invalid_request_error", {}, "length_required");
  }
  return std::nullopt;
}

std::optional<ApiError> check_host(const RequestHead& head, const std::string& listen_host,
                                   const EdgeConfig& config) {
  auto host_header = header_value(head, "Host");
  if (!host_header) return std::nullopt;  // HTTP/1.0 clients may omit it
  if (contains(config.allowed_hosts, "*")) return std::nullopt;
  std::string host = host_part(*host_header);
  if (ip_literal(host) || host == "localhost" || iequals(host, listen_host) ||
      contains(config.allowed_hosts, host)) {
    return std::nullopt;
  }
  return forbidden("Host '" + host +
                       "' is not served here: add it to server.allowed_hosts to allow it.",
                   "host_not_allowed");
}

std::optional<ApiError> check_cross_site(const RequestHead& head, const EdgeConfig& config) {
  if (!state_changing(head.method)) return std::nullopt;
  auto origin = header_value(head, "Origin");
  if (origin && (contains(config.cors_origins, "*") || contains(config.cors_origins, *origin))) {
    return std::nullopt;
  }
  auto site = header_value(head, "Sec-Fetch-Site");
  if (site && (iequals(*site, "cross-site") || iequals(*site, "same-site"))) {
    return forbidden("Cross-site " + head.method +
                         " requests are refused: add the page's origin to server.cors_origins "
                         "or configure API keys.",
                     "cross_site_request");
  }
  if (origin) {
    auto host = header_value(head, "Host");
    if (!host || origin_authority(*origin) != lower(trim(*host))) {
      return forbidden("Cross-origin " + head.method + " from '" + *origin +
                           "' is refused: add it to server.cors_origins or configure API keys.",
                       "cross_site_request");
    }
  }
  return std::nullopt;
}

std::optional<std::string> cors_allow_origin(const RequestHead& head, const EdgeConfig& config) {
  auto origin = header_value(head, "Origin");
  if (!origin) return std::nullopt;
  if (contains(config.cors_origins, "*")) return std::string("*");
  if (contains(config.cors_origins, *origin)) return *origin;
  return std::nullopt;
}

const char* cors_exposed_headers() {
  return "Retry-After, X-Chorus-Engine, X-Chorus-Voice, X-Chorus-Voice-Id, X-Chorus-Language, "
         "X-Chorus-Format, X-Chorus-Sample-Rate, X-Chorus-Fallback, X-Chorus-Cache, "
         "X-Chorus-Clone-Method, X-Chorus-Watermark";
}

}  // namespace chorus
