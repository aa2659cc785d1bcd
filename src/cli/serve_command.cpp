#include <pthread.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <thread>

#include "cli/commands.h"
#include "core/memory_policy.h"
#include "engines/engine_registry.h"
#include "router/cloned_voice_route.h"
#include "server/http_server.h"
#include "wyoming/wyoming_server.h"

namespace chorus {
namespace {

sigset_t stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

// SIGINT/SIGTERM are blocked before any thread exists (engines and the HTTP pool start threads,
// which inherit the mask) and waited for on one dedicated thread, so the shutdown path runs as
// ordinary code rather than inside a signal handler.
void block_stop_signals() {
  sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

// `served` tells the thread that serve() already returned: the wake-up signal it then gets comes
// from serve() itself, so that the thread can be joined before the server is destroyed.
std::thread stop_on_signal(HttpServer& server, const std::atomic<bool>& served) {
  return std::thread([&server, &served, signals = stop_signals()] {
    int received = 0;
    sigwait(&signals, &received);
    if (served) return;
    spdlog::info("received signal {}, shutting down", received);
    server.shutdown();
  });
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

int serve(ServerConfig& config) {
  config.Validate();
  block_stop_signals();
  const std::string memory_policy = apply_memory_policy();
  spdlog::info("chorus {} starting: {}", CHORUS_VERSION, config.ToString());
  spdlog::info("{}", memory_policy);
  auto router = std::make_shared<Router>(create_engines(config.engines), config.router);
  for (const auto& engine : router->engines().engines()) {
    const auto& info = engine->info();
    spdlog::info("engine {} loaded: {} ({} languages, {} voices)", info.name, info.model_version,
                 info.languages.size(), engine->voices().size());
  }
  router->set_cloned_voices(open_cloned_voices(config.data_dir, config.voice_store));
  HttpServer server(config, router);
  int port = server.bind();
  if (config.access.keys.empty() && config.access.admin_keys.empty()) {
    if (is_loopback(config.host)) {
      spdlog::info("no API keys configured: serving this machine only (loopback); set "
                   "auth.keys to expose chorus to a network");
    } else {
      spdlog::warn("no API keys configured and listening on {}: anyone who can reach this "
                   "address can use the server (set auth.keys)",
                   config.host);
    }
  }
  std::unique_ptr<wyoming::WyomingServer> wyoming_server;
  if (config.wyoming.enabled()) {
    wyoming::Services services{router, server.cache(),
                               [lifecycle = server.lifecycle()] { return lifecycle->track(); },
                               [lifecycle = server.lifecycle()] { return lifecycle->draining(); },
                               config.speech.max_input_chars};
    wyoming_server = std::make_unique<wyoming::WyomingServer>(config.wyoming, std::move(services));
    int wyoming_port = wyoming_server->bind();
    if (!is_loopback(config.wyoming.host)) {
      spdlog::warn("Wyoming has no API keys: anyone who can reach {} can use every voice "
                   "(see docs/integrations.md on exposing it safely)",
                   config.wyoming.host);
    }
    spdlog::info("Wyoming (Home Assistant) listening on tcp://{}:{}", config.wyoming.host,
                 wyoming_port);
    wyoming_server->start();
  }
  spdlog::info("listening on http://{}:{}", config.host, port);
  std::atomic<bool> served{false};
  std::thread signal_thread = stop_on_signal(server, served);
  server.serve();
  // The shutdown started by a signal may still be running on that thread: join it before the
  // server goes away (and wake it first if serve() returned on its own).
  served = true;
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  // After the drain (which counted Wyoming syntheses too): close the remaining connections.
  if (wyoming_server) wyoming_server->stop();
  spdlog::info("stopped");
  return 0;
}

}  // namespace

void register_serve_command(CLI::App& app, ServerConfig& config) {
  auto* command = app.add_subcommand("serve", "Run the OpenAI-compatible HTTP server");
  command->add_option("--host", config.host, "Address to listen on")->capture_default_str();
  command->add_option("--port", config.port, "Port to listen on (0 = any free port)")
      ->capture_default_str();
  command->add_option("--max-input-chars", config.speech.max_input_chars,
                      "Longest accepted 'input', in characters")
      ->capture_default_str();
  command->add_option("--max-body-bytes", config.max_body_bytes, "Largest accepted request body")
      ->capture_default_str();
  command->add_option("--max-upload-bytes", config.max_upload_bytes,
                      "Largest accepted voice sample upload")
      ->capture_default_str();
  command->add_option("--max-concurrent", config.router.admission.max_active,
                      "Requests synthesized at once per engine")
      ->capture_default_str();
  command->add_option("--max-queued", config.router.admission.max_queued,
                      "Requests waiting per engine before 429")
      ->capture_default_str();
  command->add_option("--default-language", config.router.default_language,
                      "Language for OpenAI voice names when the request gives none")
      ->capture_default_str();
  command->add_option("--wyoming-port", config.wyoming.port,
                      "Also serve the Wyoming protocol (Home Assistant) on this port "
                      "(-1 = off, 0 = any free port)")
      ->capture_default_str();
  command->add_option("--wyoming-host", config.wyoming.host,
                      "Address of the Wyoming listener (no API keys there: keep it private)")
      ->capture_default_str();
  command->add_option("--cache-redis", config.cache.redis_url,
                      "Shared result cache on Redis behind the memory cache: "
                      "redis://[:password@]host[:port][/db] or unix:/path (cache.redis_url)");
  add_engine_options(*command, config);
  command->callback([&config] { throw CLI::RuntimeError(serve(config)); });
}

}  // namespace chorus
