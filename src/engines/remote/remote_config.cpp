#include "engines/remote/remote_config.h"

#include <cctype>
#include <stdexcept>

#include "engines/http_audio/endpoint_url.h"

namespace chorus::remote {

void RemoteConfig::Validate() const {
  const std::string where = "engines.remote '" + name + "': ";
  if (name.empty()) throw std::invalid_argument("engines.remote: every remote engine needs a name");
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
      throw std::invalid_argument(where + "name may hold only letters, digits, '-' and '_'");
    }
  }
  if (url.empty()) throw std::invalid_argument(where + "url is required");
  try {
    http_audio::parse_endpoint_url(url);
  } catch (const std::invalid_argument& e) {
    // The parser names itself ("XTTS URL '...': why"); keep only the why.
    std::string why = e.what();
    if (auto at = why.find("': "); at != std::string::npos) why = why.substr(at + 3);
    throw std::invalid_argument(where + "url '" + url + "': " + why);
  }
  if (model.empty()) throw std::invalid_argument(where + "model must not be empty");
  if (sample_rate < 8000 || sample_rate > 192000) {
    throw std::invalid_argument(where + "sample_rate must be between 8000 and 192000");
  }
  if (max_streams < 1) throw std::invalid_argument(where + "max_streams must be >= 1");
  if (!probe_path.empty() && probe_path.front() != '/') {
    throw std::invalid_argument(where + "probe_path must start with '/'");
  }
}

std::string RemoteConfig::probe() const {
  if (!probe_path.empty()) return probe_path;
  return fetches_voices() ? "/v1/audio/voices" : "/v1/models";
}

}  // namespace chorus::remote
