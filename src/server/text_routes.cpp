// POST /v1/text/normalize: shows what the text front-end makes of an input (normalized text,
// language, chunks), so users can check how numbers, dates or markup will be read.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "server/lexicon_request.h"
#include "server/routes.h"
#include "text/language.h"
#include "text/text_analysis.h"
#include "text/utf8.h"

namespace chorus {

void install_text_routes(httplib::Server& http, const ServerConfig& config,
                         std::shared_ptr<const Lexicon> server_lexicon) {
  http.Post("/v1/text/normalize", [&config, server_lexicon](const httplib::Request& req, httplib::Response& res) {
    using nlohmann::json;
    if (!is_valid_utf8(req.body)) {
      throw ApiError::invalid("The request body is not valid UTF-8.", {}, "invalid_utf8");
    }
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      throw ApiError::invalid("The body must be a JSON object.", {}, "invalid_json");
    }
    auto input = body.find("input");
    if (input == body.end() || !input->is_string()) {
      throw ApiError::invalid("'input' must be a string.", "input", "missing_required_parameter");
    }
    std::string text = input->get<std::string>();
    if (utf8_length(text) > config.speech.max_input_chars) {
      throw ApiError::invalid("'input' is too long.", "input", "string_above_max_length");
    }
    std::optional<std::string> language;
    if (auto it = body.find("language"); it != body.end() && !it->is_null()) {
      if (!it->is_string() || !normalize_language_tag(it->get<std::string>())) {
        throw ApiError::invalid("Invalid 'language'.", "language", "invalid_language");
      }
      language = normalize_language_tag(it->get<std::string>());
    }
    AnalyzeOptions options;
    options.fallback_language = config.router.default_language;
    if (auto it = body.find("normalize"); it != body.end() && it->is_boolean()) {
      options.normalize = it->get<bool>();
    }
    if (auto it = body.find("ssml"); it != body.end() && it->is_boolean()) {
      options.ssml = it->get<bool>();
    }
    const auto request_lexicon = parse_lexicon_field(body);
    options.request_lexicon = request_lexicon.get();
    if (server_lexicon && !server_lexicon->empty()) options.server_lexicon = server_lexicon.get();
    TextAnalysis analysis = analyze_text(text, language, options);
    json chunks = json::array();
    for (const auto& chunk : analysis.chunks) {
      chunks.push_back({{"text", chunk.text}, {"pause_after_seconds", chunk.pause_after_seconds}});
    }
    json out = {{"normalized", analysis.normalized},
                {"language", analysis.language},
                {"language_detected", analysis.language_detected},
                {"language_reliable", analysis.language_reliable},
                {"chunks", chunks}};
    res.set_content(out.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
  });
}

}  // namespace chorus
