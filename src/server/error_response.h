#pragma once
#include <string>

#include "core/api_error.h"

namespace httplib {
struct Response;
}

namespace chorus {

// OpenAI's error body: {"error":{"message","type","param","code"}}.
std::string error_json(const ApiError& error);
void send_error(httplib::Response& response, const ApiError& error);

}  // namespace chorus
