#include "server/access_log.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <string>

#include <nlohmann/json.hpp>

#include "core/metrics.h"

namespace chorus {
namespace {

// httplib serves a request start to finish on one worker thread.
thread_local std::chrono::steady_clock::time_point request_start;

// Metric labels must stay few: ids in paths collapse to a placeholder, unknown paths to one.
std::string route_label(const httplib::Request& req, int status) {
  if (status == 404 && req.matches.empty()) return "unknown";
  const std::string& path = req.path;
  if (path.rfind("/v1/audio/voices/", 0) == 0) return "/v1/audio/voices/{id}";
  if (path.rfind("/v1/models/", 0) == 0) return "/v1/models/{id}";
  if (path.rfind("/assets/", 0) == 0) return "/assets";
  return path;
}

// The X-Request-Id a proxy in front sent (deploy/nginx/chorus.conf does), so a line here can be
// matched with the proxy's. Only characters that cannot forge a log line or a JSON field, and at
// most 64 of them: the value comes from the network.
std::string request_id(const httplib::Request& req) {
  std::string id;
  for (char c : req.get_header_value("X-Request-Id")) {
    if (id.size() == 64) break;
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
        c == ':') {
      id += c;
    }
  }
  return id;
}

}  // namespace

void mark_request_start() { request_start = std::chrono::steady_clock::now(); }

void log_access(const httplib::Request& req, const httplib::Response& res, bool json_format) {
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - request_start).count();
  std::string engine = res.get_header_value("X-Chorus-Engine");
  std::string format = res.get_header_value("X-Chorus-Format");
  std::string cache = res.get_header_value("X-Chorus-Cache");  // hit/miss on speech routes
  std::string route = route_label(req, res.status);
  std::string id = request_id(req);
  if (route != "/metrics") {
    Metrics::instance().request_finished(route, res.status, engine, format, seconds);
  }
  if (json_format) {
    nlohmann::json line = {{"method", req.method},     {"path", req.path},
                           {"status", res.status},     {"seconds", seconds},
                           {"remote", req.remote_addr}, {"engine", engine},
                           {"format", format}};
    if (!cache.empty()) line["cache"] = cache;
    if (!id.empty()) line["request_id"] = id;
    spdlog::info("{}", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    std::string served;
    if (!engine.empty()) served = " (" + engine + (cache == "hit" ? ", cached" : "") + ")";
    spdlog::info("{} {} {} -> {} in {:.1f} ms{}{}", req.remote_addr, req.method, req.path,
                 res.status, seconds * 1000, served, id.empty() ? "" : " id=" + id);
  }
}

}  // namespace chorus
