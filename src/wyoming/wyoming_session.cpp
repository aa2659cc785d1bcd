#include "wyoming/wyoming_session.h"

#include <spdlog/spdlog.h>

#include <thread>

#include "core/api_error.h"
#include "core/audio_constants.h"
#include "core/metrics.h"
#include "pipeline/speech_starter.h"
#include "text/sentence_splitter.h"
#include "text/utf8.h"
#include "wyoming/worker_count.h"
#include "wyoming/wyoming_info.h"
#include "wyoming/wyoming_request.h"

namespace chorus::wyoming {
namespace {

using nlohmann::json;
namespace asio = boost::asio;

// Audio a slow peer may leave unread before the synthesis thread waits (about 5 s of PCM).
constexpr std::size_t kMaxUnsentBytes = 256 * 1024;
// PCM per audio-chunk event: about a third of a second at 24 kHz, 16 bit.
constexpr std::size_t kChunkBytes = 16 * 1024;

json audio_format() {
  return {{"rate", kOutputSampleRate}, {"width", 2}, {"channels", kOutputChannels}};
}

// A text longer than one request may hold is spoken as several, cut between sentences.
std::vector<std::string> pieces_of(const std::string& text, const std::string& language,
                                   std::size_t max_chars) {
  if (utf8_length(text) <= max_chars) return {text};
  std::vector<std::string> pieces;
  std::string piece;
  for (auto& sentence : split_sentences(text, language)) {
    if (!piece.empty() && utf8_length(piece) + 1 + utf8_length(sentence.text) > max_chars) {
      pieces.push_back(std::move(piece));
      piece.clear();
    }
    if (!piece.empty()) piece += ' ';
    piece += sentence.text;
  }
  if (!piece.empty()) pieces.push_back(std::move(piece));
  return pieces;
}

}  // namespace

Session::Session(asio::ip::tcp::socket socket, const WyomingConfig& config,
                 const Services& services, std::shared_ptr<WorkerCount> workers)
    : socket_(std::move(socket)), timer_(socket_.get_executor()), config_(config),
      services_(services), workers_(std::move(workers)), reader_(config.frame) {
  boost::system::error_code ignored;
  auto endpoint = socket_.remote_endpoint(ignored);
  peer_ = ignored ? "?" : endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
}

void Session::start() {
  last_activity_ = Clock::now();
  spdlog::debug("wyoming: {} connected", peer_);
  read();
  arm_timer();
}

void Session::close(const std::string& why) {
  if (io_closed_) return;
  io_closed_ = true;
  spdlog::debug("wyoming: {} closed ({})", peer_, why);
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    jobs_.clear();
    if (current_) current_->cancel();
  }
  changed_.notify_all();
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  timer_.cancel();
}

void Session::fail(const std::string& code, const std::string& text) {
  spdlog::info("wyoming: {}: {} ({}), closing", peer_, text, code);
  send_now(Event{"error", {{"text", text}, {"code", code}}, {}});
  close_after_flush_ = true;
}

void Session::read() {
  if (io_closed_ || close_after_flush_) return;
  socket_.async_read_some(asio::buffer(read_buffer_),
                          [self = shared_from_this()](const boost::system::error_code& error,
                                                      std::size_t bytes) {
                            self->on_read(error, bytes);
                          });
}

void Session::on_read(const boost::system::error_code& error, std::size_t bytes) {
  if (io_closed_) return;
  if (error) return close(error == asio::error::eof ? "peer closed" : error.message());
  last_activity_ = Clock::now();
  reader_.feed(std::string_view(read_buffer_.data(), bytes));
  bool completed = false;
  try {
    while (auto event = reader_.next()) {
      completed = true;
      dispatch(*event);
      if (io_closed_ || close_after_flush_) return;
    }
  } catch (const ProtocolError& e) {
    return fail(e.code(), e.what());
  }
  // The clock runs per event: the bytes left over belong to one that began in this read when an
  // earlier one was completed here.
  if (reader_.buffered() == 0) {
    partial_since_.reset();
  } else if (completed || !partial_since_) {
    partial_since_ = last_activity_;
  }
  read();
}

