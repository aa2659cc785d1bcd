#include "engines/remote/remote_client.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

namespace chorus::remote {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::size_t kErrorExcerpt = 300;

// TLS is verified always; a configured CA file replaces the system's certificates.
void set_ca(httplib::Client& client, const RemoteConfig& config) {
  if (!config.ca_file.empty()) client.set_ca_cert_path(config.ca_file);
}

void set_timeouts(httplib::Client& client, milliseconds connect, milliseconds read) {
  client.set_connection_timeout(std::chrono::duration_cast<std::chrono::microseconds>(connect));
  client.set_read_timeout(std::chrono::duration_cast<std::chrono::microseconds>(read));
  client.set_write_timeout(std::chrono::duration_cast<std::chrono::microseconds>(read));
}

// Watches one stream from another thread: cpp-httplib has a single read timeout, so the first
// byte's limit and the limit between pieces are enforced here, and a cancelled request (the
// client went away) closes the upstream connection at once instead of at the next piece.
class StreamWatch {
 public:
  StreamWatch(httplib::Client& client, const CancelToken& cancel, milliseconds first_byte,
              milliseconds between)
      : client_(client), cancel_(cancel), first_byte_(first_byte), between_(between),
        started_(Clock::now()) {
    thread_ = std::thread([this] { run(); });
  }
  ~StreamWatch() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  StreamWatch(const StreamWatch&) = delete;
  StreamWatch& operator=(const StreamWatch&) = delete;

  void saw_bytes() {
    last_ns_.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
    got_bytes_.store(true, std::memory_order_relaxed);
  }
  // Why the watch closed the connection, or empty.
  std::string reason() const {
    std::lock_guard lock(mutex_);
    return reason_;
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!done_) {
      std::string why;
      const auto now = Clock::now();
      if (cancel_.cancelled()) {
        why = "cancelled";
      } else if (!got_bytes_.load(std::memory_order_relaxed)) {
        if (now - started_ > first_byte_) {
          why = "no audio within the first-byte timeout (" + std::to_string(first_byte_.count()) + " ms)";
        }
      } else {
        const Clock::time_point last{Clock::duration(last_ns_.load(std::memory_order_relaxed))};
        if (now - last > between_) {
          why = "stalled longer than the read timeout (" + std::to_string(between_.count()) + " ms)";
        }
      }
      if (!why.empty()) {
        reason_ = why;
        client_.stop();  // safe from another thread: closes the socket the request waits on
        return;
      }
      wake_.wait_for(lock, milliseconds(20));
    }
  }

  httplib::Client& client_;
  const CancelToken& cancel_;
  milliseconds first_byte_;
  milliseconds between_;
  Clock::time_point started_;
  std::atomic<Clock::rep> last_ns_{0};
  std::atomic<bool> got_bytes_{false};
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::string reason_;
  std::thread thread_;
};

}  // namespace

std::string error_message_of(std::string_view body) {
  nlohmann::json value = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  std::string message;
  if (value.is_object()) {
    if (auto error = value.find("error"); error != value.end()) {
      if (error->is_object() && error->contains("message") && (*error)["message"].is_string()) {
        message = (*error)["message"].get<std::string>();
      } else if (error->is_string()) {
        message = error->get<std::string>();
      }
    } else if (auto detail = value.find("detail"); detail != value.end()) {
      message = detail->is_string() ? detail->get<std::string>() : detail->dump();
    }
  }
  if (message.empty()) message = std::string(body);
  if (message.size() > kErrorExcerpt) message.resize(kErrorExcerpt);
  std::replace(message.begin(), message.end(), '\n', ' ');
  return message;
}

RemoteClient::RemoteClient(const RemoteConfig& config)
    : config_(config), endpoint_(http_audio::parse_endpoint_url(config.url)) {}

std::string RemoteClient::describe() const {
  return "remote engine '" + config_.name + "' at " + config_.url;
}

RemoteClient::ProbeResult RemoteClient::get(const std::string& path) const {
  httplib::Client client(endpoint_.origin);
  set_ca(client, config_);
  set_timeouts(client, std::min(config_.connect_timeout, config_.health_timeout),
               config_.health_timeout);
  httplib::Headers headers;
  if (!config_.api_key.empty()) headers.emplace("Authorization", "Bearer " + config_.api_key);
  ProbeResult out;
  auto result = client.Get(endpoint_.path(path), headers);
  if (!result) {
    out.error = httplib::to_string(result.error());
    return out;
  }
  out.reachable = true;
  out.status = result->status;
  out.body = std::move(result->body);
  return out;
}

std::vector<RemoteVoice> RemoteClient::voices_from(const ProbeResult& answer) const {
  try {
    return parse_voice_list(answer.body);
  } catch (const EngineError& e) {
    throw EngineError(describe() + ": GET /v1/audio/voices: " + e.what());
  }
}

RemoteClient::StreamEnd RemoteClient::speak(const std::string& json_body,
                                            const std::function<bool(std::string_view)>& on_bytes,
                                            const CancelToken& cancel) const {
  httplib::Client client(endpoint_.origin);
  set_ca(client, config_);
  // The socket's own limit is only a backstop; StreamWatch enforces the two stream limits.
  set_timeouts(client, config_.connect_timeout,
               std::max(config_.first_byte_timeout, config_.read_timeout) + milliseconds(1000));

  int status = 0;
  std::string error_body;
  bool stopped = false;
  std::size_t received = 0;
  httplib::Request request;
  request.method = "POST";
  request.path = endpoint_.path("/v1/audio/speech");
  request.set_header("Content-Type", "application/json");
  if (!config_.api_key.empty()) request.set_header("Authorization", "Bearer " + config_.api_key);
  request.body = json_body;

  httplib::Result result{nullptr, httplib::Error::Unknown};
  std::string watch_reason;
  {
    StreamWatch watch(client, cancel, config_.first_byte_timeout, config_.read_timeout);
    request.response_handler = [&](const httplib::Response& response) {
      status = response.status;
      return true;
    };
    request.content_receiver = [&](const char* data, std::size_t size, std::uint64_t,
                                   std::uint64_t) {
      if (status != 200) {
        if (error_body.size() < 4096) error_body.append(data, size);
        return true;
      }
      watch.saw_bytes();
      received += size;
      if (!on_bytes(std::string_view(data, size))) {
        stopped = true;
        return false;
      }
      return true;
    };
    result = client.send(request);
    watch_reason = watch.reason();
  }
  if (stopped || cancel.cancelled()) return StreamEnd::kStopped;
  if (!result) {
    std::string why = watch_reason.empty() ? httplib::to_string(result.error()) : watch_reason;
    if (status == 0) throw RemoteUnavailable(describe() + ": POST /v1/audio/speech failed: " + why);
    throw RemoteUnavailable(describe() + ": the stream broke off after " +
                            std::to_string(received) + " bytes: " + why);
  }
  if (status == 200) return StreamEnd::kComplete;
  const std::string message = error_message_of(error_body);
  if (status == 401 || status == 403) {
    throw EngineError(describe() + " rejected chorus's API key (HTTP " + std::to_string(status) +
                      "; check engines.remote api_key): " + message);
  }
  if (status == 400 || status == 404 || status == 422) {
    // The server refused this request (unknown voice, input it will not speak): the client's
    // matter, answered as such rather than counted as the engine failing.
    throw ApiError::invalid(describe() + " refused the request (HTTP " + std::to_string(status) +
                                "): " + message,
                            {}, "remote_rejected");
  }
  throw EngineError(describe() + " answered HTTP " + std::to_string(status) + ": " + message);
}

}  // namespace chorus::remote
