#include "server/timestamps_response.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "codec/base64.h"
#include "core/metrics.h"
#include "pipeline/word_timestamps.h"
#include "server/speech_response.h"

namespace chorus {
namespace {

nlohmann::json timestamps_json(const SpeechStream& speech) {
  auto round_ms = [](double seconds) { return std::round(seconds * 1000.0) / 1000.0; };
  nlohmann::json words = nlohmann::json::array();
  for (const auto& w : word_timestamps(speech.plan(), speech.word_times())) {
    words.push_back({{"word", w.word}, {"start_time", round_ms(w.start)}, {"end_time", round_ms(w.end)}});
  }
  return words;
}

}  // namespace

std::string timestamps_sse_event(const SpeechStream& speech) {
  const nlohmann::json event{{"type", "speech.audio.timestamps"}, {"timestamps", timestamps_json(speech)}};
  return "data: " + event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n";
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
  const nlohmann::json body{{"audio", base64_encode(audio)},
                            {"audio_format", format_name(request.format)},
                            {"duration", speech.audio_seconds()},
                            {"language", speech.plan().language},
                            {"timestamps", timestamps_json(speech)}};
  set_speech_headers(res, request, speech.plan());
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

}  // namespace chorus
