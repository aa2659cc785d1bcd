// POST /v1/audio/watermark/detect: multipart field `file`, any audio FFmpeg reads; answers
// whether it carries chorus's watermark and what the mark says (server id and hour).
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "router/admission.h"
#include "server/routes.h"
#include "server/watermark_check.h"

namespace chorus {

void install_watermark_routes(httplib::Server& http, const ServerConfig& config) {
  // Decoding and analysing an upload is seconds of CPU outside any engine: it shares the limits
  // of the other uploaded-audio analysis (limits.max_concurrent_clones).
  auto admission = std::make_shared<Admission>(config.clone_admission);
  http.Post("/v1/audio/watermark/detect", [&config, admission](const httplib::Request& req,
                                                                httplib::Response& res) {
    if (!req.is_multipart_form_data()) {
      throw ApiError(415, "Send this request as multipart/form-data with the audio in 'file'.",
                     "invalid_request_error", "file", "unsupported_media_type");
    }
    if (!req.has_file("file")) {
      throw ApiError::invalid("The form has no 'file' field (the audio to check).", "file",
                              "missing_required_parameter");
    }
    const std::string& bytes = req.get_file_value("file").content;
    if (bytes.size() > config.max_upload_bytes) {
      throw ApiError(413,
                     "The upload is too large: files may be at most " +
                         std::to_string(config.max_upload_bytes) + " bytes.",
                     "invalid_request_error", "file", "audio_too_large");
    }
    auto ticket = admission->enter();
    const nlohmann::json body = watermark_json(check_watermark(bytes));
    res.status = 200;
    res.set_content(body.dump(), "application/json");
  });
}

}  // namespace chorus
