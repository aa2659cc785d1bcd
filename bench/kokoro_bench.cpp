// make bench, Kokoro part. The real weights are not needed: tests/fixtures/kokoro/make_test_model.py
// --heavy writes a graph with the real export's signature whose Run costs what the real model's
// published CPU figure gives per token (see the generator). chorus's end-to-end time over HTTP is
// compared with the sum of bare ONNX Runtime Runs over the very batches chorus feeds the model
// (same chunking, phonemes, style rows and speed), so the difference is what chorus adds: text
// analysis, the G2P it could not overlap with the model, trimming, encoding and HTTP. RSS over
// 1,000 requests uses a light graph (--heavy=1) so the loop takes seconds, not an hour.
#include "kokoro_bench.h"

#include <cstdio>

#ifndef CHORUS_HAVE_KOKORO

namespace chorus::bench {
void run_kokoro_bench(const std::string&) {
  std::printf("\nKokoro engine: skipped (this build has no ONNX Runtime; see scripts/install-deps.sh)\n");
}
}  // namespace chorus::bench

#else

#include <httplib.h>
#include <onnxruntime_cxx_api.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "bench_server.h"
#include "engines/kokoro/kokoro_batching.h"
#include "engines/kokoro/kokoro_espeak_ipa.h"
#include "engines/kokoro/kokoro_model_files.h"
#include "engines/kokoro/kokoro_phonemizer.h"
#include "engines/kokoro/kokoro_vocab.h"
#include "engines/kokoro/kokoro_voices.h"
#include "router/router.h"
#include "text/text_analysis.h"

namespace chorus::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kVoice = "af_heart";
constexpr double kSampleRate = 24000;

double elapsed(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// Plain prose without digits or abbreviations, so normalization leaves it as written and the
// bare path below sees the same words as the server.
std::string prose(std::size_t chars) {
  const std::string paragraph =
      "The ferry left the harbour a little after dawn, and the gulls followed it out past the "
      "breakwater, crying over the wake. On the upper deck a girl with a red scarf held her "
      "grandfather's hand and asked him where the islands were; he pointed, patiently, to a grey "
      "line where the sea met the sky. Nobody else was awake yet. ";
  std::string text;
  while (text.size() < chars) text += paragraph;
  text.resize(chars);
  return text.substr(0, text.rfind(' ')) + ".";
}

struct Timing {
  double first_byte = 0;
  double total = 0;
  std::size_t bytes = 0;
};

// POST /v1/audio/speech, raw 24 kHz s16le PCM so the byte count is the sample count.
Timing post_speech(int port, const std::string& text) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(600, 0);
  nlohmann::json body = {{"model", "tts-1"}, {"voice", kVoice}, {"response_format", "pcm"}, {"input", text}};
  Timing timing;
  httplib::Request request;
  request.method = "POST";
  request.path = "/v1/audio/speech";
  // Synthesis is measured: the result cache is left out.
  request.headers = {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}};
  request.body = body.dump();
  const auto start = Clock::now();
  request.content_receiver = [&](const char*, std::size_t length, uint64_t, uint64_t) {
    if (timing.bytes == 0) timing.first_byte = elapsed(start);
    timing.bytes += length;
    return true;
  };
  auto response = client.send(request);
  timing.total = elapsed(start);
  if (!response || response->status != 200) {
    throw std::runtime_error("speech request failed" +
                             (response ? ": HTTP " + std::to_string(response->status) : std::string()));
  }
  return timing;
}

std::string get(int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  auto response = client.Get(path);
  return response && response->status == 200 ? response->body : std::string();
}

// The model inputs chorus builds for one text, batch by batch: the router's chunking (same
// first-chunk and engine chunk limits as the defaults), espeak-ng G2P, the 510-token split, the
// style row for each batch length.
struct ModelInput {
  std::vector<std::int64_t> ids;  // with both pads
  std::vector<float> style;
};

