#pragma once
// The Wyoming listener's settings (config keys wyoming.*). Wyoming has no authentication, so the
// listener is off unless a port is given and binds to loopback unless told otherwise.
#include <cstddef>
#include <string>

#include "wyoming/wyoming_event.h"

namespace chorus::wyoming {

struct WyomingConfig {
  std::string host = "127.0.0.1";
  int port = -1;  // -1 = off; 0 = any free port (tests)
  FrameLimits frame;
  std::size_t max_connections = 32;
  // A connection with no event and no synthesis running for this long is closed, and so is one
  // that has sent part of an event and not the rest within this time.
  int idle_timeout_seconds = 60;
  // A peer that reads none of the audio for this long is dropped (its synthesis is cancelled).
  int write_timeout_seconds = 30;
  // Text queued for synthesis on one connection (streamed sentences not yet spoken).
  std::size_t max_queued_text_bytes = 256 * 1024;

  bool enabled() const { return port >= 0; }
  void Validate() const;  // throws std::invalid_argument naming the key
  std::string ToString() const;
};

}  // namespace chorus::wyoming
