// chorus say: the same pipeline as the server, from the command line to a file or stdout.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/commands.h"
#include "core/api_error.h"
#include "engines/engine_registry.h"
#include "pipeline/speech_stream.h"
#include "text/language.h"

namespace chorus {
namespace {

struct SayOptions {
  std::string text;
  std::string output;  // empty or "-" = stdout
  std::string voice = "alloy";
  std::string language;
  std::string format;  // empty = from the output file's extension, else wav
  std::string model = "tts-1";
  double speed = 1.0;
};

AudioFormat pick_format(const SayOptions& options) {
  if (!options.format.empty()) {
    if (auto format = parse_audio_format(options.format)) return *format;
    throw CLI::ValidationError("--format", "unknown format '" + options.format +
                                               "' (mp3, opus, aac, flac, wav, pcm)");
  }
  auto dot = options.output.rfind('.');
  if (options.output != "-" && dot != std::string::npos) {
    std::string ext = options.output.substr(dot + 1);
    if (ext == "ogg") ext = "opus";
    if (ext == "raw") ext = "pcm";
    if (auto format = parse_audio_format(ext)) return *format;
  }
  return AudioFormat::kWav;
}

// A WAV written to a seekable file gets its real sizes instead of the streaming placeholders.
void patch_wav_sizes(std::FILE* file, std::size_t total_bytes) {
  if (total_bytes < 44 || total_bytes > 0xFFFFFFFFu) return;
  auto le32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF),
                       static_cast<char>((v >> 16) & 0xFF), static_cast<char>((v >> 24) & 0xFF)};
  };
  std::string riff = le32(static_cast<std::uint32_t>(total_bytes - 8));
  std::string data = le32(static_cast<std::uint32_t>(total_bytes - 44));
  if (std::fseek(file, 4, SEEK_SET) == 0) std::fwrite(riff.data(), 1, 4, file);
  if (std::fseek(file, 40, SEEK_SET) == 0) std::fwrite(data.data(), 1, 4, file);
}

int say(ServerConfig& config, SayOptions& options) {
  if (options.text.empty()) {
    if (isatty(STDIN_FILENO)) {
      throw CLI::ValidationError("TEXT", "give the text as an argument or on standard input");
    }
    options.text.assign(std::istreambuf_iterator<char>(std::cin), {});
  }
  SpeechRequest request;
  request.input = options.text;
  request.voice = options.voice;
  request.model = options.model;
  request.speed = options.speed;
  request.format = pick_format(options);
  if (!options.language.empty()) {
    request.language = normalize_language_tag(options.language);
    if (!request.language) throw CLI::ValidationError("--language", "not a language tag");
  }
  if (request.speed < 0.25 || request.speed > 4.0) {
    throw CLI::ValidationError("--speed", "must be between 0.25 and 4.0");
  }

  Router router(create_engines(config.engines), config.router);
  bool to_stdout = options.output.empty() || options.output == "-";
  std::FILE* out = to_stdout ? stdout : std::fopen(options.output.c_str(), "wb");
  if (!out) throw CLI::ValidationError("-o", "cannot write " + options.output);

  std::size_t written = 0;
  try {
    SpeechStream stream(router.plan(request));
    const auto& plan = stream.plan();
    spdlog::info("speaking with {} voice {} ({})", plan.engine->info().name, plan.voice.id,
                 plan.language);
    std::string bytes;
    while (stream.next(bytes)) {
      if (std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size()) {
        throw std::runtime_error("write failed: " + options.output);
      }
      written += bytes.size();
    }
  } catch (...) {
    if (!to_stdout) std::fclose(out);
    throw;
  }
  if (!to_stdout) {
    if (request.format == AudioFormat::kWav) patch_wav_sizes(out, written);
    std::fclose(out);
  } else {
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace

void register_say_command(CLI::App& app, ServerConfig& config) {
  auto options = std::make_shared<SayOptions>();
  auto* command = app.add_subcommand("say", "Speak text to a file or standard output");
  command->add_option("text", options->text, "Text to speak (default: read standard input)");
  command->add_option("-o,--output", options->output, "Output file (default: standard output)");
  command->add_option("-v,--voice", options->voice, "Voice id or OpenAI voice name")
      ->capture_default_str();
  command->add_option("-l,--language", options->language, "Language tag (en, fr, pt-BR, ...)");
  command->add_option("-f,--format", options->format,
                      "mp3, opus, aac, flac, wav or pcm (default: from -o, else wav)");
  command->add_option("-m,--model", options->model, "Model or engine name")->capture_default_str();
  command->add_option("-s,--speed", options->speed, "Speed, 0.25 to 4.0")->capture_default_str();
  add_engine_options(*command, config);
  command->callback([&config, options] {
    try {
      throw CLI::RuntimeError(say(config, *options));
    } catch (const ApiError& error) {
      std::cerr << "chorus say: " << error.what() << "\n";
      throw CLI::RuntimeError(2);
    }
  });
}

}  // namespace chorus
