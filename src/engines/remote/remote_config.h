#pragma once
// Settings of one remote engine: an OpenAI-compatible speech server (another chorus,
// Kokoro-FastAPI, openedai-speech, OpenAI) that chorus uses as one of its engines.
#include <chrono>
#include <string>
#include <vector>

namespace chorus::remote {

struct RemoteConfig {
  // Engine name: voice prefix ("NAME:voice"), model name, X-Chorus-Engine, metrics label.
  std::string name;
  // Base URL; requests go to URL/v1/audio/speech and URL/v1/audio/voices.
  std::string url;
  std::string api_key;  // sent as "Authorization: Bearer KEY"; never logged
  std::string model = "tts-1";  // "model" sent with every request
  // Voices offered when the server has no GET /v1/audio/voices (OpenAI itself); empty = ask it.
  std::vector<std::string> voices;
  // Languages chorus routes to it; empty = those of its voices, or "en" when it names none.
  std::vector<std::string> languages;
  // Rate of the server's `pcm` answer: 24 kHz for OpenAI's API, otherwise what the server sends.
  int sample_rate = 24000;
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds first_byte_timeout{30000};  // request sent -> first audio byte
  std::chrono::milliseconds read_timeout{10000};        // longest gap between two pieces
  std::chrono::milliseconds health_interval{10000};     // background probe period (0 = none)
  std::chrono::milliseconds health_timeout{2000};
  // Streams sent to the server at once; more wait up to first_byte_timeout for a slot.
  int max_streams = 4;
  // CA certificates (PEM file) that https:// servers are verified against; empty = the system's.
  std::string ca_file;
  // Probe path; empty = /v1/audio/voices, or /v1/models when `voices` is configured.
  std::string probe_path;

  // Throws std::invalid_argument naming the engine and the bad field.
  void Validate() const;
  std::string probe() const;  // the probe path in effect
  bool fetches_voices() const { return voices.empty(); }
};

}  // namespace chorus::remote
