#pragma once
// One finished speech response as the result cache keeps it: the encoded audio of one format
// plus what the response headers report about how it was made.
#include <optional>
#include <string>
#include <string_view>

namespace chorus {

struct CachedSpeech {
  std::string audio;           // the encoded bytes, exactly as first sent
  double audio_seconds = 0.0;  // duration (SSE usage figures)
  std::string engine;          // engine that synthesized it (X-Chorus-Engine)
  std::string voice;           // engine voice id (X-Chorus-Voice)
  std::string language;        // X-Chorus-Language
  std::string clone_method;    // X-Chorus-Clone-Method, may be empty
  bool watermarked = false;    // X-Chorus-Watermark: the stored audio carries the mark

  // Bytes the entry holds in memory: its strings' allocations (capacity, not length: a string
  // that grew by appending holds up to twice its length) and the struct itself.
  std::size_t cost() const;
};

// The on-disk form: a header line of metadata, the audio length and its SHA-256, then the
// audio. parse_cached_speech() returns nullopt for anything truncated, altered or foreign.
std::string serialize_cached_speech(const CachedSpeech& speech);
std::optional<CachedSpeech> parse_cached_speech(std::string_view bytes);

}  // namespace chorus
