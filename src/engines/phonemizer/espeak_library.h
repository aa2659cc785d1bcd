#pragma once
// Process-wide access to libespeak-ng.
//
// Why a mutex: libespeak-ng keeps all of its state in globals (current voice, rate, the synth
// callback, translator buffers, the output buffer). Two threads inside the library at once
// corrupt each other's voice or audio, and espeak_Initialize must run only once per process.
// Every user in the process (the espeak engine, a phonemizer using espeak_TextToPhonemes, ...)
// therefore takes EspeakLibrary::instance().lock() around every espeak_* call.
#include <cstdint>
#include <functional>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

namespace chorus {

class EspeakLibrary {
 public:
  using Lock = std::unique_lock<std::mutex>;
  // Receives 16-bit PCM pieces while espeak synthesizes; returns false to abort.
  using SampleHandler = std::function<bool(std::span<const std::int16_t>)>;
  // A word start or clause end espeak reported while synthesizing (espeakEVENT_WORD/END).
  struct SynthEvent {
    enum class Kind { kWord, kClauseEnd };
    Kind kind = Kind::kWord;
    int text_position = 0;  // 1-based character index into the text
    int length = 0;         // characters (words)
    int audio_ms = 0;       // from the start of this synthesis
  };
  using EventHandler = std::function<void(const SynthEvent&)>;
  struct SynthOptions {
    const EventHandler* on_event = nullptr;  // set: word and clause events are reported
    bool phonemes = false;                    // read "[[...]]" as phoneme mnemonics
  };

  static EspeakLibrary& instance();

  // Initializes libespeak-ng once per process (later calls are no-ops; a later call with a
  // different data path only logs a warning, the library cannot be re-pointed while others use
  // it). data_path may name espeak-ng-data itself or its parent; empty = the library default.
  // Throws EngineError when the data cannot be loaded.
  void initialize(const std::string& data_path);

  // Takes the process-wide lock, initializing with the default data path if nobody did yet.
  // Hold it for every espeak_* call. Not recursive: never call lock() again while holding it.
  [[nodiscard]] Lock lock();

  int sample_rate() const { return sample_rate_; }   // valid after initialization
  const std::string& version() const { return version_; }      // e.g. "1.51"
  const std::string& data_path() const { return data_path_; }  // the directory espeak uses

  // Makes `name` ("en-us", "en-us+f2") the current voice. espeak_SetVoiceByName reloads the
  // voice every time, and libespeak-ng 1.51 loses about 1.3 KiB per reload followed by
  // espeak_TextToPhonemes: so the voice is only set when it changes. Requires the lock.
  bool select_voice(const Lock& lock, const std::string& name);
  // Loads `name` afresh even when it is current: synthesis wants the voice file's own settings
  // back (espeak's prosody otherwise carries over from the previous utterance). Requires the lock.
  bool load_voice(const Lock& lock, const std::string& name);

  // Synthesizes UTF-8 text with the current voice and parameters, feeding the handler from
  // espeak's synchronous callback. Returns false when the handler aborted. Exceptions thrown
  // by the handler are caught before they reach C code and rethrown here. Throws EngineError
  // on espeak errors. Requires the lock (passed as proof).
  bool synthesize(const Lock& lock, std::string_view text, const SampleHandler& handler,
                  const SynthOptions& options);
  bool synthesize(const Lock& lock, std::string_view text, const SampleHandler& handler) {
    return synthesize(lock, text, handler, SynthOptions{});
  }

 private:
  EspeakLibrary() = default;
  void initialize_locked(const std::string& data_path);

  std::mutex mutex_;
  bool initialized_ = false;
  std::string current_voice_;  // what select_voice() last set; empty = unknown
  int sample_rate_ = 0;
  std::string version_;
  std::string data_path_;
  std::string requested_path_;
};

}  // namespace chorus
