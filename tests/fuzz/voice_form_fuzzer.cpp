// Fuzz target: what the server runs on an untrusted multipart upload before the audio is
// decoded - cpp-httplib's request and multipart/form-data parsing and our field handling for
// POST /v1/audio/voices and POST /v1/audio/clone (read_voice_form / read_clone_form). The
// uploaded file itself is fuzzed by audio_decode: decoding it here would make every execution
// a full FFmpeg probe and decode (about 10 a second instead of thousands). The first input byte
// picks the route, the rest is the multipart body sent under a fixed boundary. Any exception
// other than a 4xx ApiError, or a form that breaks its own limits, is a failure.
//
// Debian's cpp-httplib is a prebuilt shared library: it runs here but is not instrumented, so
// coverage guidance and the sanitizers' bounds checks cover our code only.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/api_error.h"
#include "server/voice_form.h"
#include "text/utf8.h"

namespace {

using namespace chorus;

void check(bool ok) {
  if (!ok) std::abort();
}

// Serves one request from memory and throws the response away.
class MemoryStream : public httplib::Stream {
 public:
  explicit MemoryStream(const std::string& request) : request_(request) {}
  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, std::size_t size) override {
    const std::size_t n = std::min(size, request_.size() - offset_);
    std::memcpy(ptr, request_.data() + offset_, n);
    offset_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char*, std::size_t size) override { return static_cast<ssize_t>(size); }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 40000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8880;
  }
  socket_t socket() const override { return 0; }

 private:
  const std::string& request_;
  std::size_t offset_ = 0;
};

template <typename Handler>
httplib::Server::Handler guarded(Handler handler) {
  return [handler](const httplib::Request& req, httplib::Response& res) {
    try {
      handler(req);
      res.status = 200;
    } catch (const ApiError& error) {
      check(error.status() >= 400 && error.status() < 500);
      res.status = error.status();
    }
  };
}

class FuzzServer : public httplib::Server {
 public:
  FuzzServer() {
    Post("/v1/audio/voices", guarded([](const httplib::Request& req) {
           const VoiceForm form = read_voice_form(req);
           check(!form.name.empty() && is_valid_utf8(form.name));
           check(utf8_length(form.name) <= kMaxVoiceNameChars);
           check(utf8_length(form.consent) <= kMaxConsentChars);
         }));
    Post("/v1/audio/clone", guarded([](const httplib::Request& req) {
           const CloneForm form = read_clone_form(req, 4096);
           check(!form.text.empty() && is_valid_utf8(form.text));
           check(utf8_length(form.text) <= 4096);
         }));
  }
  void serve(const std::string& request) {
    MemoryStream stream(request);
    bool closed = false;
    process_request(stream, /*close_connection=*/true, closed, nullptr);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static FuzzServer server;
  const char* path = (data[0] & 1) ? "/v1/audio/clone" : "/v1/audio/voices";
  const std::string content_type = (data[0] & 2) ? "multipart/form-data; boundary=\"chorus-fuzz\""
                                                 : "multipart/form-data; boundary=chorus-fuzz";
  const std::string body(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string request = std::string("POST ") + path + " HTTP/1.1\r\nHost: localhost\r\n" +
                        "Content-Type: " + content_type + "\r\n" +
                        "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  server.serve(request);
  return 0;
}
