#include "engines/phonemizer/espeak_library.h"

#include <espeak-ng/speak_lib.h>
#include <spdlog/spdlog.h>

#include <exception>

#include "core/api_error.h"

namespace chorus {
namespace {

// espeakINITIALIZE_DONT_EXIT: without it the library calls exit() when its data is missing.
constexpr int kInitOptions = espeakINITIALIZE_DONT_EXIT;
// Length of each callback piece. espeak-ng synthesizes about a thousand times faster than real
// time, so half a second of audio costs well under a millisecond: cancellation stays prompt and
// the first piece arrives early. Each piece costs the pipeline a queue push, a consumer wake-up
// and an HTTP chunk, so fewer, larger pieces leave more of the CPU to synthesis.
constexpr int kBufferMs = 500;

// What the C callback needs to reach the current call; passed through espeak's user_data.
struct CallContext {
  const EspeakLibrary::SampleHandler* handler = nullptr;
  const EspeakLibrary::EventHandler* on_event = nullptr;
  std::exception_ptr error;
  bool aborted = false;
};

void report_events(const EspeakLibrary::EventHandler& on_event, const espeak_EVENT* events) {
  for (const espeak_EVENT* e = events; e->type != espeakEVENT_LIST_TERMINATED; ++e) {
    if (e->type != espeakEVENT_WORD && e->type != espeakEVENT_END) continue;
    EspeakLibrary::SynthEvent event;
    event.kind = e->type == espeakEVENT_WORD ? EspeakLibrary::SynthEvent::Kind::kWord
                                             : EspeakLibrary::SynthEvent::Kind::kClauseEnd;
    event.text_position = e->text_position;
    event.length = e->length;
    event.audio_ms = e->audio_position;
    on_event(event);
  }
}

// Returning 1 tells espeak to stop. No C++ exception may unwind through the C library.
int synth_callback(short* wav, int count, espeak_EVENT* events) {
  auto* context = events ? static_cast<CallContext*>(events->user_data) : nullptr;
  if (context == nullptr) return 0;
  if (context->aborted) return 1;
  try {
    if (context->on_event != nullptr) report_events(*context->on_event, events);
    if (wav == nullptr || count <= 0) return 0;  // end-of-data marker or an empty piece
    if (!(*context->handler)(std::span<const std::int16_t>(wav, static_cast<std::size_t>(count)))) {
      context->aborted = true;
    }
  } catch (...) {
    context->error = std::current_exception();
    context->aborted = true;
  }
  return context->aborted ? 1 : 0;
}

}  // namespace

EspeakLibrary& EspeakLibrary::instance() {
  static EspeakLibrary library;
  return library;
}

void EspeakLibrary::initialize(const std::string& data_path) {
  std::lock_guard guard(mutex_);
  initialize_locked(data_path);
}

EspeakLibrary::Lock EspeakLibrary::lock() {
  Lock lock(mutex_);
  if (!initialized_) initialize_locked({});
  return lock;
}

void EspeakLibrary::initialize_locked(const std::string& data_path) {
  if (initialized_) {
    if (data_path != requested_path_) {
      spdlog::warn("espeak-ng is already initialized with data path '{}'; ignoring '{}'",
                   requested_path_.empty() ? data_path_ : requested_path_, data_path);
    }
    return;
  }
  const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, kBufferMs,
                                     data_path.empty() ? nullptr : data_path.c_str(), kInitOptions);
  if (rate <= 0) {
    throw EngineError("espeak-ng failed to initialize (data path '" +
                      (data_path.empty() ? std::string("default") : data_path) + "')");
  }
  const char* path = nullptr;
  const char* version = espeak_Info(&path);
  sample_rate_ = rate;
  version_ = version ? version : "";
  data_path_ = path ? path : "";
  requested_path_ = data_path;
  initialized_ = true;
  spdlog::info("espeak-ng {} initialized: {} Hz, data at {}", version_, sample_rate_, data_path_);
}

bool EspeakLibrary::select_voice(const Lock& lock, const std::string& name) {
  if (!lock.owns_lock() || lock.mutex() != &mutex_) {
    throw EngineError("EspeakLibrary::select_voice called without holding the espeak lock");
  }
  if (name == current_voice_) return true;
  return load_voice(lock, name);
}

bool EspeakLibrary::load_voice(const Lock& lock, const std::string& name) {
  if (!lock.owns_lock() || lock.mutex() != &mutex_) {
    throw EngineError("EspeakLibrary::load_voice called without holding the espeak lock");
  }
  if (espeak_SetVoiceByName(name.c_str()) != EE_OK) {
    current_voice_.clear();
    return false;
  }
  current_voice_ = name;
  return true;
}

bool EspeakLibrary::synthesize(const Lock& lock, std::string_view text,
                               const SampleHandler& handler, const SynthOptions& options) {
  if (!lock.owns_lock() || lock.mutex() != &mutex_) {
    throw EngineError("EspeakLibrary::synthesize called without holding the espeak lock");
  }
  // espeak reads a NUL-terminated buffer; the size argument only sizes internal buffers.
  std::string buffer(text);
  CallContext context;
  context.handler = &handler;
  context.on_event = options.on_event;
  // Installed on every call because another user may have replaced the global callback.
  espeak_SetSynthCallback(synth_callback);
  const espeak_ERROR status =
      espeak_Synth(buffer.c_str(), buffer.size() + 1, 0, POS_CHARACTER, 0,
                   espeakCHARS_UTF8 | (options.phonemes ? espeakPHONEMES : 0), nullptr, &context);
  if (context.aborted) {
    // Drops whatever espeak still had queued and restores parameters, so the next call starts
    // clean.
    espeak_Cancel();
  }
  if (context.error) std::rethrow_exception(context.error);
  if (status != EE_OK) {
    throw EngineError("espeak-ng synthesis failed (error " + std::to_string(status) + ")");
  }
  return !context.aborted;
}

}  // namespace chorus
