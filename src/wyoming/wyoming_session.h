#pragma once
// One Wyoming connection. Its socket is driven by the listener's I/O thread (reads, writes,
// timers, event dispatch); synthesis runs on a thread of the session's own, started with the
// first job, which hands audio events back to the I/O thread and waits while the peer is slow
// to read, so a slow peer holds back the engine instead of growing a buffer.
// Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility> (C++20).
#include <utility>
// clang-format off
#include <boost/asio.hpp>
// clang-format on
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "router/speech_request.h"
#include "wyoming/sentence_buffer.h"
#include "wyoming/wyoming_config.h"
#include "wyoming/wyoming_event.h"
#include "wyoming/wyoming_services.h"

namespace chorus {
class SpeechStream;
}

namespace chorus::wyoming {

class WorkerCount;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket socket, const WyomingConfig& config,
          const Services& services, std::shared_ptr<WorkerCount> workers);

  // I/O thread only.
  void start();
  void close(const std::string& why);
  // Sends an error event, then closes once it is written (the framing can not be trusted).
  void fail(const std::string& code, const std::string& text);

 private:
  using Clock = std::chrono::steady_clock;
  // One piece of text to speak, or the end marker of a streamed request.
  struct Job {
    SpeechRequest request;
    std::uint64_t group = 0;   // the synthesize or synthesize-start it belongs to
    bool starts_audio = true;  // send audio-start before its audio
    bool ends_audio = true;    // send audio-stop after it
    bool stream_end = false;   // send synthesize-stopped (no text)
    Clock::time_point received;
  };

  // I/O thread.
  void read();
  void on_read(const boost::system::error_code& error, std::size_t bytes);
  void dispatch(Event& event);
  void synthesize(const Event& event);
  void synthesize_start(const Event& event);
  void synthesize_chunk(const Event& event);
  void synthesize_stop();
  void send_now(const Event& event);
  void push_out(std::string bytes);
  void write_next();
  void arm_timer();
  void on_timer();
  void enqueue(Job job);

  // Synthesis thread.
  void work();
  void run_job(Job& job);
  void speak(Job& job);
  void count_failure(const Job& job, int status);
  // Queues an event for the I/O thread; waits while too much is unsent. False once closed.
  bool send(const Event& event);
  // Waits until everything queued has been written; false when the connection closed first.
  bool flushed();
  void send_error(std::uint64_t group, const std::string& code, const std::string& text);

  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer timer_;
  const WyomingConfig& config_;
  const Services& services_;
  std::shared_ptr<WorkerCount> workers_;
  std::string peer_;

  // I/O thread state.
  EventReader reader_;
  std::array<char, 16 * 1024> read_buffer_{};
  std::deque<std::string> out_;
  bool writing_ = false;
  bool io_closed_ = false;
  bool close_after_flush_ = false;
  Clock::time_point last_activity_;
  Clock::time_point write_started_;
  // Since when a partly received event has been waiting for its remaining bytes: a peer that
  // trickles bytes must still finish each event within the idle timeout.
  std::optional<Clock::time_point> partial_since_;
  bool streaming_ = false;          // between synthesize-start and synthesize-stop
  // The text of the last stream, until the full-text synthesize that may follow it arrives.
  std::optional<std::string> streamed_text_;
  std::optional<SentenceBuffer> sentences_;
  SpeechRequest stream_template_;
  std::uint64_t group_ = 0;

  // Shared between the I/O thread and the synthesis thread.
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> jobs_;
  std::size_t queued_text_bytes_ = 0;
  std::size_t unsent_bytes_ = 0;
  bool closed_ = false;
  bool working_ = false;      // the synthesis thread exists
  bool job_running_ = false;  // ... and is on a job
  SpeechStream* current_ = nullptr;  // the stream being spoken, cancelled on close
};

}  // namespace chorus::wyoming
