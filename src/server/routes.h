#pragma once
#include <memory>

#include "router/router.h"
#include "server/server_config.h"

namespace httplib {
class Server;
}

namespace chorus {

void install_speech_routes(httplib::Server& http, const ServerConfig& config,
                           std::shared_ptr<Router> router);
void install_catalog_routes(httplib::Server& http, std::shared_ptr<Router> router);

}  // namespace chorus
