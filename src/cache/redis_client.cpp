#include "cache/redis_client.h"

#include <hiredis/hiredis.h>
#include <pthread.h>
#include <signal.h>
#include <sys/time.h>

#include <algorithm>
#include <cerrno>
#include <ctime>

namespace chorus {
namespace {

// hiredis writes with write(2), which raises SIGPIPE when Redis has closed the connection, and
// SIGPIPE's default action ends the process. The signal is blocked on this thread while hiredis
// runs; one raised meanwhile is taken off the pending set before the old mask returns, so it
// is never delivered (the failed write reports EPIPE instead).
class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    already_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_, &previous_);
  }
  ~SigpipeBlocked() {
    if (!already_pending_) {
      sigset_t pending;
      sigpending(&pending);
      if (sigismember(&pending, SIGPIPE) == 1) {
        timespec no_wait{0, 0};
        sigtimedwait(&pipe_, nullptr, &no_wait);
      }
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeBlocked(const SigpipeBlocked&) = delete;
  SigpipeBlocked& operator=(const SigpipeBlocked&) = delete;

 private:
  sigset_t pipe_;
  sigset_t previous_;
  bool already_pending_ = false;
};

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

RedisReply convert(const redisReply& raw) {
  RedisReply reply;
  switch (raw.type) {
    case REDIS_REPLY_STRING:
      reply.kind = RedisReply::Kind::kString;
      reply.text.assign(raw.str, raw.len);
      break;
    case REDIS_REPLY_STATUS:
      reply.kind = RedisReply::Kind::kStatus;
      reply.text.assign(raw.str, raw.len);
      break;
    case REDIS_REPLY_ERROR:
      reply.kind = RedisReply::Kind::kError;
      reply.text.assign(raw.str, raw.len);
      break;
    case REDIS_REPLY_INTEGER:
      reply.kind = RedisReply::Kind::kInteger;
      reply.integer = raw.integer;
      break;
    case REDIS_REPLY_NIL:
      reply.kind = RedisReply::Kind::kNil;
      break;
    default:
      reply.kind = RedisReply::Kind::kOther;
  }
  return reply;
}

}  // namespace

struct RedisClient::Connection {
  redisContext* context = nullptr;
};

void RedisClient::ConnectionDeleter::operator()(Connection* connection) const {
  if (connection->context) redisFree(connection->context);
  delete connection;
}

RedisClient::RedisClient(RedisClientOptions options) : options_(std::move(options)) {}

RedisClient::~RedisClient() = default;

RedisClient::ConnectionPtr RedisClient::connect(std::string& error) const {
  const RedisEndpoint& endpoint = options_.endpoint;
  const timeval timeout = to_timeval(options_.timeout);
  ConnectionPtr connection(new Connection);
  connection->context =
      endpoint.is_unix()
          ? redisConnectUnixWithTimeout(endpoint.socket_path.c_str(), timeout)
          : redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, timeout);
  redisContext* context = connection->context;
  if (!context) {
    error = "cannot allocate a connection";
    return nullptr;
  }
  if (context->err) {
    error = std::string("connect: ") + context->errstr;
    return nullptr;
  }
  if (redisSetTimeout(context, timeout) != REDIS_OK) {
    error = "cannot set the socket timeout";
    return nullptr;
  }
  if (!endpoint.is_unix()) redisEnableKeepAlive(context);
  // AUTH, then SELECT: each must answer +OK. Their error replies never echo the password.
  auto setup = [&](std::vector<std::string_view> args, const char* what) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (auto arg : args) {
      argv.push_back(arg.data());
      lengths.push_back(arg.size());
    }
    RedisReply reply;
    bool retryable = false;
    if (!run(connection, argv, lengths, reply, error, retryable)) return false;
    if (reply.kind != RedisReply::Kind::kStatus) {
      error = std::string(what) + " refused: " + reply.text;
      return false;
    }
    return true;
  };
  if (!endpoint.password.empty()) {
    std::vector<std::string_view> args{"AUTH"};
    if (!endpoint.user.empty()) args.push_back(endpoint.user);
    args.push_back(endpoint.password);
    if (!setup(args, "AUTH")) return nullptr;
  }
  if (endpoint.db != 0) {
    const std::string db = std::to_string(endpoint.db);
    if (!setup({"SELECT", db}, "SELECT")) return nullptr;
  }
  return connection;
}

