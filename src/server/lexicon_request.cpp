#include "server/lexicon_request.h"

#include <nlohmann/json.hpp>

#include "core/api_error.h"

namespace chorus {

std::shared_ptr<const Lexicon> parse_lexicon_field(const nlohmann::json& body) {
  auto it = body.find("lexicon");
  if (it == body.end() || it->is_null()) return nullptr;
  if (!it->is_object()) {
    throw ApiError::invalid(std::string("Invalid type for 'lexicon': expected an object mapping words to "
                                        "respellings or \"/IPA/\", got ") +
                                it->type_name() + ".",
                            "lexicon", "invalid_type");
  }
  if (it->size() > Lexicon::kMaxEntries) {
    throw ApiError::invalid("'lexicon' has " + std::to_string(it->size()) + " entries, the maximum is " +
                                std::to_string(Lexicon::kMaxEntries) + ".",
                            "lexicon", "too_many_entries");
  }
  auto lexicon = std::make_shared<Lexicon>();
  for (const auto& [word, value] : it->items()) {
    if (!value.is_string()) {
      throw ApiError::invalid("Invalid 'lexicon' entry '" + word + "': expected a string, got " +
                                  value.type_name() + ".",
                              "lexicon", "invalid_type");
    }
    if (!lexicon->add(word, value.get<std::string>())) {
      throw ApiError::invalid("Invalid 'lexicon' entry '" + word.substr(0, Lexicon::kMaxWordBytes) +
                                  "': words must be non-empty, on one line and at most " +
                                  std::to_string(Lexicon::kMaxWordBytes) +
                                  " bytes; values non-empty and at most " +
                                  std::to_string(Lexicon::kMaxValueBytes) + " bytes.",
                              "lexicon", "invalid_value");
    }
  }
  return lexicon;
}

}  // namespace chorus
