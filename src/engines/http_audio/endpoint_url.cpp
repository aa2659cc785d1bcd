#include "engines/http_audio/endpoint_url.h"

#include <cctype>
#include <stdexcept>

namespace chorus::http_audio {

EndpointUrl parse_endpoint_url(std::string_view url) {
  const std::string text(url);
  auto fail = [&](const std::string& why) {
    return std::invalid_argument("XTTS URL '" + text + "': " + why);
  };
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) throw fail("expected http://host[:port][/path]");
  std::string scheme(url.substr(0, scheme_end));
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "http" && scheme != "https") throw fail("scheme must be http or https");
  for (char c : url) {
    if (std::isspace(static_cast<unsigned char>(c))) throw fail("contains whitespace");
  }
  if (url.find_first_of("?#") != std::string_view::npos) {
    throw fail("query strings and fragments are not supported");
  }

  std::string_view rest = url.substr(scheme_end + 3);
  std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
  if (authority.empty() || authority.front() == ':') throw fail("missing host");
  if (authority.find('@') != std::string_view::npos) throw fail("credentials are not supported");
  // A port, when present, must be numeric and in range (IPv6 literals keep their brackets).
  std::size_t colon = authority.rfind(':');
  std::size_t bracket = authority.rfind(']');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5) throw fail("bad port");
    long value = 0;
    for (char c : port) {
      if (!std::isdigit(static_cast<unsigned char>(c))) throw fail("bad port");
      value = value * 10 + (c - '0');
    }
    if (value < 1 || value > 65535) throw fail("port out of range");
  }

  EndpointUrl out;
  out.origin = scheme + "://" + std::string(authority);
  std::string base(path);
  while (!base.empty() && base.back() == '/') base.pop_back();
  out.base_path = base;
  return out;
}

}  // namespace chorus::http_audio
