#include "voices/store_location.h"

#include <stdexcept>

namespace chorus::voices {
namespace {

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

StoreLocation parse_store_location(const std::string& text, const std::string& data_dir) {
  if (text.empty()) return {StoreLocation::Kind::sqlite, data_dir + "/voices.sqlite3"};
  if (starts_with(text, "postgresql://") || starts_with(text, "postgres://")) {
    return {StoreLocation::Kind::postgres, text};
  }
  if (starts_with(text, "sqlite:") && text.size() > 7) {
    return {StoreLocation::Kind::sqlite, text.substr(7)};
  }
  throw std::invalid_argument("voice store '" + mask_password(text) +
                              "' is neither sqlite:PATH nor a postgresql:// URL");
}

std::string mask_password(const std::string& url) {
  std::string out = url;
  // user:password@host: the password runs from the first ':' after the scheme to the last '@'
  // of the authority (a password may itself contain '@' when not percent-encoded).
  const auto scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const auto authority_begin = scheme_end + 3;
    auto authority_end = out.find_first_of("/?", authority_begin);
    if (authority_end == std::string::npos) authority_end = out.size();
    const auto at = out.rfind('@', authority_end);
    if (at != std::string::npos && at > authority_begin) {
      const auto colon = out.find(':', authority_begin);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // ...?password=secret&...
  for (auto at = out.find("password="); at != std::string::npos;
       at = out.find("password=", at + 1)) {
    const auto value = at + 9;
    auto end = out.find('&', value);
    if (end == std::string::npos) end = out.size();
    out.replace(value, end - value, "***");
  }
  return out;
}

}  // namespace chorus::voices