std::vector<ModelInput> model_inputs(const std::string& text, const kokoro::VoiceTable& voices) {
  static const kokoro::Phonemizer phonemizer(kokoro::make_espeak_ipa(""));
  const auto language = kokoro::find_phonemizer_language("en-us");
  const auto vocab = kokoro::Vocabulary::v1();
  AnalyzeOptions options;
  options.fallback_language = "en-us";
  options.chunk_options.first_chunk_max_chars = RouterConfig{}.first_chunk_chars;
  options.chunk_options.max_chars = 400;  // KokoroEngine's EngineInfo::max_chunk_chars
  std::vector<ModelInput> inputs;
  const kokoro::VoiceBlend voice{{{kVoice, 1.0f}}};
  for (const auto& chunk : analyze_text(text, "en-us", options).chunks) {
    for (const auto& batch : kokoro::split_batches(phonemizer.phonemize(chunk.text, *language), vocab)) {
      ModelInput input;
      input.ids.push_back(kokoro::kPadId);
      input.ids.insert(input.ids.end(), batch.ids.begin(), batch.ids.end());
      input.ids.push_back(kokoro::kPadId);
      input.style = voices.style(voice, voices.row_for(batch.ids.size()));
      inputs.push_back(std::move(input));
    }
  }
  return inputs;
}

// ONNX Runtime alone, with the session options chorus uses (all cores, one inter-op thread,
// sequential execution, full graph optimization, no memory pattern, the CPU arena). Returns the seconds spent in Run and the samples out.
class BareSession {
 public:
  explicit BareSession(const std::string& model_path) : env_(ORT_LOGGING_LEVEL_WARNING, "kokoro-bench") {
    Ort::SessionOptions options;
    options.SetIntraOpNumThreads(0);
    options.SetInterOpNumThreads(1);
    options.SetExecutionMode(ExecutionMode::ORT_SEQUENTIAL);
    options.SetGraphOptimizationLevel(GraphOptimizationLevel::ORT_ENABLE_ALL);
    options.DisableMemPattern();
    options.EnableCpuMemArena();
    session_ = std::make_unique<Ort::Session>(env_, model_path.c_str(), options);
  }

  std::pair<double, std::size_t> run(const std::vector<ModelInput>& inputs) {
    const auto memory = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
    // The heavy stand-in has the taylorchu export's signature: tokens int64 [1,n], style
    // float [1,256], speed float [1] -> audio float [n].
    const std::array<const char*, 3> input_names{"tokens", "style", "speed"};
    const std::array<const char*, 1> output_names{"audio"};
    double seconds = 0;
    std::size_t samples = 0;
    float speed = 1.0f;
    const std::array<int64_t, 1> speed_shape{1};
    const std::array<int64_t, 2> style_shape{1, 256};
    for (const auto& input : inputs) {
      const std::array<int64_t, 2> ids_shape{1, static_cast<int64_t>(input.ids.size())};
      std::array<Ort::Value, 3> values{
          Ort::Value::CreateTensor<int64_t>(memory, const_cast<int64_t*>(input.ids.data()), input.ids.size(),
                                            ids_shape.data(), ids_shape.size()),
          Ort::Value::CreateTensor<float>(memory, const_cast<float*>(input.style.data()), input.style.size(),
                                          style_shape.data(), style_shape.size()),
          Ort::Value::CreateTensor<float>(memory, &speed, 1, speed_shape.data(), speed_shape.size())};
      const auto start = Clock::now();
      auto outputs = session_->Run(Ort::RunOptions{nullptr}, input_names.data(), values.data(), values.size(),
                                   output_names.data(), output_names.size());
      seconds += elapsed(start);
      samples += outputs[0].GetTensorTypeAndShapeInfo().GetElementCount();
    }
    return {seconds, samples};
  }

 private:
  Ort::Env env_;
  std::unique_ptr<Ort::Session> session_;
};

void row(const char* label, double value, const char* unit) { std::printf("%-52s %10.1f %s\n", label, value, unit); }

bool python_onnx_available() { return std::system("/usr/bin/python3 -c 'import onnx' >/dev/null 2>&1") == 0; }

