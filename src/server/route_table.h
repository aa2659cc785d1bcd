#pragma once
// Which methods each route accepts, independent of the HTTP library: the edge answers a known
// path with the wrong method by 405 and an Allow header, and OPTIONS (CORS preflight) from here,
// so every route behaves the same without each route file repeating it.
#include <optional>
#include <string>

namespace chorus {

// The Allow header value for `path` ("GET, HEAD, OPTIONS", ...), or nullopt for an unknown path.
std::optional<std::string> allowed_methods(const std::string& path);

// True when `method` is one of the methods in an Allow value from allowed_methods().
bool method_allowed(const std::string& allow, const std::string& method);

}  // namespace chorus
