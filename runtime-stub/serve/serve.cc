// Copyright 2026 The gwc Authors.
//
// The gateway loop of `gwrt serve` (serve.h): cpp-httplib's server with a
// thread per connection, one gateway handler for every request, the admin
// server, and a control thread that takes signals and watches the table's
// file. Requests cpp-httplib cannot read safely are refused before
// routing (see Malformed).

#include "runtime-stub/serve/serve.h"

#include <httplib.h>
#include <signal.h>
#include <strings.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "runtime-stub/json/decision_json.h"
#include "runtime-stub/serve/access_log.h"
#include "runtime-stub/serve/live_table.h"
#include "runtime-stub/serve/metrics.h"
#include "runtime-stub/serve/redis_store.h"

namespace gwrt::serve {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitInvalid = 2;

// "HOST:PORT" with a port in 0..65535.
bool SplitHostPort(const std::string& text, std::string* host, int* port) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size() || text.size() - colon > 6 ||
      text.find_first_not_of("0123456789", colon + 1) != std::string::npos) {
    return false;
  }
  *host = text.substr(0, colon);
  *port = std::stoi(text.substr(colon + 1));
  return *port <= 65535;
}

// httplib adds the peer's and its own address as pseudo headers.
bool IsPseudoHeader(const std::string& name) {
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT";
}

