// chorus watermark detect FILE: does the file carry chorus's watermark (exit 0) or not (exit 1).
// chorus watermark embed IN OUT: marks an existing recording the way the server marks its
// responses (for checks and benchmarks on audio that chorus did not synthesize).
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "audio/resampler.h"
#include "audio/sample_convert.h"
#include "audio/watermark/watermark_embedder.h"
#include "cli/audio_file_writer.h"
#include "cli/commands.h"
#include "codec/audio_format.h"
#include "core/api_error.h"
#include "server/watermark_check.h"
#include "voices/audio_decoder.h"

namespace chorus {
namespace {

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Decoding up to the same bound as detection; longer recordings are cut there.
constexpr double kMaxEmbedSeconds = 3600.0;

int embed(const std::string& input, const std::string& output, std::uint32_t server_id) {
  const std::string bytes = read_whole_file(input);
  voices::DecodedAudio decoded = voices::decode_audio(bytes, kMaxEmbedSeconds);
  std::vector<float> samples;
  audio::Resampler resampler(decoded.sample_rate, audio::watermark::kSampleRate);
  resampler.process(decoded.samples, samples);
  resampler.drain(samples);
  audio::watermark::Embedder embedder(audio::watermark::payload_at(server_id, std::time(nullptr)));
  std::vector<float> marked;
  embedder.process(samples, marked);
  embedder.flush(marked);
  std::vector<int16_t> pcm;
  audio::append_s16(marked, pcm);
  const auto dot = output.rfind('.');
  auto format = dot == std::string::npos ? std::nullopt : parse_audio_format(output.substr(dot + 1));
  AudioFileWriter writer(output, format.value_or(AudioFormat::kWav));
  writer.write(pcm);
  writer.finish();
  return 0;
}

}  // namespace

void register_watermark_command(CLI::App& app, ServerConfig& config) {
  auto* command = app.add_subcommand("watermark", "Check audio for chorus's watermark, or add it");
  command->require_subcommand(1);

  auto file = std::make_shared<std::string>();
  auto* detect = command->add_subcommand(
      "detect", "Print whether FILE carries the watermark as JSON; exit 0 if it does, 1 if not");
  detect->add_option("file", *file, "Audio file (any format FFmpeg reads)")->required();
  detect->callback([file] {
    try {
      const auto detection = check_watermark(read_whole_file(*file));
      std::cout << watermark_json(detection).dump(2) << "\n";
      throw CLI::RuntimeError(detection.watermarked ? 0 : 1);
    } catch (const ApiError& error) {
      std::cerr << "chorus watermark detect: " << error.what() << "\n";
      throw CLI::RuntimeError(2);
    } catch (const std::runtime_error& error) {
      if (dynamic_cast<const CLI::RuntimeError*>(&error)) throw;
      std::cerr << "chorus watermark detect: " << error.what() << "\n";
      throw CLI::RuntimeError(2);
    }
  });

  auto paths = std::make_shared<std::vector<std::string>>();
  auto* embed_command = command->add_subcommand(
      "embed", "Write a marked copy of IN to OUT (24 kHz mono; format from OUT's extension)");
  embed_command->add_option("files", *paths, "IN OUT")->required()->expected(2);
  embed_command->add_option("--server-id", config.router.watermark.server_id,
                            "Server id in the mark, 0..4095 (default: watermark.server_id)");
  embed_command->callback([&config, paths] {
    try {
      config.router.watermark.Validate();
      throw CLI::RuntimeError(embed((*paths)[0], (*paths)[1], config.router.watermark.server_id));
    } catch (const ApiError& error) {
      std::cerr << "chorus watermark embed: " << error.what() << "\n";
      throw CLI::RuntimeError(2);
    }
  });
}

}  // namespace chorus
