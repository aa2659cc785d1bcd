#include "voice_test_audio.h"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <numbers>
#include <sstream>
#include <stdexcept>

#include "audio/pitch_tracker.h"

namespace chorus::test {
namespace {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

void run(const std::string& command) {
  if (std::system((command + " 2>/dev/null").c_str()) != 0) {
    throw std::runtime_error("command failed: " + command);
  }
}

std::vector<float> s16_to_float(const std::string& bytes) {
  std::vector<float> out(bytes.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto lo = static_cast<unsigned char>(bytes[2 * i]);
    const auto hi = static_cast<unsigned char>(bytes[2 * i + 1]);
    out[i] = static_cast<float>(static_cast<std::int16_t>(lo | (hi << 8))) / 32768.0f;
  }
  return out;
}

}  // namespace

double median_f0(const std::vector<float>& samples, int rate) {
  return audio::pitch_stats(audio::track_pitch(samples, rate)).median_hz;
}

std::string temp_path(const std::string& suffix) {
  static int counter = 0;
  return "/tmp/chorus_voices_test_" + std::to_string(getpid()) + "_" +
         std::to_string(counter++) + suffix;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::vector<float> sine_wave(double seconds, double frequency, int rate, double amplitude) {
  std::vector<float> out(static_cast<std::size_t>(seconds * rate));
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<float>(amplitude *
                                std::sin(2.0 * std::numbers::pi * frequency * static_cast<double>(i) / rate));
  }
  return out;
}

std::vector<float> voiced_tone(double seconds, double f0, int rate, double amplitude) {
  std::vector<float> out(static_cast<std::size_t>(seconds * rate));
  const int harmonics = static_cast<int>(std::min(30.0, (rate / 2.0 - 200.0) / f0));
  double norm = 0.0;
  for (int h = 1; h <= harmonics; ++h) norm += 1.0 / (h * h);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double t = static_cast<double>(i) / rate;
    double x = 0.0;
    for (int h = 1; h <= harmonics; ++h) x += std::sin(2.0 * std::numbers::pi * f0 * h * t) / (h * h);
    // 4 "syllables" a second, never fully silent inside the tone.
    const double envelope = 0.55 + 0.45 * std::sin(2.0 * std::numbers::pi * 4.0 * t);
    out[i] = static_cast<float>(amplitude * envelope * x / norm);
  }
  return out;
}

std::string wav_bytes(const std::vector<float>& samples, int rate) {
  std::string out;
  auto u32 = [&](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
  };
  auto u16 = [&](std::uint16_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>(v >> 8);
  };
  const auto data_bytes = static_cast<std::uint32_t>(samples.size() * 2);
  out += "RIFF";
  u32(36 + data_bytes);
  out += "WAVEfmt ";
  u32(16);
  u16(1);
  u16(1);
  u32(static_cast<std::uint32_t>(rate));
  u32(static_cast<std::uint32_t>(rate * 2));
  u16(2);
  u16(16);
  out += "data";
  u32(data_bytes);
  for (float x : samples) {
    const double clamped = std::max(-1.0, std::min(1.0, static_cast<double>(x)));
    u16(static_cast<std::uint16_t>(static_cast<std::int16_t>(std::lround(clamped * 32767.0))));
  }
  return out;
}

std::vector<float> espeak_speech(const std::string& text, const std::string& voice, int pitch,
                                 int rate) {
  const std::string wav = temp_path(".wav");
  run("espeak-ng -v " + quote(voice) + " -p " + std::to_string(pitch) + " -w " + quote(wav) +
      " " + quote(text));
  auto samples = ffmpeg_decode(read_file(wav), rate);
  std::remove(wav.c_str());
  return samples;
}

std::string ffmpeg_convert(const std::string& wav, const std::string& extension,
                           const std::vector<std::string>& extra_args) {
  const std::string in = temp_path(".wav"), out = temp_path("." + extension);
  write_file(in, wav);
  std::string args;
  for (const auto& a : extra_args) args += " " + quote(a);
  run("ffmpeg -y -v error -i " + quote(in) + args + " " + quote(out));
  std::string bytes = read_file(out);
  std::remove(in.c_str());
  std::remove(out.c_str());
  return bytes;
}

std::vector<float> ffmpeg_filter(const std::vector<float>& samples, int rate,
                                 const std::string& filter) {
  return ffmpeg_decode(ffmpeg_convert(wav_bytes(samples, rate), "wav", {"-af", filter}), rate);
}

std::vector<float> ffmpeg_decode(const std::string& bytes, int rate) {
  const std::string in = temp_path(".bin"), out = temp_path(".raw");
  write_file(in, bytes);
  run("ffmpeg -y -v error -i " + quote(in) + " -f s16le -ac 1 -ar " + std::to_string(rate) + " " +
      quote(out));
  auto samples = s16_to_float(read_file(out));
  std::remove(in.c_str());
  std::remove(out.c_str());
  return samples;
}

}  // namespace chorus::test