bool HasBody(const httplib::Request& req) {
  return req.has_header("Transfer-Encoding") ||
         (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0");
}

bool MethodReadsBody(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// Why a request cannot be served safely, or empty: framing that proxies
// disagree on (several Host headers, a Transfer-Encoding other than
// chunked, Transfer-Encoding with Content-Length) and targets other than a
// path (RFC 9112 sections 3.2, 6.1, 6.3).
std::string Malformed(const httplib::Request& req) {
  if (req.target.empty() || (req.target[0] != '/' && req.target != "*")) {
    return "the request target must be a path";
  }
  if (req.get_header_value_count("Host") > 1) return "more than one Host header";
  if (req.has_header("Transfer-Encoding")) {
    if (req.get_header_value_count("Transfer-Encoding") > 1 ||
        strcasecmp(req.get_header_value("Transfer-Encoding").c_str(), "chunked") != 0) {
      return "only Transfer-Encoding: chunked is understood";
    }
    if (req.has_header("Content-Length")) return "Transfer-Encoding together with Content-Length";
  }
  return "";
}

// What the pre-routing handler took out of httplib's copy of the request
// it is serving on this thread, and ToRequest puts back; and whether the
// gateway answered it (else httplib did: see the logger in Serve).
struct SetAside {
  std::string accept_encoding, multipart_type;
  std::string method;  // a method httplib reads no body for, when the request has one
  bool answered_by_gateway = false;
};
thread_local SetAside set_aside;

// What the gateway saw of one request, for the log and the metrics.
struct Served {
  std::string route, backend, upstream, upstream_error, consumer, denied;
  int rule = -1;
  bool rate_limited = false;
};

class Gateway;

// Sends a request that reached a backend to its --upstream endpoint, or
// notes that there is none (the answer is then the decision JSON).
class Proxy : public Forwarder {
 public:
  Proxy(const Gateway& gateway, const httplib::Request& client, const std::string& body)
      : gateway_(gateway), client_(client), body_(body) {}
  Headers Forward(const Decision& d) override;

  bool sent = false;  // false: no endpoint (dry run)
  UpstreamAnswer answer;
  std::string endpoint;

 private:
  const Gateway& gateway_;
  const httplib::Request& client_;
  const std::string& body_;
};

// The headers an upstream (or a mirror) gets: the decision's request
// headers as a proxy passes them on, plus X-Forwarded-For and -Proto.
Headers UpstreamHeaders(const Decision& d, const std::string& client_ip) {
  Headers out;
  std::string forwarded_for;
  for (auto& [name, value] : Forwardable(d.request_headers)) {
    if (strcasecmp(name.c_str(), "x-forwarded-for") == 0) forwarded_for = value + ", ";
    else out.emplace_back(std::move(name), std::move(value));
  }
  out.emplace_back("x-forwarded-for", forwarded_for + client_ip);
  out.emplace_back("x-forwarded-proto", "http");
  return out;
}

class Gateway {
 public:
  Gateway(const ServeOptions& options, LiveTable* live, PolicyState* state, Metrics* metrics, AccessLog* log)
      : options_(options), live_(*live), state_(*state), metrics_(*metrics), log_(*log), mirrors_(metrics) {}

  // Routes and answers one request whose body has been read.
  void Handle(const httplib::Request& hreq, const std::string& body, httplib::Response& hres) {
    auto start = std::chrono::steady_clock::now();
    std::shared_ptr<const Table> table = live_.Current();  // kept until the answer is written
    Request req = ToRequest(hreq, body);
    Proxy proxy(*this, hreq, body);
    Decision d = table->router->Decide(req, &state_, &proxy);
    Answer(hreq, d, proxy, hres);
    SendMirrors(d, hreq, body);
    Served served{d.route, "", proxy.sent ? proxy.endpoint : d.upstream ? "decision" : "gateway",
                  proxy.answer.error, d.consumer, d.denied, d.rule, d.rate_limited};
    if (d.chosen >= 0) {
      const BackendChoice& b = d.candidates[d.chosen];
      served.backend = b.ns + "/" + b.name + ":" + std::to_string(b.port);
    }
    Record(hreq, hres.status, std::chrono::steady_clock::now() - start, served);
    set_aside.answered_by_gateway = true;
  }

  // Logs and counts a request answered by the gateway or by httplib.
  void Record(const httplib::Request& hreq, int status, std::chrono::steady_clock::duration took,
              const Served& s) {
    double seconds = std::chrono::duration<double>(took).count();
    metrics_.Request(s.route, s.backend, status, seconds, s.denied);
    if (!log_.enabled()) return;
    std::string_view path = hreq.target;
    nlohmann::json entry = {{"time", UtcTimestamp()},
                            {"client", hreq.remote_addr},
                            {"method", hreq.method},
                            {"host", hreq.get_header_value("Host")},
                            {"path", path.substr(0, path.find('?'))},
                            {"status", status},
                            {"duration_ms", seconds * 1000}};
    if (!s.route.empty()) entry["route"] = s.route, entry["rule"] = s.rule;
    if (!s.backend.empty()) entry["backend"] = s.backend;
    if (!s.upstream.empty()) entry["upstream"] = s.upstream;
    if (!s.upstream_error.empty()) entry["upstream_error"] = s.upstream_error;
    if (!s.consumer.empty()) entry["consumer"] = s.consumer;
    if (!s.denied.empty()) entry["denied"] = s.denied;
    if (s.rate_limited) entry["rate_limited"] = true;
    log_.Write(entry);
  }

  const UpstreamMap& upstreams() const { return options_.upstreams; }
  Metrics& metrics() const { return metrics_; }

 private:
  Request ToRequest(const httplib::Request& hreq, const std::string& body) const {
    Request req;
    req.gateway = options_.gateway;
    req.port = options_.gateway_port;
    req.scheme.clear();  // TLS, if any, ended before us: the listener's protocol
    req.method = hreq.method;
    req.path = hreq.target;
    req.client_ip = hreq.remote_addr;
    req.body_bytes = static_cast<int64_t>(body.size());
    for (const auto& [name, value] : hreq.headers) {
      if (IsPseudoHeader(name)) continue;
      if (strcasecmp(name.c_str(), "host") == 0) req.host = value;
      else req.headers.emplace_back(name, value);
    }
    if (!set_aside.accept_encoding.empty()) req.headers.emplace_back("Accept-Encoding", set_aside.accept_encoding);
    if (!set_aside.multipart_type.empty()) req.headers.emplace_back("Content-Type", set_aside.multipart_type);
    return req;
  }

  void Answer(const httplib::Request& hreq, const Decision& d, const Proxy& proxy, httplib::Response& hres) const {
    for (const auto& [name, value] : Forwardable(d.response_headers)) hres.headers.emplace(name, value);
    if (d.upstream && proxy.sent) {
      hres.status = proxy.answer.status;
      if (!proxy.answer.error.empty()) {
        hres.set_content("upstream " + proxy.endpoint + ": " + proxy.answer.error + "\n", "text/plain");
      } else if (hreq.method == "HEAD") {
        // The body is empty; the length is the one a GET would have.
        if (!proxy.answer.content_length.empty()) hres.set_header("Content-Length", proxy.answer.content_length);
      } else {
        hres.body = proxy.answer.body;
      }
      return;
    }
    hres.status = d.upstream ? 200 : d.status;
    if (!d.location.empty()) hres.set_header("Location", d.location);
    if (hres.status == 204 || hres.status == 304) return;
    // A dry run, or the gateway's own answer: the decision says why.
    std::string json = DecisionToJson(d).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    hres.set_content(json + "\n", "application/json");
  }

  void SendMirrors(const Decision& d, const httplib::Request& hreq, const std::string& body) {
    for (const MirrorTarget& m : d.mirrors) {
      const Endpoint* e = options_.upstreams.Find(m.ns, m.name, m.port);
      if (!e || !Sampled(m.percent)) continue;
      mirrors_.Post({*e, d.method, d.host, d.path, UpstreamHeaders(d, hreq.remote_addr), body});
    }
  }

  static bool Sampled(double percent) {
    if (percent >= 100) return true;
    thread_local std::minstd_rand rng(std::random_device{}());
    return std::uniform_real_distribution<double>(0, 100)(rng) < percent;
  }

  const ServeOptions& options_;
  LiveTable& live_;
  PolicyState& state_;
  Metrics& metrics_;
  AccessLog& log_;
  MirrorSender mirrors_;
};

Headers Proxy::Forward(const Decision& d) {
  const BackendChoice& b = d.candidates[d.chosen];
  const Endpoint* e = gateway_.upstreams().Find(b.ns, b.name, b.port);
  if (!e) return {};
  UpstreamCall call{*e, d.method, d.host, d.path, UpstreamHeaders(d, client_.remote_addr), body_};
  uint32_t timeout_ms = 30000;
  if (d.request_timeout_ms && *d.request_timeout_ms) timeout_ms = std::min(timeout_ms, *d.request_timeout_ms);
  if (d.backend_timeout_ms && *d.backend_timeout_ms) timeout_ms = std::min(timeout_ms, *d.backend_timeout_ms);
  sent = true;
  endpoint = e->ToString();
  answer = Send(call, std::chrono::milliseconds(timeout_ms));
  if (!answer.error.empty()) gateway_.metrics().UpstreamError();
  return answer.headers;
}

void Configure(httplib::Server& server, int threads) {
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  server.set_keep_alive_max_count(100000);
  server.set_keep_alive_timeout(5);
  server.set_read_timeout(5);
  server.set_write_timeout(10);
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(64u << 20);
}

// Binds `server` to "HOST:PORT" (port 0: any free one, stored in `port`).
// cpp-httplib listens with a backlog of 5, which drops the SYNs of a burst
// of new connections (each then waits a second to retry): the socket is
// noted as it is made and listened on again with a deep queue.
bool Bind(httplib::Server& server, const std::string& where, const char* what, int* port) {
  std::string host;
  if (!SplitHostPort(where, &host, port)) {
    std::fprintf(stderr, "gwrt serve: --%s expects HOST:PORT, got '%s'\n", what, where.c_str());
    return false;
  }
  int fd = -1;
  server.set_socket_options([&fd](int sock) {
    int on = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    fd = sock;
  });
  if (*port == 0) *port = server.bind_to_any_port(host);
  else if (!server.bind_to_port(host, *port)) *port = -1;
  if (*port <= 0 || listen(fd, SOMAXCONN) != 0) {
    std::fprintf(stderr, "gwrt serve: cannot listen on %s (%s)\n", where.c_str(), what);
    return false;
  }
  return true;
}

// The gateway's handlers on `server`: requests without a body are served
// before httplib's routing (no pattern matching per request); those with
// one through handlers that read it raw, so form bodies pass through
// unparsed, up to the 64 MiB payload limit.
void Route(httplib::Server& server, Gateway& gateway) {
  server.set_pre_routing_handler([&gateway](const httplib::Request& req, httplib::Response& res) {
    if (std::string why = Malformed(req); !why.empty()) {
      res.status = 400;
      res.set_header("Connection", "close");
      res.set_content("gwrt serve: " + why + "\n", "text/plain");
      return httplib::Server::HandlerResponse::Handled;
    }
    // httplib would compress answers for clients that accept it, recoding
    // what the backend sent; and it parses multipart bodies itself. Both
    // headers are set aside from its copy of the request (a mutable object
    // it lends as const); the gateway's request keeps them.
    auto& mutable_req = const_cast<httplib::Request&>(req);
    set_aside = {req.get_header_value("Accept-Encoding"), "", "", false};
    mutable_req.headers.erase("Accept-Encoding");
    if (!HasBody(req)) {
      gateway.Handle(req, "", res);
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.is_multipart_form_data()) {
      set_aside.multipart_type = req.get_header_value("Content-Type");
      mutable_req.headers.erase("Content-Type");
    }
    // httplib reads bodies for POST, PUT, PATCH and DELETE only; another
    // method's body would stay on the connection and be read as the next
    // request. Such a request is routed as a POST and gets its method back
    // before it is handled (and answered: HEAD answers have no body).
    if (!MethodReadsBody(req.method)) {
      set_aside.method = req.method;
      mutable_req.method = "POST";
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto with_body = [&gateway](const httplib::Request& req, httplib::Response& res,
                              const httplib::ContentReader& reader) {
    std::string body;
    bool read = reader([&body](const char* data, size_t n) {
      body.append(data, n);
      return true;
    });
    if (!set_aside.method.empty()) const_cast<httplib::Request&>(req).method = set_aside.method;
    if (read) gateway.Handle(req, body, res);  // else httplib answers (413 too large, 400 unreadable)
  };
  server.Post(".*", with_body).Put(".*", with_body).Patch(".*", with_body).Delete(".*", with_body);
}

std::unique_ptr<PolicyState> MakePolicyState(const ServeOptions& options) {
  if (options.ratelimit_store.empty()) return std::make_unique<PolicyState>();
  std::string error;
  auto store = RedisRateLimitStore::Create(options.ratelimit_store, &error);
  if (!store) {
    std::fprintf(stderr, "gwrt serve: --ratelimit-store: %s\n", error.c_str());
    return nullptr;
  }
  if (!store->Reachable()) {
    std::fprintf(stderr, "gwrt serve: warning: %s does not answer yet; rate limits fail %s until it does\n",
                 options.ratelimit_store.c_str(), options.fail_open ? "open" : "closed");
  }
  return std::make_unique<PolicyState>(std::move(store), options.fail_open);
}

void WarnMissingJwks(const LiveTable& live) {
  std::istringstream lines(MissingJwksWarning(live.Current()->router->MissingJwks()));
  for (std::string line; std::getline(lines, line);) std::fprintf(stderr, "gwrt serve: warning: %s\n", line.c_str());
}

void Reload(LiveTable& live, Metrics& metrics, const char* why) {
  std::string error;
  bool ok = live.Load(&error);
  metrics.Reload(ok);
  char digest[24];
  std::snprintf(digest, sizeof digest, "%016llx",
                static_cast<unsigned long long>(live.Current()->input_digest()));
  if (ok) std::fprintf(stderr, "gwrt serve: %s: loaded %s (input digest %s)\n", why, live.path().c_str(), digest);
  else std::fprintf(stderr, "gwrt serve: %s: refused %s; still serving input digest %s\n", why, error.c_str(), digest);
  if (ok) WarnMissingJwks(live);
}

// Stops `server` once its listen loop runs (stop() before that does
// nothing), or at once when the loop has already ended (`done`).
void StopWhenRunning(httplib::Server& server, const std::atomic<bool>& done) {
  while (!done && !server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server.stop();
}

// A positive decimal below `limit`.
bool ParseCount(const std::string& text, int limit, int* out) {
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  *out = std::stoi(text);
  return *out > 0 && *out < limit;
}

}  // namespace

bool ParseServeOptions(int argc, char** argv, int first, ServeOptions* options, std::string* error) {
  if (first >= argc) {
    *error = "serve needs a table file";
    return false;
  }
  options->table_path = argv[first];
  for (int i = first + 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) {
      *error = "'" + flag + "' needs a value";
      return false;
    }
    std::string value = argv[++i];
    bool ok = true;
    if (flag == "--listen") options->listen = value;
    else if (flag == "--admin") options->admin = value;
    else if (flag == "--gateway") options->gateway = value;
    else if (flag == "--gateway-port") ok = ParseCount(value, 65536, &options->gateway_port);
    else if (flag == "--upstream") {
      if (!options->upstreams.Add(value, error)) return false;
    } else if (flag == "--ratelimit-store") options->ratelimit_store = value;
    else if (flag == "--ratelimit-fail") {
      ok = value == "open" || value == "closed";
      options->fail_open = value == "open";
    } else if (flag == "--access-log") options->access_log = value;
    else if (flag == "--threads") ok = ParseCount(value, 4097, &options->threads);
    else if (flag == "--jwks") options->jwks.push_back(value);
    else if (flag == "--drain-seconds") {
      ok = value == "0" || ParseCount(value, 3601, &options->drain_seconds);
      if (value == "0") options->drain_seconds = 0;
    } else {
      *error = "unknown serve flag '" + flag + "'";
      return false;
    }
    if (!ok) {
      *error = "bad value '" + value + "' for " + flag;
      return false;
    }
  }
  return true;
}

int Serve(const ServeOptions& options) {
  // Signals go to the control thread only: block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGHUP, SIGTERM, SIGINT}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  LiveTable live(options.table_path, options.jwks);
  std::string error;
  if (!live.Load(&error)) {
    std::fprintf(stderr, "gwrt serve: %s\n", error.c_str());
    return kExitInvalid;
  }
  WarnMissingJwks(live);
  std::unique_ptr<PolicyState> state = MakePolicyState(options);
  AccessLog log;
  if (!state) return kExitInvalid;
  if (!log.Open(options.access_log)) {
    std::fprintf(stderr, "gwrt serve: cannot open access log '%s'\n", options.access_log.c_str());
    return kExitInvalid;
  }
  Metrics metrics;
  Gateway gateway(options, &live, state.get(), &metrics, &log);
  std::atomic<bool> draining{false}, served{false}, admin_done{false};

  httplib::Server server, admin;
  Configure(server, options.threads);
  Route(server, gateway);
  // What httplib answers itself (unreadable or too large requests, a
  // handler that threw) is logged and counted too: the gateway marks the
  // requests it answered.
  server.set_logger([&](const httplib::Request& req, const httplib::Response& res) {
    if (!set_aside.answered_by_gateway) gateway.Record(req, res.status, {}, Served{});
    set_aside = {};
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content("gwrt serve: internal error\n", "text/plain");
  });
  admin.new_task_queue = [] { return new httplib::ThreadPool(2); };
  admin.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });
  admin.Get("/readyz", [&](const httplib::Request&, httplib::Response& res) {
    res.status = draining ? 503 : 200;
    res.set_content(draining ? "draining\n" : "ready\n", "text/plain");
  });
  admin.Get("/metrics", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(metrics.Prometheus(live.Current()->input_digest()), "text/plain; version=0.0.4");
  });

  int port = 0, admin_port = 0;
  if (!Bind(server, options.listen, "listen", &port) || !Bind(admin, options.admin, "admin", &admin_port)) {
    return kExitInvalid;
  }
  std::fprintf(stderr, "gwrt serve: %s on http://%s:%d, admin on http://%s:%d\n", options.table_path.c_str(),
               options.listen.substr(0, options.listen.rfind(':')).c_str(), port,
               options.admin.substr(0, options.admin.rfind(':')).c_str(), admin_port);

  std::thread admin_thread([&] {
    admin.listen_after_bind();
    admin_done = true;
  });
  std::thread control([&] {
    timespec tick{0, 250 * 1000 * 1000};
    while (!draining) {
      int sig = sigtimedwait(&signals, nullptr, &tick);
      if (sig == SIGHUP) Reload(live, metrics, "SIGHUP");
      else if (sig == SIGTERM || sig == SIGINT) draining = true;
      else if (live.FileChanged()) Reload(live, metrics, "file changed");
    }
    std::fprintf(stderr, "gwrt serve: shutting down; finishing requests in flight\n");
    // /readyz says 503 while the listener still takes requests, so a
    // load balancer can move away first (--drain-seconds).
    for (int s = 0; s < options.drain_seconds && !served; ++s) std::this_thread::sleep_for(std::chrono::seconds(1));
    StopWhenRunning(server, served);
  });
  server.listen_after_bind();  // returns once stopped, requests in flight answered
  served = true;
  draining = true;  // when the server failed on its own, this stops the control thread
  control.join();
  StopWhenRunning(admin, admin_done);
  admin_thread.join();
  std::fprintf(stderr, "gwrt serve: stopped\n");
  return kExitOk;
}

}  // namespace gwrt::serve
