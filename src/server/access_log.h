#pragma once
// One line per answered request (text or JSON) and the request metrics that go with it.
#include <chrono>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace chorus {

// Marks the start of a request on the worker thread that serves it.
void mark_request_start();
// Logs the request and records its metrics; call once the response has been written.
void log_access(const httplib::Request& req, const httplib::Response& res, bool json_format);

}  // namespace chorus
