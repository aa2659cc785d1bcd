#pragma once
// Test signals for the voices stage: synthetic voiced tones, espeak-ng recordings, and files in
// every upload format made with the ffmpeg command-line tool (never chorus's own encoders).
#include <string>
#include <vector>

namespace chorus::test {

// A glottal-like pulse train (harmonics with a -12 dB/octave tilt) at `f0`, with a slow
// syllable-rate envelope so it reads as speech to level-based activity detection.
std::vector<float> voiced_tone(double seconds, double f0, int rate, double amplitude = 0.3);

std::vector<float> sine_wave(double seconds, double frequency, int rate, double amplitude = 0.3);

// 16-bit mono WAV bytes.
std::string wav_bytes(const std::vector<float>& samples, int rate);

// espeak-ng speaking `text` (CLI: -v voice -p pitch), as mono float at `rate` (via ffmpeg).
std::vector<float> espeak_speech(const std::string& text, const std::string& voice, int pitch,
                                 int rate);

// Converts WAV bytes with ffmpeg, e.g. extension "mp3", "ogg" (opus), "webm", "m4a", "flac".
std::string ffmpeg_convert(const std::string& wav, const std::string& extension,
                           const std::vector<std::string>& extra_args = {});

// Runs `samples` through an ffmpeg audio filter chain (e.g. "bass=g=6,treble=g=-8").
std::vector<float> ffmpeg_filter(const std::vector<float>& samples, int rate,
                                 const std::string& filter);

// Decodes any file bytes to mono float at `rate` with the ffmpeg CLI.
std::vector<float> ffmpeg_decode(const std::string& bytes, int rate);

// Median F0 (Hz) of `samples` by chorus's pitch tracker; 0 when nothing is voiced.
double median_f0(const std::vector<float>& samples, int rate);

std::string temp_path(const std::string& suffix);
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& bytes);

}  // namespace chorus::test