void Session::dispatch(Event& event) {
  try {
    if (event.type == "describe") {
      send_now(Event{"info", describe_info(*services_.router), {}});
    } else if (event.type == "synthesize") {
      synthesize(event);
    } else if (event.type == "synthesize-start") {
      synthesize_start(event);
    } else if (event.type == "synthesize-chunk") {
      synthesize_chunk(event);
    } else if (event.type == "synthesize-stop") {
      synthesize_stop();
    } else if (event.type == "ping") {
      json data = json::object();
      if (auto text = event.data.find("text"); text != event.data.end()) data["text"] = *text;
      send_now(Event{"pong", data, {}});
    } else {
      // Other programs' events (asr, wake...) are not for a TTS service; the connection stays.
      send_now(Event{"error",
                     {{"text", "Unknown or unsupported event '" + event.type + "'."},
                      {"code", "unknown_event"}},
                     {}});
    }
  } catch (const ApiError& e) {
    send_now(Event{"error", {{"text", e.what()}, {"code", e.code().empty() ? e.type() : e.code()}},
                   {}});
  } catch (const std::exception& e) {
    // Nothing may escape into the I/O thread's run loop: that would end the process.
    spdlog::error("wyoming: {}: {} failed: {}", peer_, event.type, e.what());
    send_now(Event{"error", {{"text", "Internal error: " + std::string(e.what())},
                             {"code", "internal_error"}},
                   {}});
  }
}

void Session::synthesize(const Event& event) {
  // Home Assistant sends the whole text once more as a plain synthesize, for services that do
  // not stream: it is (or was) spoken from the stream. It comes during the stream; one right
  // after it is skipped only when it repeats the streamed text.
  if (streaming_) {
    streamed_text_.reset();
    return;
  }
  std::string text = text_of(event.data, false);
  if (streamed_text_) {
    bool repeated = collapse_whitespace(text) == collapse_whitespace(*streamed_text_);
    streamed_text_.reset();
    if (repeated) return;
  }
  SpeechRequest request = request_template(event.data, *services_.router);
  auto pieces = pieces_of(text, request.language.value_or(""), services_.max_input_chars);
  std::uint64_t group = ++group_;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    Job job{request, group, i == 0, i + 1 == pieces.size(), false, Clock::now()};
    job.request.input = std::move(pieces[i]);
    enqueue(std::move(job));
  }
}

void Session::synthesize_start(const Event& event) {
  stream_template_ = request_template(event.data, *services_.router);
  sentences_.emplace(stream_template_.language.value_or(""), services_.max_input_chars);
  streaming_ = true;
  streamed_text_.emplace();
  ++group_;
}

void Session::synthesize_chunk(const Event& event) {
  if (!streaming_) {
    throw ApiError::invalid("synthesize-chunk outside synthesize-start/-stop.", {},
                            "unexpected_event");
  }
  std::string text = text_of(event.data, true);
  if (streamed_text_) {
    // Kept only to recognize the repeat, which has to fit in one event's data anyway.
    if (streamed_text_->size() + text.size() <= config_.frame.max_data_bytes) {
      *streamed_text_ += text;
    } else {
      streamed_text_.reset();
    }
  }
  for (auto& sentence : sentences_->add(text)) {
    Job job{stream_template_, group_, true, true, false, Clock::now()};
    job.request.input = std::move(sentence);
    enqueue(std::move(job));
  }
}

void Session::synthesize_stop() {
  if (!streaming_) {
    throw ApiError::invalid("synthesize-stop without synthesize-start.", {}, "unexpected_event");
  }
  streaming_ = false;
  std::string rest = sentences_->finish();
  sentences_.reset();
  if (!rest.empty()) {
    Job job{stream_template_, group_, true, true, false, Clock::now()};
    job.request.input = std::move(rest);
    enqueue(std::move(job));
  }
  enqueue(Job{{}, group_, false, false, true, Clock::now()});
}

