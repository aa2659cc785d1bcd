#include "cache/cached_speech.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>

#include "core/sha256.h"

namespace chorus {
namespace {

// Changes whenever the file layout does, so files of another layout read as misses.
constexpr std::string_view kMagic = "chorus-cache-1\n";

}  // namespace

std::size_t CachedSpeech::cost() const {
  return audio.capacity() + engine.capacity() + voice.capacity() + language.capacity() +
         clone_method.capacity() + sizeof(CachedSpeech);
}

std::string serialize_cached_speech(const CachedSpeech& speech) {
  nlohmann::json header = {{"audio_bytes", speech.audio.size()},
                           {"audio_sha256", sha256_hex(speech.audio)},
                           {"audio_seconds", speech.audio_seconds},
                           {"engine", speech.engine},
                           {"voice", speech.voice},
                           {"language", speech.language},
                           {"clone_method", speech.clone_method},
                           {"watermarked", speech.watermarked}};
  std::string out(kMagic);
  out += header.dump();
  out += '\n';
  out += speech.audio;
  return out;
}

std::optional<CachedSpeech> parse_cached_speech(std::string_view bytes) {
  if (bytes.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  bytes.remove_prefix(kMagic.size());
  auto line_end = bytes.find('\n');
  if (line_end == std::string_view::npos) return std::nullopt;
  try {
    auto header = nlohmann::json::parse(bytes.substr(0, line_end));
    std::string_view audio = bytes.substr(line_end + 1);
    // Numbers are checked for their kind before they are read: get<>() converts a float to an
    // integer by a cast, undefined for "audio_bytes": 1e20.
    const auto& audio_bytes = header.at("audio_bytes");
    if (!audio_bytes.is_number_unsigned() || audio.size() != audio_bytes.get<std::uint64_t>()) {
      return std::nullopt;
    }
    if (sha256_hex(audio) != header.at("audio_sha256").get<std::string>()) return std::nullopt;
    const auto& seconds = header.at("audio_seconds");
    if (!seconds.is_number() || !std::isfinite(seconds.get<double>()) || seconds.get<double>() < 0) {
      return std::nullopt;
    }
    CachedSpeech speech;
    speech.audio = std::string(audio);
    speech.audio_seconds = seconds.get<double>();
    speech.engine = header.at("engine").get<std::string>();
    speech.voice = header.at("voice").get<std::string>();
    speech.language = header.at("language").get<std::string>();
    speech.clone_method = header.at("clone_method").get<std::string>();
    speech.watermarked = header.value("watermarked", false);
    return speech;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace chorus
