#include "wyoming/wyoming_config.h"

#include <sstream>
#include <stdexcept>

namespace chorus::wyoming {

void WyomingConfig::Validate() const {
  if (host.empty()) throw std::invalid_argument("wyoming.host: must not be empty");
  if (port < -1 || port > 65535) throw std::invalid_argument("wyoming.port: must be -1..65535");
  if (frame.max_header_bytes < 256) {
    throw std::invalid_argument("wyoming.max_header_bytes: must be >= 256");
  }
  if (frame.max_data_bytes < 1024) {
    throw std::invalid_argument("wyoming.max_data_bytes: must be >= 1024");
  }
  if (max_connections < 1) throw std::invalid_argument("wyoming.max_connections: must be >= 1");
  if (idle_timeout_seconds < 1) throw std::invalid_argument("wyoming.idle_timeout_s: must be >= 1");
  if (write_timeout_seconds < 1) {
    throw std::invalid_argument("wyoming.write_timeout_s: must be >= 1");
  }
}

std::string WyomingConfig::ToString() const {
  std::ostringstream out;
  out << "Wyoming(";
  if (enabled()) {
    out << "host=" << host << ", port=" << port << ", max_connections=" << max_connections
        << ", idle_timeout=" << idle_timeout_seconds << "s";
  } else {
    out << "off";
  }
  out << ")";
  return out.str();
}

}  // namespace chorus::wyoming
