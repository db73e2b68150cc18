// Copyright 2026 The gwc Authors.
//
// `gwrt serve`: a real HTTP/1.1 gateway on loopback built from a .gwb
// table, for dry runs with curl (docs/serve.md). Every request is routed
// and its policies and filters run exactly as `gwrt match` decides them;
// requests for backends given with --upstream are proxied, the others are
// answered with the decision JSON. The admin port serves /healthz,
// /readyz and Prometheus /metrics. The table is replaced on SIGHUP or when
// its file changes (verified first; a bad file is refused); SIGTERM drains
// and exits.

#ifndef GWRT_SERVE_SERVE_H_
#define GWRT_SERVE_SERVE_H_

#include <string>
#include <vector>

#include "runtime-stub/serve/upstreams.h"

namespace gwrt::serve {

struct ServeOptions {
  std::string table_path;
  std::string listen = "127.0.0.1:8080";  // port 0: any free port (printed)
  std::string admin = "127.0.0.1:9901";
  std::string gateway;                    // "ns/name"; empty: the table's first Gateway
  int gateway_port = 0;                   // the listener port requests arrive on; 0: 80
  UpstreamMap upstreams;
  std::string ratelimit_store;            // empty: in memory; "redis://HOST:PORT[/DB]"
  bool fail_open = true;                  // when the store cannot answer
  std::string access_log = "-";           // "-": stdout, "off", or a file to append to
  int threads = 128;                      // connections served at once
  int drain_seconds = 0;                  // on SIGTERM: /readyz 503 this long before closing
  std::vector<std::string> jwks;          // "URL=FILE": remote JWKS stand-ins, read at every load
};

// Reads the arguments after `serve` (argv[first] is the table). Returns
// false with `error` for an unknown flag or a malformed value.
bool ParseServeOptions(int argc, char** argv, int first, ServeOptions* options, std::string* error);

// Runs until SIGTERM or SIGINT. Returns 0 after a clean shutdown, 2 when
// the table is invalid or a port or the rate-limit store cannot be used
// (the reason is printed on stderr).
int Serve(const ServeOptions& options);

}  // namespace gwrt::serve

#endif  // GWRT_SERVE_SERVE_H_
