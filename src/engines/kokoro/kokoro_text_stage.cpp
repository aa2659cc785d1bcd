// KokoroEngine's text stage: G2P for one chunk, either inside synthesize() or ahead of it on the
// pipeline's preparer thread (Engine::prepare). Both paths run the same function, so a prepared
// chunk is phonemized exactly as a sequential one.
#include "core/api_error.h"
#include "engines/kokoro/kokoro_aliases.h"
#include "engines/kokoro/kokoro_engine.h"

namespace chorus::kokoro {
namespace {

struct KokoroPreparedChunk : PreparedChunk {
  std::string voice_id;  // the request it was made for: a mismatch means "not for this chunk"
  std::string language;
  std::string text;
  ChunkPhonemes phonemes;
};

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

ChunkPhonemes KokoroEngine::phonemize(const SynthesisRequest& request, const VoiceBlend& blend) const {
  auto language = find_phonemizer_language(request.language);
  if (!language) language = find_phonemizer_language(voice_language(blend.parts.front().first));
  if (!language) {
    throw EngineError("kokoro: no phonemizer for language '" + request.language + "' (voice " + request.voice_id + ")");
  }
  try {
    return phonemize_chunk(phonemizer_, request.text, *language, vocab_);
  } catch (const EngineError&) {
    throw;
  } catch (const std::exception& e) {
    throw EngineError(std::string("kokoro: phonemization failed: ") + e.what());
  }
}

ChunkPhonemes KokoroEngine::phonemes_for(const SynthesisRequest& request, const VoiceBlend& blend) const {
  const auto* prepared = dynamic_cast<const KokoroPreparedChunk*>(request.prepared.get());
  if (prepared && prepared->voice_id == request.voice_id && prepared->language == request.language &&
      prepared->text == request.text) {
    return prepared->phonemes;
  }
  return phonemize(request, blend);
}

std::shared_ptr<const PreparedChunk> KokoroEngine::prepare(const SynthesisRequest& request) const {
  if (blank(request.text)) return nullptr;
  const auto blend = resolve(request.voice_id);
  if (!blend) throw EngineError("kokoro: unknown voice '" + request.voice_id + "'");
  auto prepared = std::make_shared<KokoroPreparedChunk>();
  prepared->phonemes = phonemize(request, *blend);
  prepared->voice_id = request.voice_id;
  prepared->language = request.language;
  prepared->text = request.text;
  return prepared;
}

}  // namespace chorus::kokoro
