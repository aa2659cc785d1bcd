#include "server/timestamps_response.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "codec/base64.h"
#include "core/metrics.h"
#include "pipeline/word_timestamps.h"
#include "server/speech_response.h"

namespace chorus {
namespace {

// The timestamps array written straight into `out`: one small JSON value per word at a time,
// never a document of every word next to the text it becomes.
void append_timestamps(std::string& out, const SpeechStream& speech) {
  auto round_ms = [](double seconds) { return std::round(seconds * 1000.0) / 1000.0; };
  out += '[';
  bool first = true;
  for (const auto& w : word_timestamps(speech.plan(), speech.word_times())) {
    if (!first) out += ',';
    first = false;
    out += nlohmann::json{{"word", w.word}, {"start_time", round_ms(w.start)}, {"end_time", round_ms(w.end)}}
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  out += ']';
}

std::string json_string(const std::string& value) {
  return nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string timestamps_sse_event(const SpeechStream& speech) {
  std::string event = R"(data: {"type":"speech.audio.timestamps","timestamps":)";
  append_timestamps(event, speech);
  return event + "}\n\n";
}

void send_timestamps_response(httplib::Response& res, const SpeechRequest& request, StartedSpeech started,
                              std::chrono::steady_clock::time_point received) {
  SpeechStream& speech = *started.stream;
  std::string audio = std::move(started.first_bytes);
  if (!started.complete) {
    std::string bytes;
    while (speech.next(bytes)) audio += bytes;
  }
  const std::string engine = speech.plan().engine->info().name;
  Metrics::instance().first_byte(engine, std::string(format_name(request.format)),
                                 std::chrono::duration<double>(std::chrono::steady_clock::now() - received).count());
  Metrics::instance().audio_produced(engine, speech.audio_seconds(), speech.synthesis_seconds());
  // Written by hand rather than as one JSON document: the audio is encoded once, straight into
  // the body, and the raw audio is released before the words are added.
  std::string body = R"({"audio":")";
  body += base64_encode(audio);
  std::string().swap(audio);
  body += R"(","audio_format":)" + json_string(std::string(format_name(request.format)));
  body += R"(,"duration":)" + nlohmann::json(speech.audio_seconds()).dump();
  body += R"(,"language":)" + json_string(speech.plan().language);
  body += R"(,"timestamps":)";
  append_timestamps(body, speech);
  body += '}';
  set_speech_headers(res, request, speech.plan());
  res.body = std::move(body);  // set_content() would copy it
  res.set_header("Content-Type", "application/json");
}

}  // namespace chorus
