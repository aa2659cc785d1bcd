#pragma once
// One error type for every stage: it carries what the HTTP edge needs to answer in OpenAI's shape
// ({"error":{"message","type","param","code"}}), so stages never know about HTTP themselves.
#include <stdexcept>
#include <string>

namespace chorus {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string message, std::string type = "invalid_request_error",
           std::string param = {}, std::string code = {})
      : std::runtime_error(visible(std::move(message))), status_(status), type_(std::move(type)),
        param_(std::move(param)), code_(std::move(code)) {}

  int status() const { return status_; }
  const std::string& type() const { return type_; }
  const std::string& param() const { return param_; }
  const std::string& code() const { return code_; }
  // Seconds a client should wait before retrying (sent as Retry-After when > 0).
  int retry_after() const { return retry_after_; }
  ApiError& with_retry_after(int seconds) {
    retry_after_ = seconds;
    return *this;
  }

  static ApiError invalid(std::string message, std::string param = {}, std::string code = {}) {
    return ApiError(400, std::move(message), "invalid_request_error", std::move(param), std::move(code));
  }
  static ApiError server(std::string message, std::string code = "engine_error") {
    return ApiError(500, std::move(message), "server_error", {}, std::move(code));
  }

 private:
  // what() is a C string: a NUL quoted from user input would cut the message short there.
  static std::string visible(std::string message) {
    for (std::size_t at = message.find('\0'); at != std::string::npos;
         at = message.find('\0', at + 6)) {
      message.replace(at, 1, "\\u0000");
    }
    return message;
  }

  int status_;
  std::string type_;
  std::string param_;
  std::string code_;
  int retry_after_ = 0;
};

// Thrown by engines when synthesis fails; the router may fall back to another engine.
class EngineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace chorus
