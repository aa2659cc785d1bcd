#include "cache/redis_endpoint.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string_view>

namespace chorus {
namespace {

int parse_number(std::string_view text, int min, int max, const char* what) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < min ||
      value > max) {
    throw std::invalid_argument(std::string("redis URL: ") + what + " must be a number from " +
                                std::to_string(min) + " to " + std::to_string(max));
  }
  return value;
}

// "%40" in a password stands for "@": userinfo may carry any byte percent-encoded.
std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    int value = 0;
    const char* digits = text.data() + i + 1;
    if (i + 2 >= text.size() ||
        std::from_chars(digits, digits + 2, value, 16).ptr != digits + 2) {
      throw std::invalid_argument("redis URL: bad percent escape in the user or password");
    }
    out += static_cast<char>(value);
    i += 2;
  }
  return out;
}

constexpr int kMaxDb = 1 << 20;  // Redis allows 16 by default; the server says if it is too high

RedisEndpoint parse_unix(std::string_view rest) {
  // unix:///path and unix:/path name the same socket.
  if (rest.substr(0, 2) == "//") rest.remove_prefix(2);
  RedisEndpoint endpoint;
  if (auto query = rest.find('?'); query != std::string_view::npos) {
    std::string_view params = rest.substr(query + 1);
    rest = rest.substr(0, query);
    while (!params.empty()) {
      std::string_view param = params.substr(0, params.find('&'));
      params.remove_prefix(std::min(params.size(), param.size() + 1));
      if (param.substr(0, 3) == "db=") {
        endpoint.db = parse_number(param.substr(3), 0, kMaxDb, "the database");
      } else if (param.substr(0, 9) == "password=") {
        endpoint.password = percent_decode(param.substr(9));
      } else {
        throw std::invalid_argument("redis URL: a unix: URL takes only db=N and password=...");
      }
    }
  }
  if (rest.empty() || rest.front() != '/') {
    throw std::invalid_argument(
        "redis URL: unix: needs an absolute socket path (unix:/run/redis/redis.sock)");
  }
  endpoint.socket_path = std::string(rest);
  return endpoint;
}

}  // namespace

RedisEndpoint parse_redis_url(const std::string& url) {
  std::string_view text = url;
  if (text.substr(0, 5) == "unix:") return parse_unix(text.substr(5));
  constexpr std::string_view kScheme = "redis://";
  if (text.substr(0, kScheme.size()) != kScheme) {
    throw std::invalid_argument(
        "redis URL: must start with redis:// or unix: (e.g. redis://127.0.0.1:6379/0)");
  }
  text.remove_prefix(kScheme.size());
  RedisEndpoint endpoint;
  std::string_view authority = text.substr(0, text.find('/'));
  std::string_view path =
      authority.size() < text.size() ? text.substr(authority.size() + 1) : std::string_view();
  // The last '@' ends the userinfo: an unencoded '@' in a password still parses.
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority.remove_prefix(at + 1);
    auto colon = userinfo.find(':');
    if (colon == std::string_view::npos) {
      // redis://secret@host: a lone userinfo is the password (as redis-cli -u reads it).
      endpoint.password = percent_decode(userinfo);
    } else {
      endpoint.user = percent_decode(userinfo.substr(0, colon));
      endpoint.password = percent_decode(userinfo.substr(colon + 1));
    }
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) throw std::invalid_argument("redis URL: unclosed [ in the host");
    endpoint.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw std::invalid_argument("redis URL: junk after the host");
      port_text = after.substr(1);
      if (port_text.empty()) throw std::invalid_argument("redis URL: empty port");
    }
  } else if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    endpoint.host = std::string(authority.substr(0, colon));
    port_text = authority.substr(colon + 1);
    if (port_text.empty()) throw std::invalid_argument("redis URL: empty port");
  } else {
    endpoint.host = std::string(authority);
  }
  if (endpoint.host.empty()) throw std::invalid_argument("redis URL: no host");
  if (!port_text.empty()) endpoint.port = parse_number(port_text, 1, 65535, "the port");
  if (!path.empty()) endpoint.db = parse_number(path, 0, kMaxDb, "the database");
  return endpoint;
}

std::string RedisEndpoint::redacted() const {
  std::string auth;
  if (!user.empty() || !password.empty()) auth = user + (password.empty() ? "" : ":***") + "@";
  if (is_unix()) {
    std::string query;
    if (db) query += "db=" + std::to_string(db);
    if (!password.empty()) query += std::string(query.empty() ? "" : "&") + "password=***";
    return "unix:" + socket_path + (query.empty() ? "" : "?" + query);
  }
  const bool ipv6 = host.find(':') != std::string::npos;
  return "redis://" + auth + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/" +
         std::to_string(db);
}

std::string redact_redis_url(const std::string& url) {
  if (url.empty()) return url;
  try {
    return parse_redis_url(url).redacted();
  } catch (const std::invalid_argument&) {
    return "(invalid URL)";
  }
}

}  // namespace chorus
