// make bench: end-to-end figures of the built-in engine over HTTP, against the bare espeak-ng
// library on the same text. Ratios are measured within one run; absolute times vary by machine.
#include <espeak-ng/speak_lib.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "bench_server.h"
#include "core/av_error.h"
#include "codec/encoder.h"
#include "edge_bench.h"
#include "kokoro_bench.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

std::string long_english_text(std::size_t chars) {
  const std::string paragraph =
      "The old lighthouse keeper climbed the spiral stairs every evening, counting the steps "
      "as his father had taught him. Outside, the sea was restless, and the wind carried the "
      "smell of salt and rain across the rocks. He lit the great lamp, checked the clockwork "
      "that turned it, and sat down with a cup of tea to watch the ships pass in the dark. ";
  std::string text;
  while (text.size() < chars) text += paragraph;
  text.resize(chars);
  return text.substr(0, text.rfind(' ')) + ".";
}

struct HttpResult {
  double first_byte = 0;
  double total = 0;
  std::size_t bytes = 0;
  std::string voice;  // X-Chorus-Voice: what served the request
  std::string body;   // kept only when asked for
};

// Synthesis is measured unless `use_cache`: then a repeated request is a result cache hit.
HttpResult speak(int port, const std::string& text, const std::string& format,
                 bool use_cache = false, bool keep_body = false) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(300, 0);
  std::string body = "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"response_format\":\"" + format +
                     "\",\"input\":\"" + text + "\"}";
  HttpResult result;
  auto start = Clock::now();
  httplib::Request request;
  request.method = "POST";
  request.path = "/v1/audio/speech";
  request.headers = {{"Content-Type", "application/json"}};
  if (!use_cache) request.headers.emplace("Cache-Control", "no-store");
  request.body = body;
  request.content_receiver = [&](const char* data, std::size_t length, uint64_t, uint64_t) {
    if (result.bytes == 0) result.first_byte = seconds_since(start);
    result.bytes += length;
    if (keep_body) result.body.append(data, length);
    return true;
  };
  auto response = client.send(request);
  result.total = seconds_since(start);
  if (!response || response->status != 200) {
    std::fprintf(stderr, "request failed\n");
    std::exit(1);
  }
  result.voice = response->get_header_value("X-Chorus-Voice");
  return result;
}

int discard_audio(short*, int, espeak_EVENT*) { return 0; }

// The voice chorus served ("espeak:en-us+f2") names the same espeak-ng voice and variant, so
// both sides synthesize identical work: variants differ in cost (breathiness adds noise).
std::string espeak_name_of(const std::string& chorus_voice) {
  const std::string prefix = "espeak:";
  if (chorus_voice.rfind(prefix, 0) != 0) {
    std::fprintf(stderr, "expected an espeak voice, got '%s'\n", chorus_voice.c_str());
    std::exit(1);
  }
  return chorus_voice.substr(prefix.size());
}

double bare_espeak_seconds(const std::string& text, const std::string& voice) {
  static bool initialized = false;
  if (!initialized) {
    espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, nullptr, 0);
    espeak_SetSynthCallback(discard_audio);
    initialized = true;
  }
  if (espeak_SetVoiceByName(voice.c_str()) != EE_OK) {
    std::fprintf(stderr, "espeak-ng has no voice '%s'\n", voice.c_str());
    std::exit(1);
  }
  espeak_SetParameter(espeakRATE, 175, 0);
  auto start = Clock::now();
  espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr,
               nullptr);
  return seconds_since(start);
}

// MP3 encoding alone (FFmpeg's libmp3lame, as chorus uses it) of the PCM chorus produced.
double bare_mp3_seconds(const std::string& wav) {
  const std::size_t header = 44;
  std::vector<int16_t> pcm((wav.size() - header) / 2);
  std::memcpy(pcm.data(), wav.data() + header, pcm.size() * 2);
  std::size_t bytes = 0;
  auto start = Clock::now();
  auto encoder = chorus::make_encoder(chorus::AudioFormat::kMp3, 24000,
                                      [&](std::string_view out) { bytes += out.size(); });
  encoder->write(pcm);
  encoder->finish();
  double spent = seconds_since(start);
  if (bytes == 0) {
    std::fprintf(stderr, "MP3 encoder produced nothing\n");
    std::exit(1);
  }
  return spent;
}

