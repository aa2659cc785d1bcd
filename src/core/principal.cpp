#include "core/principal.h"

namespace chorus {
namespace {
thread_local Principal principal_of_request;
}  // namespace

const Principal& current_principal() { return principal_of_request; }
void set_current_principal(Principal principal) { principal_of_request = std::move(principal); }

}  // namespace chorus