bool RedisClient::run(ConnectionPtr& connection, const std::vector<const char*>& argv,
                      const std::vector<std::size_t>& lengths, RedisReply& reply,
                      std::string& error, bool& retryable) const {
  redisReply* raw = nullptr;
  int saved_errno = 0;
  {
    SigpipeBlocked no_sigpipe;
    errno = 0;
    // hiredis 0.14 declares argv as const char** although it only reads it.
    raw = static_cast<redisReply*>(redisCommandArgv(connection->context,
                                                    static_cast<int>(argv.size()),
                                                    const_cast<const char**>(argv.data()),
                                                    lengths.data()));
    saved_errno = errno;
  }
  if (!raw) {
    const int kind = connection->context->err;
    error = connection->context->errstr[0] ? connection->context->errstr : "connection failed";
    if (kind == REDIS_ERR_IO && (saved_errno == EAGAIN || saved_errno == EWOULDBLOCK)) {
      error = "timed out after " + std::to_string(options_.timeout.count()) + " ms";
    }
    // The server closed or reset a connection that sat in the pool (Redis restarted): a new one
    // may work at once. A timeout is not retried: the server is there but slow.
    retryable = kind == REDIS_ERR_EOF ||
                (kind == REDIS_ERR_IO && (saved_errno == ECONNRESET || saved_errno == EPIPE));
    connection.reset();
    return false;
  }
  reply = convert(*raw);
  freeReplyObject(raw);
  return true;
}

RedisResult RedisClient::command(std::initializer_list<std::string_view> args) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (auto arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  RedisResult result;
  ConnectionPtr connection;
  {
    std::lock_guard lock(mutex_);
    if (state_ == State::kDown) {
      if (Clock::now() < retry_at_ || probing_) {
        result.outcome = RedisResult::Outcome::kSkipped;
        return result;
      }
      probing_ = true;  // this caller probes; the others keep skipping
    }
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  const bool reused = connection != nullptr;
  bool retryable = false;
  if (connection && run(connection, argv, lengths, result.reply, result.error, retryable)) {
    result.outcome = RedisResult::Outcome::kReplied;
    succeeded(std::move(connection));
    return result;
  }
  if (reused && retryable) {
    // The other pooled connections are as stale as this one was.
    std::lock_guard lock(mutex_);
    idle_.clear();
  }
  if (!reused || retryable) {
    connection = connect(result.error);
    if (connection && run(connection, argv, lengths, result.reply, result.error, retryable)) {
      result.outcome = RedisResult::Outcome::kReplied;
      succeeded(std::move(connection));
      return result;
    }
  }
  failed(result.error);
  result.outcome = RedisResult::Outcome::kFailed;
  return result;
}

void RedisClient::succeeded(ConnectionPtr connection) {
  std::lock_guard lock(mutex_);
  state_ = State::kUp;
  backoff_ = std::chrono::milliseconds(0);
  probing_ = false;
  if (idle_.size() < options_.max_idle) idle_.push_back(std::move(connection));
}

void RedisClient::failed(const std::string& error) {
  std::lock_guard lock(mutex_);
  state_ = State::kDown;
  probing_ = false;
  backoff_ = backoff_.count() == 0 ? options_.min_backoff
                                   : std::min(backoff_ * 2, options_.max_backoff);
  retry_at_ = Clock::now() + backoff_;
  last_error_ = error;
  idle_.clear();
}

RedisClient::Status RedisClient::status() const {
  std::lock_guard lock(mutex_);
  Status status;
  status.state = state_ == State::kUp ? "up" : state_ == State::kDown ? "down" : "unknown";
  status.last_error = last_error_;
  if (state_ == State::kDown) {
    status.retry_in_seconds =
        std::max(0.0, std::chrono::duration<double>(retry_at_ - Clock::now()).count());
  }
  return status;
}

}  // namespace chorus