double requests_per_second(int port, int clients, double seconds, bool use_cache = false) {
  std::atomic<long> done{0};
  std::vector<std::thread> threads;
  auto start = Clock::now();
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&] {
      while (seconds_since(start) < seconds) {
        speak(port, "Hello, this is a short sentence.", "wav", use_cache);
        ++done;
      }
    });
  }
  for (auto& t : threads) t.join();
  return static_cast<double>(done.load()) / seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  std::string binary = "build/chorus";
  bool kokoro_only = false;   // --kokoro-only: skip the built-in engine part
  bool builtin_only = false;  // --builtin-only: skip the Kokoro part
  bool edge_only = false;     // --edge-only: only the HTTP edge part
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--chorus-binary") == 0 && i + 1 < argc) binary = argv[i + 1];
    if (std::strcmp(argv[i], "--kokoro-only") == 0) kokoro_only = true;
    if (std::strcmp(argv[i], "--builtin-only") == 0) builtin_only = true;
    if (std::strcmp(argv[i], "--edge-only") == 0) edge_only = true;
  }
  if (edge_only) {
    chorus::bench::ServerProcess server(binary);
    chorus::bench::run_edge_bench(server.port());
    return 0;
  }
  if (kokoro_only) {
    chorus::bench::run_kokoro_bench(binary);
    return 0;
  }
  const int runs = 15;
  chorus::quiet_ffmpeg_logging();  // as the server does: LAME's flush notices are not errors
  const std::string text = long_english_text(2000);
  chorus::bench::ServerProcess server(binary);

  std::printf("chorus benchmark: built-in engine (espeak-ng), %zu-character English text, "
              "median of %d runs\n\n",
              text.size(), runs);
  // Warm-up: voice data loaded, caches filled; its audio feeds the MP3-alone measure.
  const HttpResult warm = speak(server.port(), text, "wav", false, true);
  const std::string voice = espeak_name_of(warm.voice);

  // This machine's speed drifts by tens of percent over seconds (shared host): each chorus run is
  // paired with the bare run right before it, and the median of those per-pair ratios is reported
  // beside the ratio of the medians.
  std::vector<double> ttfb_wav, ttfb_mp3, total_wav, total_mp3, bare, bare_mp3, pair_ratios;
  std::size_t wav_bytes = 0;
  for (int i = 0; i < runs; ++i) {
    bare.push_back(bare_espeak_seconds(text, voice));
    auto wav = speak(server.port(), text, "wav");
    pair_ratios.push_back(wav.total / bare.back());
    auto mp3 = speak(server.port(), text, "mp3");
    bare_mp3.push_back(bare_mp3_seconds(warm.body));
    ttfb_wav.push_back(wav.first_byte);
    total_wav.push_back(wav.total);
    ttfb_mp3.push_back(mp3.first_byte);
    total_mp3.push_back(mp3.total);
    wav_bytes = wav.bytes;
  }
  double audio_seconds = static_cast<double>(wav_bytes - 44) / 2 / 24000;
  std::printf("%-44s %10s\n", "measure", "value");
  std::printf("%-44s %9.1f ms\n", "time to first byte, wav", median(ttfb_wav) * 1000);
  std::printf("%-44s %9.1f ms\n", "time to first byte, mp3", median(ttfb_mp3) * 1000);
  std::printf("%-44s %9.1f ms\n", "total time, wav", median(total_wav) * 1000);
  std::printf("%-44s %9.1f ms\n", "total time, mp3", median(total_mp3) * 1000);
  std::printf("%-44s %9.1f s\n", "audio produced", audio_seconds);
  std::printf("%-44s %10.4f\n", "real-time factor, wav (time / audio)",
              median(total_wav) / audio_seconds);
  std::printf("%-44s %9.1f ms\n", ("bare espeak-ng library, voice " + voice).c_str(),
              median(bare) * 1000);
  std::printf("%-44s %9.2fx\n", "chorus wav / bare library (of medians)",
              median(total_wav) / median(bare));
  std::printf("%-44s %9.2fx\n", "chorus wav / bare library (per-pair median)",
              median(pair_ratios));
  std::printf("%-44s %9.1f ms\n", "MP3 encoding alone of that audio", median(bare_mp3) * 1000);
  std::printf("%-44s %9.2fx\n", "chorus mp3 / bare library", median(total_mp3) / median(bare));
  std::printf("%-44s %9.2fx\n", "chorus mp3 / (bare library + MP3 alone)",
              median(total_mp3) / (median(bare) + median(bare_mp3)));
  std::printf("%-44s %10.1f\n", "requests/s, short text, 1 client",
              requests_per_second(server.port(), 1, 5.0));
  std::printf("%-44s %10.1f\n", "requests/s, short text, 4 clients",
              requests_per_second(server.port(), 4, 5.0));
  // The result cache: the same short text synthesized (miss) and replayed (hit).
  const std::string phrase = long_english_text(300);
  std::vector<double> miss_total, hit_total;
  for (int i = 0; i < runs; ++i) {
    miss_total.push_back(speak(server.port(), phrase, "mp3").total);
    speak(server.port(), phrase + " " + std::to_string(i), "mp3", true);  // stored
    hit_total.push_back(speak(server.port(), phrase + " " + std::to_string(i), "mp3", true).total);
  }
  std::printf("%-44s %9.1f ms\n", "300 characters mp3, synthesized", median(miss_total) * 1000);
  std::printf("%-44s %9.1f ms\n", "300 characters mp3, cache hit", median(hit_total) * 1000);
  std::printf("%-44s %10.1f\n", "requests/s, short text, cache hits, 4 clients",
              requests_per_second(server.port(), 4, 5.0, true));
  std::printf("%-44s %9.1f MiB\n", "server peak RSS", server.peak_rss_mib());
  chorus::bench::run_edge_bench(server.port());
  if (!builtin_only) chorus::bench::run_kokoro_bench(binary);
  return 0;
}
