#include "pipeline/cache_warmup.h"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "pipeline/speech_starter.h"
#include "router/speech_request_validation.h"
#include "text/language.h"
#include "text/utf8.h"

namespace chorus {
namespace {

SpeechRequest request_for(const WarmupPhrase& phrase) {
  SpeechRequest request;
  request.model = phrase.model;
  request.voice = phrase.voice;
  request.input = phrase.text;
  request.speed = phrase.speed;
  auto format = parse_audio_format(phrase.format);
  if (!format) throw std::invalid_argument("unknown format " + phrase.format);
  request.format = *format;
  if (phrase.language) {
    request.language = normalize_language_tag(*phrase.language);
    if (!request.language) throw std::invalid_argument("invalid language " + *phrase.language);
  }
  validate(request, 0);  // the same checks as an HTTP request (cache.max_input_chars: below)
  return request;
}

// Synthesizes one phrase to the end; the recorder stores it. Returns whether it was a hit.
bool warm_up_one(const Router& router, const CacheUse& use, const SpeechRequest& request) {
  StartedSpeech started = start_speech(router, request, {}, &use);
  if (started.cached) return true;
  if (!started.recorder) throw std::runtime_error("the text is too long for the cache");
  started.recorder->append(started.first_bytes);
  std::string bytes;
  while (!started.complete && started.stream->next(bytes)) started.recorder->append(bytes);
  started.recorder->finish(started.stream->audio_seconds());
  return false;
}

}  // namespace

WarmupOutcome warm_up_cache(const Router& router, std::shared_ptr<ResultCache> cache,
                            const std::vector<WarmupPhrase>& phrases,
                            const std::function<bool()>& stop) {
  WarmupOutcome outcome;
  if (!cache || phrases.empty()) return outcome;
  CacheUse use{std::move(cache), true, true};
  spdlog::info("cache warm-up: {} phrase(s)", phrases.size());
  for (const WarmupPhrase& phrase : phrases) {
    if (stop()) break;
    try {
      SpeechRequest request = request_for(phrase);
      if (!use.cache->accepts(utf8_length(request.input))) {
        throw std::runtime_error("the text is longer than cache.max_input_chars");
      }
      bool hit = warm_up_one(router, use, request);
      ++outcome.stored;
      spdlog::info("cache warm-up: voice {} format {}: {} \"{}\"", phrase.voice, phrase.format,
                   hit ? "already cached" : "stored", phrase.text);
    } catch (const std::exception& e) {
      ++outcome.failed;
      spdlog::warn("cache warm-up: voice {} format {} \"{}\" failed: {}", phrase.voice,
                   phrase.format, phrase.text, e.what());
    }
  }
  spdlog::info("cache warm-up done: {} stored, {} failed", outcome.stored, outcome.failed);
  return outcome;
}

}  // namespace chorus
