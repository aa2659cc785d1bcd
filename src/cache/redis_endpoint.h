#pragma once
// Where the Redis tier connects: parsed from cache.redis_url. Accepted forms:
//   redis://[[user]:password@]host[:port][/db]      (port 6379, db 0 by default; [::1] for IPv6)
//   unix:/path/to/redis.sock[?db=N][&password=...]  (also unix:///path/...)
// The password stays out of every log line and printout: use redacted().
#include <string>

namespace chorus {

struct RedisEndpoint {
  std::string host;         // empty for a Unix socket
  int port = 6379;
  std::string socket_path;  // set for unix: URLs
  std::string user;         // Redis 6 ACL user; empty = the default user
  std::string password;     // empty = no AUTH
  int db = 0;

  bool is_unix() const { return !socket_path.empty(); }
  // The URL with the password replaced by "***", for logs, /health and `chorus config show`.
  std::string redacted() const;
};

// Throws std::invalid_argument saying what is wrong (never quoting the password).
RedisEndpoint parse_redis_url(const std::string& url);

// redacted() of a URL as configured; a URL that does not parse prints as "(invalid URL)", so
// even a malformed value with a password in it is never shown.
std::string redact_redis_url(const std::string& url);

}  // namespace chorus
