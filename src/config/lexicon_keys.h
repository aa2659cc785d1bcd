#pragma once
// The configuration keys of the server lexicon: text.lexicon (inline table) and
// text.lexicon_file (a TOML or JSON file of the same shape).
#include <map>
#include <string>
#include <vector>

#include "config/config_keys.h"

namespace chorus {

std::vector<ConfigKey> lexicon_config_keys();

// Reads a lexicon file: a JSON object (".json") or a TOML table (anything else) mapping words to
// respellings or "/IPA/". Throws std::invalid_argument naming the file and the problem.
std::map<std::string, std::string> read_lexicon_file(const std::string& path);
// The same for the file's text, already read; `path` picks the format and names the file.
std::map<std::string, std::string> parse_lexicon_text(const std::string& text,
                                                      const std::string& path);

}  // namespace chorus
