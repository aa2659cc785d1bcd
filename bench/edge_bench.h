#pragma once
// The HTTP edge as clients really connect: kept-alive connections (1 and 8, as wrk and the
// OpenAI SDKs do), one connection per request, and normal requests while idle or slowloris
// connections are held open.
namespace chorus::bench {

void run_edge_bench(int port);

}  // namespace chorus::bench
