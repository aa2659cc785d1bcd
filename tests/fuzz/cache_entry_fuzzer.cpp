// Fuzz target: a file of the result cache's disk tier (parse_cached_speech), which DiskStore
// reads back from a directory other processes may write to. The input is the file, except that
// a header value "SHA" is replaced by the SHA-256 of the file's audio part: without that, every
// mutation beyond the header's first fields would stop at the checksum and the reader behind it
// would go unfuzzed. Besides crashes and sanitizer reports, a failure is: an accepted entry
// whose audio does not match its declared size, a negative or non-finite duration, or an entry
// that does not survive being written and read again.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cache/cached_speech.h"
#include "core/sha256.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

// The magic line, the JSON header line, then the audio.
std::string with_checksum(std::string file) {
  const std::size_t magic_end = file.find('\n');
  if (magic_end == std::string::npos) return file;
  const std::size_t header_end = file.find('\n', magic_end + 1);
  if (header_end == std::string::npos) return file;
  const std::size_t placeholder = file.find("\"SHA\"", magic_end);
  if (placeholder == std::string::npos || placeholder > header_end) return file;
  const std::string audio = file.substr(header_end + 1);
  return file.replace(placeholder, 5, "\"" + chorus::sha256_hex(audio) + "\"");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chorus;
  const std::string file = with_checksum(std::string(reinterpret_cast<const char*>(data), size));
  const auto entry = parse_cached_speech(file);
  if (!entry) return 0;
  check(file.size() >= entry->audio.size() &&
        file.compare(file.size() - entry->audio.size(), std::string::npos, entry->audio) == 0);
  check(std::isfinite(entry->audio_seconds) && entry->audio_seconds >= 0);
  const auto again = parse_cached_speech(serialize_cached_speech(*entry));
  check(again.has_value());
  check(again->audio == entry->audio && again->audio_seconds == entry->audio_seconds &&
        again->engine == entry->engine && again->voice == entry->voice &&
        again->language == entry->language && again->clone_method == entry->clone_method);
  return 0;
}