std::string models_home() {
  const char* home = std::getenv("HOME");
  return std::string(home ? home : "") + "/.local/share/chorus/models";
}

double load_average() {
  double load[1] = {0};
  return getloadavg(load, 1) == 1 ? load[0] : -1;
}

void check_loaded(int port) {
  if (get(port, "/health").find("kokoro") == std::string::npos) {
    throw std::runtime_error("chorus did not load the generated Kokoro graph");
  }
}

// The calibrated graph: chorus against bare Runs, and time to first audio byte.
void calibrated_figures(const std::string& binary, const std::string& models_dir) {
  const auto files = kokoro::find_kokoro_files(models_dir);
  if (!files) throw std::runtime_error("the generated graph is not where expected: " + models_dir);
  ServerProcess server(binary, "--models-dir '" + models_dir + "'");
  check_loaded(server.port());
  const auto voices = kokoro::VoiceTable::load(files->voices);
  BareSession bare(files->model);

  const int runs = 5;
  const std::string text = prose(200);  // the length of the published figure's text (196)
  const auto inputs = model_inputs(text, voices);
  std::size_t tokens = 0;
  for (const auto& input : inputs) tokens += input.ids.size() - 2;
  post_speech(server.port(), text);  // warm-up: espeak data, first-Run allocations
  bare.run(inputs);

  const double load_before = load_average();
  // Interleaved, so both sides see the same load on a shared machine.
  std::vector<double> chorus_total, bare_total, ratios;
  std::size_t chorus_samples = 0, bare_samples = 0;
  for (int i = 0; i < runs; ++i) {
    const auto timing = post_speech(server.port(), text);
    chorus_total.push_back(timing.total);
    chorus_samples = timing.bytes / 2;
    const auto [seconds, samples] = bare.run(inputs);
    bare_total.push_back(seconds);
    bare_samples = samples;
    ratios.push_back(timing.total / seconds);
  }
  const double chorus_s = median_of(chorus_total), bare_s = median_of(bare_total);

  // Time to first audio byte on a long text; one run, as it takes about a minute.
  const auto long_timing = post_speech(server.port(), prose(2000));
  const double load_after = load_average();

  std::printf("calibrated graph: %s (taylorchu signature, %zu-byte file), voice %s\n\n", files->model.c_str(),
              static_cast<std::size_t>(std::filesystem::file_size(files->model)), kVoice);
  std::printf("%-52s %10s\n", "measure", "value");
  std::printf("%-52s %10.2f / %.2f\n", "load average (1 min) before / after", load_before, load_after);
  std::printf("%-52s %10zu chars, %zu batches, %zu tokens\n", "text for the comparison", text.size(), inputs.size(),
              tokens);
  row("bare ONNX Runtime Run per token, median", bare_s * 1000 / static_cast<double>(tokens), "ms");
  row("chorus end to end over HTTP (pcm), median", chorus_s * 1000, "ms");
  row("bare ONNX Runtime Run, same batches summed, median", bare_s * 1000, "ms");
  row("chorus overhead (ratio of the medians)", (chorus_s / bare_s - 1) * 100, "%");
  row("chorus overhead (median of per-pair ratios)", (median_of(ratios) - 1) * 100, "%");
  std::printf("%-52s %10zu / %zu\n", "samples out: chorus (trimmed) / bare Run", chorus_samples, bare_samples);
  row("2,000-char text: time to first audio byte", long_timing.first_byte * 1000, "ms");
  row("2,000-char text: total", long_timing.total * 1000, "ms");
  row("2,000-char text: audio produced", static_cast<double>(long_timing.bytes / 2) / kSampleRate, "s");
  row("server peak RSS", server.peak_rss_mib(), "MiB");
}

