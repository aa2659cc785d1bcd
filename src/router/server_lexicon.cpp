#include "router/server_lexicon.h"

#include <stdexcept>

namespace chorus {

std::shared_ptr<const Lexicon> build_server_lexicon(const RouterConfig& config) {
  auto lexicon = std::make_shared<Lexicon>(Lexicon::kMaxServerEntries);
  auto add_all = [&](const std::map<std::string, std::string>& entries, const std::string& key) {
    for (const auto& [word, value] : entries) {
      if (!lexicon->add(word, value)) {
        throw std::invalid_argument(
            key + ": unusable entry '" + word + "' (words up to " +
            std::to_string(Lexicon::kMaxWordBytes) + " bytes on one line, values up to " +
            std::to_string(Lexicon::kMaxValueBytes) + " bytes, at most " +
            std::to_string(Lexicon::kMaxServerEntries) + " entries)");
      }
    }
  };
  add_all(config.lexicon_file_entries, "text.lexicon_file (" + config.lexicon_file + ")");
  add_all(config.lexicon, "text.lexicon");
  return lexicon;
}

}  // namespace chorus
