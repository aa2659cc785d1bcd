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
};

HttpResult speak(int port, const std::string& text, const std::string& format) {
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
  request.body = body;
  request.content_receiver = [&](const char*, std::size_t length, uint64_t, uint64_t) {
    if (result.bytes == 0) result.first_byte = seconds_since(start);
    result.bytes += length;
    return true;
  };
  auto response = client.send(request);
  result.total = seconds_since(start);
  if (!response || response->status != 200) {
    std::fprintf(stderr, "request failed\n");
    std::exit(1);
  }
  return result;
}

int discard_audio(short*, int, espeak_EVENT*) { return 0; }

double bare_espeak_seconds(const std::string& text) {
  static bool initialized = false;
  if (!initialized) {
    espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, nullptr, 0);
    espeak_SetSynthCallback(discard_audio);
    initialized = true;
  }
  espeak_SetVoiceByName("en-us");
  espeak_SetParameter(espeakRATE, 175, 0);
  auto start = Clock::now();
  espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr,
               nullptr);
  return seconds_since(start);
}

double requests_per_second(int port, int clients, double seconds) {
  std::atomic<long> done{0};
  std::vector<std::thread> threads;
  auto start = Clock::now();
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&] {
      while (seconds_since(start) < seconds) {
        speak(port, "Hello, this is a short sentence.", "wav");
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
  bool kokoro_only = false;  // --kokoro-only: skip the built-in engine part
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--chorus-binary") == 0 && i + 1 < argc) binary = argv[i + 1];
    if (std::strcmp(argv[i], "--kokoro-only") == 0) kokoro_only = true;
  }
  if (kokoro_only) {
    chorus::bench::run_kokoro_bench(binary);
    return 0;
  }
  const int runs = 5;
  const std::string text = long_english_text(2000);
  chorus::bench::ServerProcess server(binary);

  std::printf("chorus benchmark: built-in engine (espeak-ng), %zu-character English text, "
              "median of %d runs\n\n",
              text.size(), runs);
  speak(server.port(), text, "wav");  // warm-up: voice data loaded, caches filled

  std::vector<double> ttfb_wav, ttfb_mp3, total_wav, total_mp3, bare;
  std::size_t wav_bytes = 0;
  for (int i = 0; i < runs; ++i) {
    auto wav = speak(server.port(), text, "wav");
    auto mp3 = speak(server.port(), text, "mp3");
    ttfb_wav.push_back(wav.first_byte);
    total_wav.push_back(wav.total);
    ttfb_mp3.push_back(mp3.first_byte);
    total_mp3.push_back(mp3.total);
    wav_bytes = wav.bytes;
    bare.push_back(bare_espeak_seconds(text));
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
  std::printf("%-44s %9.1f ms\n", "bare espeak-ng library, same text", median(bare) * 1000);
  std::printf("%-44s %9.2fx\n", "chorus wav / bare library", median(total_wav) / median(bare));
  std::printf("%-44s %9.2fx\n", "chorus mp3 / bare library", median(total_mp3) / median(bare));
  std::printf("%-44s %10.1f\n", "requests/s, short text, 1 client",
              requests_per_second(server.port(), 1, 5.0));
  std::printf("%-44s %10.1f\n", "requests/s, short text, 4 clients",
              requests_per_second(server.port(), 4, 5.0));
  std::printf("%-44s %9.1f MiB\n", "server peak RSS", server.peak_rss_mib());
  chorus::bench::run_kokoro_bench(binary);
  return 0;
}
