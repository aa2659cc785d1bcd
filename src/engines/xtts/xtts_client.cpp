#include "engines/xtts/xtts_client.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "engines/xtts/xtts_cancel_watch.h"

namespace chorus::xtts {
namespace {

using std::chrono::milliseconds;

constexpr std::size_t kErrorBodyExcerpt = 300;

void set_timeouts(httplib::Client& client, milliseconds connect, milliseconds read) {
  client.set_connection_timeout(std::chrono::duration_cast<std::chrono::microseconds>(connect));
  client.set_read_timeout(std::chrono::duration_cast<std::chrono::microseconds>(read));
  client.set_write_timeout(std::chrono::duration_cast<std::chrono::microseconds>(read));
}

std::string excerpt(std::string_view body) {
  std::string out(body.substr(0, kErrorBodyExcerpt));
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

// Maps a failed request to the exception the pool understands: transport failures mean the
// endpoint is (presumed) down, an answered request with a bad status means it is up.
[[noreturn]] void fail(const std::string& url, const char* what, const httplib::Result& result) {
  if (!result) {
    throw EndpointUnavailable("xtts: " + std::string(what) + " at " + url + " failed: " +
                              httplib::to_string(result.error()));
  }
  throw EngineError("xtts: " + std::string(what) + " at " + url + " answered HTTP " +
                    std::to_string(result->status) + ": " + excerpt(result->body));
}

nlohmann::json parse_body(const std::string& url, const char* what, const std::string& body) {
  nlohmann::json value = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    throw EngineError("xtts: " + std::string(what) + " at " + url + " returned invalid JSON");
  }
  return value;
}

}  // namespace

XttsClient::XttsClient(std::string url, ClientTimeouts timeouts)
    : url_(std::move(url)), endpoint_(http_audio::parse_endpoint_url(url_)), timeouts_(timeouts) {}

std::vector<std::string> XttsClient::languages(milliseconds timeout) const {
  httplib::Client client(endpoint_.origin);
  set_timeouts(client, std::min(timeouts_.connect, timeout), timeout);
  auto result = client.Get(endpoint_.path("/languages"));
  if (!result || result->status != 200) fail(url_, "GET /languages", result);
  nlohmann::json value = parse_body(url_, "GET /languages", result->body);
  std::vector<std::string> codes;
  if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_string()) codes.push_back(item.get<std::string>());
    }
  }
  if (codes.empty()) throw EngineError("xtts: GET /languages at " + url_ + " listed no languages");
  return codes;
}

std::vector<std::pair<std::string, Latents>> XttsClient::studio_speakers() const {
  httplib::Client client(endpoint_.origin);
  set_timeouts(client, timeouts_.connect, timeouts_.slow);
  auto result = client.Get(endpoint_.path("/studio_speakers"));
  if (!result || result->status != 200) fail(url_, "GET /studio_speakers", result);
  nlohmann::json value = parse_body(url_, "GET /studio_speakers", result->body);
  std::vector<std::pair<std::string, Latents>> speakers;
  if (!value.is_object()) return speakers;  // a model without a speaker manager answers {}
  for (const auto& [name, entry] : value.items()) {
    try {
      speakers.emplace_back(name, latents_from_json(entry));
    } catch (const EngineError& error) {
      spdlog::warn("xtts: studio speaker '{}' at {} skipped: {}", name, url_, error.what());
    }
  }
  return speakers;
}

Latents XttsClient::clone_speaker(const std::string& wav) const {
  httplib::Client client(endpoint_.origin);
  set_timeouts(client, timeouts_.connect, timeouts_.slow);
  httplib::MultipartFormDataItems items{{"wav_file", wav, "reference.wav", "audio/wav"}};
  auto result = client.Post(endpoint_.path("/clone_speaker"), items);
  if (!result || result->status != 200) fail(url_, "POST /clone_speaker", result);
  return latents_from_json(parse_body(url_, "POST /clone_speaker", result->body));
}

XttsClient::StreamEnd XttsClient::tts_stream(const std::string& json_body,
                                             const std::function<bool(std::string_view)>& on_bytes,
                                             const CancelToken& cancel) const {
  httplib::Client client(endpoint_.origin);
  set_timeouts(client, timeouts_.connect, timeouts_.read);

  int status = 0;
  std::string error_body;
  bool stopped = false;
  std::size_t received = 0;
  httplib::Request request;
  request.method = "POST";
  request.path = endpoint_.path("/tts_stream");
  request.set_header("Content-Type", "application/json");
  request.set_header("Accept", "audio/wav");
  request.body = json_body;
  request.response_handler = [&](const httplib::Response& response) {
    status = response.status;
    return true;
  };
  request.content_receiver = [&](const char* data, std::size_t size, std::uint64_t, std::uint64_t) {
    if (status != 200) {
      // Keep the start of an error body for the message; the audio path never sees it.
      if (error_body.size() < kErrorBodyExcerpt) error_body.append(data, size);
      return true;
    }
    received += size;
    if (!on_bytes(std::string_view(data, size))) {
      stopped = true;
      return false;
    }
    return true;
  };

  httplib::Result result{nullptr, httplib::Error::Unknown};
  {
    // Closing the socket from the watcher unblocks a read that is waiting for the next piece.
    CancelWatch watch(cancel, [&client] { client.stop(); });
    result = client.send(request);
  }
  if (stopped || cancel.cancelled()) return StreamEnd::kStopped;
  if (!result) {
    const std::string reason = httplib::to_string(result.error());
    if (status == 0) {
      throw EndpointUnavailable("xtts: POST /tts_stream at " + url_ + " failed: " + reason);
    }
    throw EndpointUnavailable("xtts: stream from " + url_ + " broke off after " +
                              std::to_string(received) + " bytes (" + reason +
                              "; closed or stalled longer than the read timeout)");
  }
  if (status != 200) {
    throw EngineError("xtts: POST /tts_stream at " + url_ + " answered HTTP " +
                      std::to_string(status) + ": " + excerpt(error_body));
  }
  return StreamEnd::kComplete;
}

}  // namespace chorus::xtts