void Session::enqueue(Job job) {
  bool start_thread = false;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    if (queued_text_bytes_ + job.request.input.size() > config_.max_queued_text_bytes) {
      throw ApiError(413, "Too much text waiting to be spoken on this connection.",
                     "invalid_request_error", "text", "too_much_text");
    }
    queued_text_bytes_ += job.request.input.size();
    jobs_.push_back(std::move(job));
    start_thread = !working_;
    working_ = true;
  }
  changed_.notify_all();
  if (start_thread) {
    workers_->add();
    // Detached: the thread keeps the session alive and ends once it is closed; the listener
    // waits for the count to reach zero before it goes away.
    std::thread([self = shared_from_this(), workers = workers_]() mutable {
      self->work();
      self.reset();
      workers->remove();
    }).detach();
  }
}

void Session::send_now(const Event& event) {
  std::string bytes = encode_event(event);
  {
    std::lock_guard lock(mutex_);
    unsent_bytes_ += bytes.size();
  }
  push_out(std::move(bytes));
}

void Session::push_out(std::string bytes) {
  if (io_closed_) return;
  out_.push_back(std::move(bytes));
  if (!writing_) write_next();
}

void Session::write_next() {
  if (io_closed_) return;
  if (out_.empty()) {
    writing_ = false;
    if (close_after_flush_) close("error sent");
    return;
  }
  writing_ = true;
  write_started_ = Clock::now();
  asio::async_write(socket_, asio::buffer(out_.front()),
                    [self = shared_from_this()](const boost::system::error_code& error,
                                                std::size_t) {
                      if (self->io_closed_) return;
                      std::size_t size = self->out_.front().size();
                      self->out_.pop_front();
                      {
                        std::lock_guard lock(self->mutex_);
                        self->unsent_bytes_ -= size;
                      }
                      self->changed_.notify_all();
                      if (error) return self->close("peer gone: " + error.message());
                      self->last_activity_ = Clock::now();
                      self->write_next();
                    });
}

void Session::arm_timer() {
  timer_.expires_after(std::chrono::seconds(1));
  timer_.async_wait([self = shared_from_this()](const boost::system::error_code& error) {
    if (!error) self->on_timer();
  });
}

void Session::on_timer() {
  if (io_closed_) return;
  auto now = Clock::now();
  if (writing_ && now - write_started_ > std::chrono::seconds(config_.write_timeout_seconds)) {
    return close("write timeout: the peer reads no audio");
  }
  if (partial_since_ &&
      now - *partial_since_ > std::chrono::seconds(config_.idle_timeout_seconds)) {
    return close("an event was not completed within the idle timeout");
  }
  bool busy = false;
  {
    std::lock_guard lock(mutex_);
    busy = !jobs_.empty() || job_running_;
  }
  if (!busy && !writing_ && now - last_activity_ > std::chrono::seconds(config_.idle_timeout_seconds)) {
    return close("idle timeout");
  }
  arm_timer();
}

// ---- synthesis thread ----

bool Session::send(const Event& event) {
  std::string bytes = encode_event(event);
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return closed_ || unsent_bytes_ < kMaxUnsentBytes; });
    if (closed_) return false;
    unsent_bytes_ += bytes.size();
  }
  asio::post(socket_.get_executor(), [self = shared_from_this(), bytes = std::move(bytes)]() mutable {
    self->push_out(std::move(bytes));
  });
  return true;
}

bool Session::flushed() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return closed_ || unsent_bytes_ == 0; });
  // A peer that closes as soon as it has read the last event did get everything.
  return unsent_bytes_ == 0;
}

void Session::send_error(std::uint64_t group, const std::string& code, const std::string& text) {
  spdlog::info("wyoming: {}: {} ({})", peer_, text, code);
  send(Event{"error", {{"text", text}, {"code", code}}, {}});
  // The rest of that request is dropped: the peer got its answer.
  std::lock_guard lock(mutex_);
  std::erase_if(jobs_, [&](const Job& job) {
    if (job.group != group) return false;
    queued_text_bytes_ -= job.request.input.size();
    return true;
  });
}

