#pragma once
// The web UI's files (web/ in the source tree), embedded at build time by web/embed_web.cmake.
#include <span>
#include <string_view>

namespace chorus {

struct WebAsset {
  std::string_view name;  // file name inside web/, e.g. "app.js"
  std::string_view data;
};

std::span<const WebAsset> web_assets();

}  // namespace chorus
