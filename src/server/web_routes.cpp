// GET / and GET /assets/<file>: the browser UI, served from the copies embedded in the binary.
// (Both are public when API keys are on: the page asks for a key itself; see server/auth.cpp.)
#include <httplib.h>

#include <functional>
#include <string>

#include "core/api_error.h"
#include "server/error_response.h"
#include "server/routes.h"
#include "server/web_assets.h"

namespace chorus {
namespace {

std::string_view mime_type(std::string_view name) {
  auto ends_with = [&](std::string_view ext) { return name.ends_with(ext); };
  if (ends_with(".html")) return "text/html; charset=utf-8";
  if (ends_with(".css")) return "text/css; charset=utf-8";
  if (ends_with(".js")) return "text/javascript; charset=utf-8";
  if (ends_with(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

const WebAsset* find_asset(std::string_view name) {
  for (const auto& asset : web_assets()) {
    if (asset.name == name) return &asset;
  }
  return nullptr;
}

// The assets change only with the binary, so a content hash is a stable validator: browsers
// revalidate (no-cache) and get a 304 instead of the bytes again.
std::string etag_of(const WebAsset& asset) {
  return "\"" + std::to_string(std::hash<std::string_view>{}(asset.data)) + "\"";
}

void send_asset(const httplib::Request& req, httplib::Response& res, const WebAsset& asset) {
  std::string etag = etag_of(asset);
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
  // Everything the page needs comes from this server; blob: carries the synthesized audio and
  // the microphone recording (played, and read back for the download), data: the empty favicon.
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; media-src 'self' blob:; connect-src 'self' blob:; "
                 "img-src 'self' data:; "
                 "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;
    return;
  }
  res.set_content(std::string(asset.data), std::string(mime_type(asset.name)));
}

}  // namespace

void install_web_routes(httplib::Server& http) {
  http.Get("/", [](const httplib::Request& req, httplib::Response& res) {
    if (const WebAsset* index = find_asset("index.html")) return send_asset(req, res, *index);
    send_error(res, ApiError(404, "This build has no web UI.", "invalid_request_error", {},
                             "unknown_route"));
  });
  http.Get(R"(/assets/([A-Za-z0-9_.\-]+))", [](const httplib::Request& req, httplib::Response& res) {
    std::string name = req.matches[1];
    if (const WebAsset* asset = find_asset(name)) return send_asset(req, res, *asset);
    send_error(res, ApiError(404, "No web asset named '" + name + "'.", "invalid_request_error",
                             {}, "unknown_route"));
  });
}

}  // namespace chorus