void Session::work() {
  // Sentences of one stream keep the language of the first, as the long-form CLI does, so a
  // detected language cannot switch voices halfway.
  std::uint64_t language_group = 0;
  std::optional<std::string> group_language;
  while (true) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return closed_ || !jobs_.empty(); });
      if (closed_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      queued_text_bytes_ -= job.request.input.size();
      job_running_ = true;
    }
    if (job.group != language_group) {
      language_group = job.group;
      group_language.reset();
    }
    if (!job.request.language && group_language) job.request.language = group_language;
    run_job(job);
    if (!group_language) group_language = job.request.language;
    std::lock_guard lock(mutex_);
    job_running_ = false;
  }
}

void Session::count_failure(const Job& job, int status) {
  Metrics::instance().request_finished(
      "wyoming", status, "", "pcm",
      std::chrono::duration<double>(Clock::now() - job.received).count());
}

void Session::run_job(Job& job) {
  if (job.stream_end) {
    send(Event{"synthesize-stopped", {}, {}});
    return;
  }
  try {
    speak(job);
  } catch (const ApiError& e) {
    count_failure(job, e.status());
    send_error(job.group, e.code().empty() ? e.type() : e.code(), e.what());
  } catch (const std::exception& e) {
    count_failure(job, 500);
    send_error(job.group, "synthesis_failed", std::string("Synthesis failed: ") + e.what());
  }
}

void Session::speak(Job& job) {
  if (services_.draining && services_.draining()) {
    throw ApiError(503, "The server is shutting down.", "server_error", {}, "shutting_down");
  }
  auto in_flight = services_.track ? services_.track() : nullptr;
  CacheUse use{services_.cache, true, true};
  StartedSpeech started =
      start_speech(*services_.router, job.request, {}, services_.cache ? &use : nullptr);
  {
    std::lock_guard lock(mutex_);
    current_ = started.stream.get();
    if (closed_ && current_) current_->cancel();
  }
  struct Release {
    Session& session;
    ~Release() {
      std::lock_guard lock(session.mutex_);
      session.current_ = nullptr;
    }
  } release{*this};

  const std::string engine = started.cached ? started.cached->engine
                                            : started.stream->plan().engine->info().name;
  if (!job.request.language) {
    job.request.language = started.cached ? started.cached->language
                                          : started.stream->plan().language;
  }
  double first_byte = std::chrono::duration<double>(Clock::now() - job.received).count();
  Metrics::instance().first_byte(engine, "pcm", first_byte);

  bool open = !job.starts_audio || send(Event{"audio-start", audio_format(), {}});
  std::string carry;  // an odd byte must not split a sample across events
  auto emit = [&](const std::string& bytes, bool record) {
    if (record && started.recorder) started.recorder->append(bytes);
    carry += bytes;
    std::size_t usable = carry.size() - carry.size() % 2;
    for (std::size_t offset = 0; open && offset < usable; offset += kChunkBytes) {
      open = send(Event{"audio-chunk", audio_format(),
                        carry.substr(offset, std::min(kChunkBytes, usable - offset))});
    }
    carry.erase(0, usable);
  };
  if (started.cached) {
    emit(started.cached->audio, false);
  } else {
    emit(started.first_bytes, true);
    std::string bytes;
    while (open && !started.complete && started.stream->next(bytes)) emit(bytes, true);
    if (open && started.recorder && started.stream->completed()) {
      started.recorder->finish(started.stream->audio_seconds());
    }
    started.stream->cancel();
    Metrics::instance().audio_produced(engine, started.stream->audio_seconds(),
                                       started.stream->synthesis_seconds());
  }
  if (open && job.ends_audio) open = send(Event{"audio-stop", {}, {}});
  // In flight until the peer has it all: a graceful shutdown must not close the connection on
  // audio still waiting to be written.
  if (open) open = flushed();
  Metrics::instance().request_finished(
      "wyoming", open ? 200 : 499, engine, "pcm",
      std::chrono::duration<double>(Clock::now() - job.received).count());
}

}  // namespace chorus::wyoming