// The light graph: RSS over 1,000 requests (flat means no leak per request).
void rss_figures(const std::string& binary, const std::string& models_dir) {
  ServerProcess server(binary, "--models-dir '" + models_dir + "'");
  check_loaded(server.port());
  const double rss_start = server.rss_mib();
  post_speech(server.port(), prose(600));  // warm-up
  const double rss_warm = server.rss_mib();
  post_speech(server.port(), prose(2000));
  const double rss_long = server.rss_mib();
  std::array<double, 4> rss_after{};
  const auto short_start = Clock::now();
  for (int i = 1; i <= 1000; ++i) {
    post_speech(server.port(), "Hello, this is a short sentence.");
    if (i % 250 == 0) rss_after[static_cast<std::size_t>(i / 250 - 1)] = server.rss_mib();
  }
  const double short_seconds = elapsed(short_start);
  std::printf("\nlight graph (--heavy=1, %zu-byte file), 1,000 short requests\n\n",
              static_cast<std::size_t>(std::filesystem::file_size(kokoro::find_kokoro_files(models_dir)->model)));
  row("1,000 short requests, one client: mean latency", short_seconds * 1000 / 1000, "ms");
  row("server RSS at start", rss_start, "MiB");
  row("server RSS after warm-up", rss_warm, "MiB");
  row("server RSS after a 2,000-char request", rss_long, "MiB");
  for (std::size_t i = 0; i < rss_after.size(); ++i) {
    const std::string label = "server RSS after " + std::to_string((i + 1) * 250) + " short requests";
    row(label.c_str(), rss_after[i], "MiB");
  }
  row("server peak RSS", server.peak_rss_mib(), "MiB");
}

// Real-time factor with the real Kokoro files in the default models directory.
void real_model_figures(const std::string& binary) {
  const std::string dir = models_home();
  const auto files = kokoro::find_kokoro_files(dir);
  if (!files) {
    std::printf("\nreal model: not present in %s/kokoro/ (`chorus models pull kokoro`), no RTF measured\n",
                dir.c_str());
    return;
  }
  ServerProcess server(binary, "--models-dir '" + dir + "'");
  const std::string text = prose(2000);
  post_speech(server.port(), text);
  std::vector<double> total, ttfb;
  std::size_t samples = 0;
  for (int i = 0; i < 3; ++i) {
    const auto timing = post_speech(server.port(), text);
    total.push_back(timing.total);
    ttfb.push_back(timing.first_byte);
    samples = timing.bytes / 2;
  }
  const double audio = static_cast<double>(samples) / kSampleRate;
  std::printf("\nreal model: %s\n", kokoro::model_version(files->model).c_str());
  row("2,000-char text: time to first audio byte, median", median_of(ttfb) * 1000, "ms");
  row("2,000-char text: total, median", median_of(total) * 1000, "ms");
  row("audio produced", audio, "s");
  std::printf("%-52s %10.3f\n", "real-time factor (time / audio)", median_of(total) / audio);
}

}  // namespace

void run_kokoro_bench(const std::string& chorus_binary) {
  std::printf("\nKokoro engine\n\n");
  if (!python_onnx_available()) {
    std::printf("stand-in graph: skipped (python3-onnx is missing: apt-get install python3-onnx)\n");
  } else {
    char dir_template[] = "/tmp/chorus-kokoro-bench-XXXXXX";
    const char* dir = mkdtemp(dir_template);
    if (!dir) throw std::runtime_error("mkdtemp failed");
    const std::string calibrated = std::string(dir) + "/calibrated", light = std::string(dir) + "/light";
    auto generate = [](const std::string& flag, const std::string& out) {
      const std::string command = "/usr/bin/python3 '" CHORUS_KOKORO_GENERATOR "' " + flag + " '" + out + "'";
      if (std::system(command.c_str()) != 0) throw std::runtime_error("generating the graph failed: " + command);
    };
    try {
      generate("--heavy", calibrated);
      calibrated_figures(chorus_binary, calibrated);
      generate("--heavy=1", light);
      rss_figures(chorus_binary, light);
    } catch (...) {
      std::filesystem::remove_all(dir);
      throw;
    }
    std::filesystem::remove_all(dir);
  }
  real_model_figures(chorus_binary);
}

}  // namespace chorus::bench

#endif
