#include "engines/xtts/xtts_factory.h"

#include "engines/xtts/xtts_engine.h"

namespace chorus::xtts {

std::shared_ptr<Engine> create_xtts_engine(const EngineSettings& settings) {
  if (settings.xtts.urls.empty()) return nullptr;
  return std::make_shared<XttsEngine>(settings.xtts);
}

}  // namespace chorus::xtts
