// GET /metrics (Prometheus text format), GET /ready (engines loaded and able to serve, cache
// warm-up finished).
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/metrics.h"
#include "server/routes.h"

namespace chorus {

namespace {

std::vector<EngineGauges> engine_gauges(const Router& router) {
  std::vector<EngineGauges> gauges;
  for (const auto& engine : router.engines().engines()) {
    const std::string& name = engine->info().name;
    gauges.push_back({name, engine->healthy(),
                      static_cast<double>(router.admission(name).active()),
                      static_cast<double>(router.admission(name).queued()),
                      static_cast<int>(router.breaker(name).state()), engine->stats()});
  }
  return gauges;
}

}  // namespace

void install_metrics_routes(httplib::Server& http, std::shared_ptr<Router> router,
                            std::shared_ptr<Lifecycle> lifecycle) {
  http.Get("/metrics", [router](const httplib::Request&, httplib::Response& res) {
    res.set_content(Metrics::instance().render(engine_gauges(*router)),
                    "text/plain; version=0.0.4");
  });
  http.Get("/ready", [router, lifecycle](const httplib::Request&, httplib::Response& res) {
    nlohmann::json engines = nlohmann::json::object();
    bool ready = false;
    for (const auto& engine : router->engines().engines()) {
      engines[engine->info().name] = engine->healthy();
      ready = ready || engine->healthy();
    }
    // Traffic is better sent elsewhere until the configured phrases are cached.
    bool warming_up = lifecycle->warming_up();
    ready = ready && !warming_up;
    res.status = ready ? 200 : 503;
    res.set_content(nlohmann::json{{"ready", ready},
                                   {"engines", engines},
                                   {"cache_warmup", warming_up ? "running" : "done"}}
                        .dump(),
                    "application/json");
  });
}

}  // namespace chorus
