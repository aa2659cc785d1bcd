#include "wyoming/wyoming_server.h"

#include <spdlog/spdlog.h>

#include <future>
#include <stdexcept>

#include "wyoming/worker_count.h"
#include "wyoming/wyoming_session.h"

namespace chorus::wyoming {

namespace asio = boost::asio;
using asio::ip::tcp;

WyomingServer::WyomingServer(WyomingConfig config, Services services)
    : config_(std::move(config)), services_(std::move(services)), acceptor_(io_),
      workers_(std::make_shared<WorkerCount>()) {}

WyomingServer::~WyomingServer() { stop(); }

int WyomingServer::bind() {
  boost::system::error_code error;
  auto address = asio::ip::make_address(config_.host == "localhost" ? "127.0.0.1" : config_.host,
                                        error);
  if (error) throw std::runtime_error("wyoming.host: '" + config_.host + "' is not an IP address");
  tcp::endpoint endpoint(address, static_cast<unsigned short>(config_.port));
  acceptor_.open(endpoint.protocol(), error);
  if (!error) acceptor_.set_option(tcp::acceptor::reuse_address(true), error);
  if (!error) acceptor_.bind(endpoint, error);
  if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    throw std::runtime_error("cannot listen for Wyoming on " + config_.host + ":" +
                             std::to_string(config_.port) + " (" + error.message() + ")");
  }
  return acceptor_.local_endpoint().port();
}

void WyomingServer::start() {
  accept();
  thread_ = std::thread([this] { io_.run(); });
}

void WyomingServer::accept() {
  acceptor_.async_accept([this](const boost::system::error_code& error, tcp::socket socket) {
    if (error == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!error) {
      std::erase_if(sessions_, [](const auto& session) { return session.expired(); });
      auto session = std::make_shared<Session>(std::move(socket), config_, services_, workers_);
      if (sessions_.size() >= config_.max_connections) {
        session->fail("too_many_connections",
                      "The server has " + std::to_string(config_.max_connections) +
                          " Wyoming connections open; retry later.");
      } else {
        sessions_.push_back(session);
        session->start();
      }
    } else {
      spdlog::warn("wyoming: accept failed: {}", error.message());
    }
    accept();
  });
}

void WyomingServer::stop() {
  if (stopped_) return;
  stopped_ = true;
  if (thread_.joinable()) {
    std::promise<void> closed;
    asio::post(io_, [this, &closed] {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      for (auto& weak : sessions_) {
        if (auto session = weak.lock()) session->close("server stopping");
      }
      closed.set_value();
    });
    // Once every session is closed no synthesis thread can start; those running end promptly
    // (their sockets belong to io_, so they must be gone before it is).
    closed.get_future().wait();
    workers_->wait_zero();
    io_.stop();
    thread_.join();
  }
}

}  // namespace chorus::wyoming
