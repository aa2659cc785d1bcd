// Fuzz target: a server lexicon file (text.lexicon_file) - the JSON object or TOML table read by
// parse_lexicon_text, then every entry added to the server's Lexicon as build_server_lexicon
// does, and the lexicon applied to text that uses its words. The first input byte picks JSON
// or TOML, the rest is the file. Besides crashes and sanitizer reports, a failure is: an
// exception other than std::invalid_argument from the reader, an entry the lexicon accepted but
// cannot find again, or invalid UTF-8 coming out of apply().
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/lexicon_keys.h"
#include "text/lexicon.h"
#include "text/utf8.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chorus;
  if (size == 0) return 0;
  const std::string path = (data[0] & 1) ? "lexicon.json" : "lexicon.toml";
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::map<std::string, std::string> entries;
  try {
    entries = parse_lexicon_text(text, path);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  Lexicon lexicon(Lexicon::kMaxServerEntries);
  std::string sample;
  for (const auto& [word, value] : entries) {
    const bool parsed = Lexicon::parse_entry(word, value).has_value();
    const bool added = lexicon.add(word, value);
    check(parsed == added);
    if (!added) continue;
    check(lexicon.find(word).has_value());
    if (sample.size() < 512) sample += "say " + word + ", ";
  }
  for (const auto& segment : lexicon.apply({TextSegment::plain(sample)})) {
    check(is_valid_utf8(segment.text) && is_valid_utf8(segment.phonemes));
  }
  return 0;
}
