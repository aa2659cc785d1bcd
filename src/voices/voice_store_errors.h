#pragma once
// The voice store's database does not answer (PostgreSQL down, restarting, unreachable, or every
// pooled connection busy for too long). An ApiError, so the HTTP edge answers 503 in the OpenAI
// error shape with code "voice_store_unavailable" without knowing about databases; requests
// that need no store (built-in voices) are not affected.
#include <string>

#include "core/api_error.h"

namespace chorus::voices {

class VoiceStoreUnavailable : public ApiError {
 public:
  VoiceStoreUnavailable()
      : ApiError(503, "Cloned voices are unavailable: the voice store does not answer. Try again later.",
                 "server_error", {}, "voice_store_unavailable") {
    with_retry_after(5);
  }
};

}  // namespace chorus::voices
