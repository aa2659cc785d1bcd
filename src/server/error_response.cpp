#include "server/error_response.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/metrics.h"

namespace chorus {

std::string error_json(const ApiError& error) {
  auto nullable = [](const std::string& value) {
    return value.empty() ? nlohmann::json(nullptr) : nlohmann::json(value);
  };
  nlohmann::json body = {{"error",
                          {{"message", error.what()},
                           {"type", error.type()},
                           {"param", nullable(error.param())},
                           {"code", nullable(error.code())}}}};
  // Replace rather than throw on odd bytes: an error message may quote user input.
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void send_error(httplib::Response& response, const ApiError& error) {
  response.status = error.status();
  if (error.status() == 429) Metrics::instance().throttled(error.code());
  if (error.retry_after() > 0) {
    response.set_header("Retry-After", std::to_string(error.retry_after()));
  }
  response.set_content(error_json(error), "application/json");
}

}  // namespace chorus
