// chorus say: the same pipeline as the server, from the command line to a file or stdout. Any
// input goes through the long-form path (cli/longform.h), so a book and a sentence share one code path.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "core/api_error.h"
#include "core/speech_bounds.h"
#include "cli/longform.h"
#include "engines/engine_registry.h"
#include "router/cloned_voice_route.h"
#include "router/speech_request_validation.h"
#include "text/language.h"

namespace chorus {
namespace {

struct SayOptions {
  std::string text;
  std::string file;    // --file: a text file of any size, read paragraph by paragraph
  std::string output;  // empty or "-" = stdout
  std::string voice = "alloy";
  std::string language;
  std::string format;  // empty = from the output file's extension, else wav
  std::string model = "tts-1";
  std::string subtitles;
  double speed = 1.0;
  bool resume = false;
  bool quiet = false;
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

int say(ServerConfig& config, SayOptions& options) {
  if (!options.text.empty() && !options.file.empty()) {
    throw CLI::ValidationError("--file", "give the text either as an argument or with --file");
  }
  if (options.text.empty() && options.file.empty() && isatty(STDIN_FILENO)) {
    throw CLI::ValidationError("TEXT", "give the text as an argument, with --file or on standard input");
  }
  if (options.resume && (options.file.empty() || options.output.empty() || options.output == "-")) {
    throw CLI::ValidationError("--resume", "needs --file and an output file (-o)");
  }
  if (options.quiet && spdlog::get_level() < spdlog::level::warn) {
    spdlog::set_level(spdlog::level::warn);
  }
  LongformOptions longform;
  SpeechRequest& request = longform.request;
  request.voice = options.voice;
  request.model = options.model;
  request.speed = options.speed;
  request.format = pick_format(options);
  if (!options.language.empty()) {
    request.language = normalize_language_tag(options.language);
    if (!request.language) throw CLI::ValidationError("--language", "not a language tag");
  }
  try {
    validate(request, 0, InputCheck::kLater);
  } catch (const ApiError& e) {
    throw CLI::ValidationError("--" + e.param(), e.what());
  }
  longform.input_path = options.file;
  longform.output = options.output;
  longform.subtitles = options.subtitles;
  longform.resume = options.resume;
  longform.quiet = options.quiet;

  Router router(create_engines(config.engines), config.router);
  // Only a cloned voice needs the voice store (and its data directory).
  if (options.voice.rfind("voice_", 0) == 0) router.set_cloned_voices(open_cloned_voices(config.data_dir, config.voice_store));
  std::istringstream argument(options.text);
  std::istream& input = options.text.empty() ? std::cin : argument;
  speak_long_text(router, longform, input);
  std::fflush(stdout);
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
  command->add_option("-s,--speed", options->speed, "Speed, " + speech_speed_range_text())->capture_default_str();
  command->add_option("--file", options->file,
                      "Text file to speak, of any length (read paragraph by paragraph)");
  command->add_option("--subtitles", options->subtitles,
                      "Also write sentence-level SubRip subtitles to this .srt file");
  command->add_flag("--resume", options->resume,
                    "Continue an interrupted --file run into the same output (wav, pcm, mp3, aac)");
  command->add_flag("-q,--quiet", options->quiet, "No progress output");
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
