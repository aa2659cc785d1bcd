#include "cli/longform.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include "cli/audio_file_writer.h"
#include "cli/paragraph_reader.h"
#include "cli/progress.h"
#include "cli/resume_state.h"
#include "cli/subtitle_writer.h"
#include "core/api_error.h"
#include "pipeline/speech_starter.h"
#include "text/chunker.h"
#include "text/sentence_splitter.h"

namespace chorus {
namespace {

// Longest piece sent as one request: a sentence longer than this is cut at clauses or words.
// Each piece becomes one subtitle cue, so this also bounds a cue's length.
constexpr std::size_t kMaxPieceChars = 300;

std::uint64_t file_size(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0 ? static_cast<std::uint64_t>(info.st_size) : 0;
}

// Everything that changes the audio: resuming with different settings would mix two voices.
std::string run_fingerprint(const LongformOptions& options) {
  const SpeechRequest& r = options.request;
  std::ostringstream out;
  out << file_fingerprint(options.input_path) << '|' << format_name(r.format) << '|' << r.voice
      << '|' << r.model << '|' << r.language.value_or("") << '|' << r.speed << '|'
      << (options.subtitles.empty() ? "" : "srt");
  return out.str();
}

// Speaks one piece of text and appends its audio. The piece gets a stream of its own (raw PCM),
// so its exact sample count (the subtitle timing) is known when it ends; start_speech gives it
// the same engine choice and fallback as an HTTP request.
void speak_piece(const Router& router, SpeechRequest& request, const std::string& text,
                 AudioFileWriter& writer) {
  request.input = text;
  StartedSpeech started = start_speech(router, request);
  // The first piece fixes the language for the rest, so a detected language cannot change
  // voice halfway through a book.
  if (!request.language) request.language = started.stream->plan().language;
  std::string carry;  // an odd trailing byte, should the PCM ever split mid-sample
  std::vector<int16_t> samples;
  auto append = [&](const std::string& bytes) {
    carry += bytes;
    std::size_t count = carry.size() / 2;
    samples.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      samples[i] = static_cast<int16_t>(static_cast<unsigned char>(carry[2 * i]) |
                                        (static_cast<unsigned char>(carry[2 * i + 1]) << 8));
    }
    writer.write(samples);
    carry.erase(0, count * 2);
  };
  append(started.first_bytes);
  if (started.complete) return;
  std::string bytes;
  while (started.stream->next(bytes)) append(bytes);
}

}  // namespace

bool resumable_format(AudioFormat format) {
  return format == AudioFormat::kPcm || format == AudioFormat::kWav ||
         format == AudioFormat::kMp3 || format == AudioFormat::kAac;
}

double speak_long_text(const Router& router, const LongformOptions& options,
                       std::istream& fallback_input) {
  bool from_file = !options.input_path.empty();
  bool to_file = !options.output.empty() && options.output != "-";
  std::ifstream file;
  if (from_file) {
    file.open(options.input_path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot read " + options.input_path);
  }
  std::istream& input = from_file ? file : fallback_input;

  // Resume bookkeeping exists only when both ends are files.
  bool checkpoints = from_file && to_file;
  std::string state_path = checkpoints ? resume_state_path(options.output) : "";
  std::string fingerprint = checkpoints ? run_fingerprint(options) : "";
  std::optional<ResumeState> resume;
  if (options.resume) {
    auto state = checkpoints ? load_resume_state(state_path) : std::nullopt;
    if (!resumable_format(options.request.format)) {
      spdlog::warn("{} output cannot be continued; starting from the beginning",
                   format_name(options.request.format));
    } else if (!state) {
      spdlog::warn("nothing to resume for {}; starting from the beginning", options.output);
    } else if (state->fingerprint != fingerprint) {
      spdlog::warn("the text or options changed since the interrupted run; starting over");
    } else if (file_size(options.output) < state->output_bytes ||
               (!options.subtitles.empty() && file_size(options.subtitles) < state->subtitle_bytes)) {
      spdlog::warn("{} is shorter than the saved state; starting over", options.output);
    } else {
      resume = state;
    }
  }

  std::uint64_t start = resume ? resume->input_offset : 0;
  if (resume) {
    input.seekg(static_cast<std::streamoff>(start));
    if (!input) throw std::runtime_error("cannot seek in " + options.input_path);
    spdlog::info("resuming at byte {} of the text ({:.1f} s of audio already written)", start,
                 static_cast<double>(resume->samples) / 24000.0);
  }
  AudioFileWriter writer(options.output, options.request.format,
                         resume ? resume->output_bytes : 0, resume ? resume->samples : 0);
  std::optional<SubtitleWriter> subtitles;
  if (!options.subtitles.empty()) {
    subtitles.emplace(options.subtitles, resume ? resume->subtitle_bytes : 0,
                      resume ? resume->cues : 0);
  }

  Progress progress(from_file ? Progress::style_for(options.quiet) : Progress::Style::kQuiet,
                    from_file ? file_size(options.input_path) : 0, start);
  SpeechRequest request = options.request;
  request.format = AudioFormat::kPcm;  // pieces come back as raw samples for the one encoder
  // A resumed run speaks in the language the interrupted one settled on, or the voice could
  // change at the resume point.
  if (resume && !resume->language.empty() && !request.language) {
    request.language = resume->language;
  }
  std::string language = request.language.value_or(router.config().default_language);

  ParagraphReader reader(input, start);
  Paragraph paragraph;
  bool first_piece = true;
  while (reader.next(paragraph)) {
    for (const Sentence& sentence : split_sentences(paragraph.text, language)) {
      for (const std::string& piece : fit_to_length(sentence.text, kMaxPieceChars)) {
        double begin = writer.seconds();
        try {
          speak_piece(router, request, piece, writer);
        } catch (const ApiError& error) {
          // A bad voice or model fails on the first piece; later, one odd piece (a row of
          // symbols the engine rejects) is skipped rather than losing hours of audio.
          if (first_piece || error.status() != 400) throw;
          spdlog::warn("skipped a piece the engine rejected: {}", error.what());
          continue;
        }
        if (first_piece && request.language) language = *request.language;
        first_piece = false;
        if (subtitles) subtitles->cue(begin, writer.seconds(), piece);
        progress.update(reader.offset(), writer.seconds());
      }
    }
    if (paragraph.ends_section) writer.silence(kParagraphPauseSeconds);
    if (checkpoints) {
      ResumeState state;
      state.fingerprint = fingerprint;
      state.input_offset = paragraph.end_offset;
      state.output_bytes = writer.checkpoint();
      state.samples = writer.samples();
      state.language = request.language.value_or("");
      if (subtitles) {
        state.subtitle_bytes = subtitles->sync();
        state.cues = subtitles->cues();
      }
      save_resume_state(state_path, state);
    }
    progress.update(reader.offset(), writer.seconds());
  }
  writer.finish();
  if (subtitles) subtitles->sync();
  if (checkpoints) std::remove(state_path.c_str());
  progress.finish(writer.seconds());
  return writer.seconds();
}

}  // namespace chorus
