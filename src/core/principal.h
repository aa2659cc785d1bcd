#pragma once
// Who a request is served for. Set by the HTTP edge's access control on the thread serving the
// request (a request runs start to finish on one thread), read by stages that scope data to
// their owner, such as cloned voices.
#include <optional>
#include <string>

namespace chorus {

struct Principal {
  std::optional<std::string> owner;  // fingerprint of the API key; empty without authentication
  bool admin = true;                 // without keys, whoever runs the server manages it all
  std::string client;                // rate-limit bucket: owner, else remote address
  bool unmarked = false;             // admin key in watermark.unmarked_keys: no watermark

  // Whether data owned by `data_owner` (empty: created without authentication) is visible.
  bool may_see(const std::optional<std::string>& data_owner) const {
    if (!owner || admin) return true;
    return data_owner && *data_owner == *owner;
  }
};

const Principal& current_principal();
void set_current_principal(Principal principal);

}  // namespace chorus
