// Fuzz target: the configuration file (chorus.toml) - toml++'s parser and our walk over the
// document, every key's reader and range checks (apply_config_table), then the printed form
// (`chorus config show`) read back. The input is the file. Besides crashes and sanitizer
// reports, a failure is: an exception other than std::invalid_argument, or a configuration
// whose printed form does not read back to the same configuration.
//
// text.lexicon_file names a file to read: the fuzzer drops that key, so an input cannot make it
// read /dev/zero or the machine's files (the lexicon file's contents have their own target).
#include <toml++/toml.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include "config/config_loader.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chorus;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  toml::table table;
  try {
    table = toml::parse(text, std::string_view("fuzz.toml"));
  } catch (const toml::parse_error&) {
    return 0;
  }
  if (auto* section = table["text"].as_table()) section->erase("lexicon_file");

  ServerConfig config;
  try {
    apply_config_table(config, table, "fuzz.toml");
  } catch (const std::invalid_argument&) {
    return 0;
  }
  // What `chorus config show` prints must load again, to the same configuration.
  const std::string printed = config_to_toml(config);
  ServerConfig reread;
  try {
    apply_config_text(reread, printed, "printed.toml");
  } catch (const std::invalid_argument&) {
    check(false);
  }
  check(config_to_toml(reread) == printed);
  return 0;
}
