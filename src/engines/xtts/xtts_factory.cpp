#include "engines/xtts/xtts_factory.h"

#include "engines/xtts/xtts_engine.h"

namespace chorus::xtts {

std::shared_ptr<Engine> create_xtts_engine(const EngineSettings& settings) {
  if (settings.xtts_urls.empty()) return nullptr;
  XttsConfig config;
  config.urls = settings.xtts_urls;
  return std::make_shared<XttsEngine>(std::move(config));
}

}  // namespace chorus::xtts
