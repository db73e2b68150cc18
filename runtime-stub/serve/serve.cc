// Copyright 2026 The gwc Authors.
//
// The gateway loop of `gwrt serve` (serve.h): cpp-httplib's server with a
// thread per connection, one handler for every request, the admin server,
// and a control thread that takes signals and watches the table's file.

#include "runtime-stub/serve/serve.h"

#include <httplib.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "runtime-stub/json/decision_json.h"
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

// One JSON line per request. Paths are logged without their query, and no
// header value is logged, so credentials sent by clients stay out.
class AccessLog {
 public:
  // "-": stdout, "off": nothing, else a file appended to. False when the
  // file cannot be opened.
  bool Open(const std::string& where) {
    if (where == "off") return true;
    file_ = where == "-" ? stdout : std::fopen(where.c_str(), "a");
    owned_ = file_ && file_ != stdout;
    return file_ != nullptr;
  }
  ~AccessLog() {
    if (owned_) std::fclose(file_);
  }
  bool enabled() const { return file_ != nullptr; }
  void Write(const nlohmann::json& entry) {
    std::string line = entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::lock_guard<std::mutex> lock(mu_);
    std::fputs(line.c_str(), file_);
    std::fflush(file_);
  }

 private:
  std::mutex mu_;
  FILE* file_ = nullptr;
  bool owned_ = false;
};

std::string Timestamp() {
  auto now = std::chrono::system_clock::now();
  std::time_t secs = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

// httplib adds the peer's and its own address as pseudo headers.
bool IsPseudoHeader(const std::string& name) {
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT";
}

class Gateway;

// Sends a request that reached a backend to its --upstream endpoint, or
// notes that there is none (the answer is then the decision JSON).
class Proxy : public Forwarder {
 public:
  Proxy(const Gateway& gateway, const httplib::Request& client) : gateway_(gateway), client_(client) {}
  Headers Forward(const Decision& d) override;

  bool sent = false;  // false: no endpoint (dry run)
  UpstreamAnswer answer;
  std::string endpoint;

 private:
  const Gateway& gateway_;
  const httplib::Request& client_;
};

class Gateway {
 public:
  Gateway(const ServeOptions& options, LiveTable* live, PolicyState* state, Metrics* metrics, AccessLog* log)
      : options_(options), live_(*live), state_(*state), metrics_(*metrics), log_(*log), mirrors_(metrics) {}

  void Handle(const httplib::Request& hreq, httplib::Response& hres) {
    auto start = std::chrono::steady_clock::now();
    std::shared_ptr<const Table> table = live_.Current();  // kept until the answer is written
    Request req = ToRequest(hreq);
    // cpp-httplib would compress answers itself for clients that accept
    // it, recoding what the backend sent. The header is in `req` (the
    // backend still sees it); the server's copy, a mutable object it lends
    // as const, is emptied so httplib leaves bodies as they are.
    const_cast<httplib::Request&>(hreq).headers.erase("Accept-Encoding");
    Proxy proxy(*this, hreq);
    Decision d = table->router->Decide(req, &state_, &proxy);
    Answer(d, proxy, hres);
    SendMirrors(d, hreq);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string backend;
    if (d.chosen >= 0) {
      const BackendChoice& b = d.candidates[d.chosen];
      backend = b.ns + "/" + b.name + ":" + std::to_string(b.port);
    }
    metrics_.Request(d.route, backend, hres.status, seconds, d.denied);
    if (log_.enabled()) Log(hreq, d, proxy, backend, hres.status, seconds);
  }

  const UpstreamMap& upstreams() const { return options_.upstreams; }
  Metrics& metrics() const { return metrics_; }

 private:
  Request ToRequest(const httplib::Request& hreq) const {
    Request req;
    req.gateway = options_.gateway;
    req.port = options_.gateway_port;
    req.method = hreq.method;
    req.path = hreq.target.empty() ? "/" : hreq.target;
    req.client_ip = hreq.remote_addr;
    req.body_bytes = static_cast<int64_t>(hreq.body.size());
    for (const auto& [name, value] : hreq.headers) {
      if (IsPseudoHeader(name)) continue;
      if (name.size() == 4 && strncasecmp(name.c_str(), "host", 4) == 0) {
        req.host = value;
        continue;
      }
      req.headers.emplace_back(name, value);
    }
    return req;
  }

  void Answer(const Decision& d, const Proxy& proxy, httplib::Response& hres) const {
    for (const auto& [name, value] : d.response_headers) {
      if (!ProxyDropsHeader(name)) hres.headers.emplace(name, value);
    }
    if (d.upstream && proxy.sent) {
      hres.status = proxy.answer.status;
      if (proxy.answer.error.empty()) hres.body = proxy.answer.body;
      else hres.set_content("upstream " + proxy.endpoint + ": " + proxy.answer.error + "\n", "text/plain");
      return;
    }
    hres.status = d.upstream ? 200 : d.status;
    if (!d.location.empty()) hres.set_header("Location", d.location);
    if (hres.status == 204 || hres.status == 304) return;
    // A dry run, or the gateway's own answer: the decision says why.
    hres.set_content(DecisionToJson(d).dump(2) + "\n", "application/json");
  }

  void SendMirrors(const Decision& d, const httplib::Request& hreq) {
    for (const MirrorTarget& m : d.mirrors) {
      const Endpoint* e = options_.upstreams.Find(m.ns, m.name, m.port);
      if (!e || !Sampled(m.percent)) continue;
      UpstreamCall call{*e, d.method, d.host, d.path, {}, hreq.body};
      for (const auto& [name, value] : d.request_headers) {
        if (!ProxyDropsHeader(name)) call.headers.emplace_back(name, value);
      }
      mirrors_.Post(std::move(call));
    }
  }

  static bool Sampled(double percent) {
    if (percent >= 100) return true;
    thread_local std::minstd_rand rng(std::random_device{}());
    return std::uniform_real_distribution<double>(0, 100)(rng) < percent;
  }

  void Log(const httplib::Request& hreq, const Decision& d, const Proxy& proxy, const std::string& backend,
           int status, double seconds) {
    std::string_view path = hreq.target;
    path = path.substr(0, path.find('?'));
    nlohmann::json entry = {{"time", Timestamp()},
                            {"client", hreq.remote_addr},
                            {"method", hreq.method},
                            {"host", req_host(hreq)},
                            {"path", path},
                            {"status", status},
                            {"duration_ms", seconds * 1000}};
    if (!d.route.empty()) entry["route"] = d.route, entry["rule"] = d.rule;
    if (!backend.empty()) entry["backend"] = backend;
    entry["upstream"] = proxy.sent ? proxy.endpoint : d.upstream ? "decision" : "gateway";
    if (!proxy.answer.error.empty()) entry["upstream_error"] = proxy.answer.error;
    if (!d.consumer.empty()) entry["consumer"] = d.consumer;
    if (!d.denied.empty()) entry["denied"] = d.denied;
    if (d.rate_limited) entry["rate_limited"] = true;
    log_.Write(entry);
  }

  static std::string req_host(const httplib::Request& hreq) { return hreq.get_header_value("Host"); }

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
  UpstreamCall call{*e, d.method, d.host, d.path, {}, client_.body};
  std::string forwarded_for;
  for (const auto& [name, value] : d.request_headers) {
    if (ProxyDropsHeader(name)) continue;
    if (strcasecmp(name.c_str(), "x-forwarded-for") == 0) {
      forwarded_for = value + ", ";
      continue;
    }
    call.headers.emplace_back(name, value);
  }
  call.headers.emplace_back("x-forwarded-for", forwarded_for + client_.remote_addr);
  call.headers.emplace_back("x-forwarded-proto", "http");
  uint32_t timeout_ms = 30000;
  if (d.request_timeout_ms && *d.request_timeout_ms) timeout_ms = std::min(timeout_ms, *d.request_timeout_ms);
  if (d.backend_timeout_ms && *d.backend_timeout_ms) timeout_ms = std::min(timeout_ms, *d.backend_timeout_ms);
  sent = true;
  endpoint = e->ToString();
  answer = Send(call, std::chrono::milliseconds(timeout_ms));
  if (!answer.error.empty()) gateway_.metrics().UpstreamError();
  return answer.headers;
}

// A request with a body must reach a regular handler (httplib reads
// bodies after pre-routing); those without one skip the handlers' regexes.
bool HasBody(const httplib::Request& req) {
  return req.has_header("Transfer-Encoding") ||
         (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0");
}

void Configure(httplib::Server& server, int threads) {
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  server.set_keep_alive_max_count(100000);
  server.set_keep_alive_timeout(5);
  server.set_read_timeout(10);
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

void Reload(LiveTable& live, Metrics& metrics, const char* why) {
  std::string error;
  bool ok = live.Load(&error);
  metrics.Reload(ok);
  char digest[24];
  std::snprintf(digest, sizeof digest, "%016llx",
                static_cast<unsigned long long>(live.Current()->input_digest()));
  if (ok) std::fprintf(stderr, "gwrt serve: %s: loaded %s (input digest %s)\n", why, live.path().c_str(), digest);
  else std::fprintf(stderr, "gwrt serve: %s: refused %s; still serving input digest %s\n", why, error.c_str(), digest);
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
    else {
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

  LiveTable live(options.table_path);
  std::string error;
  if (!live.Load(&error)) {
    std::fprintf(stderr, "gwrt serve: %s\n", error.c_str());
    return kExitInvalid;
  }
  std::unique_ptr<PolicyState> state = MakePolicyState(options);
  AccessLog log;
  if (!state) return kExitInvalid;
  if (!log.Open(options.access_log)) {
    std::fprintf(stderr, "gwrt serve: cannot open access log '%s'\n", options.access_log.c_str());
    return kExitInvalid;
  }
  Metrics metrics;
  Gateway gateway(options, &live, state.get(), &metrics, &log);
  std::atomic<bool> draining{false};

  httplib::Server server, admin;
  Configure(server, options.threads);
  admin.new_task_queue = [] { return new httplib::ThreadPool(2); };
  auto handle = [&](const httplib::Request& req, httplib::Response& res) { gateway.Handle(req, res); };
  server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
    if (HasBody(req)) return httplib::Server::HandlerResponse::Unhandled;
    handle(req, res);
    return httplib::Server::HandlerResponse::Handled;
  });
  server.Get(".*", handle).Post(".*", handle).Put(".*", handle).Patch(".*", handle).Delete(".*", handle).Options(".*", handle);
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

  std::thread admin_thread([&] { admin.listen_after_bind(); });
  std::thread control([&] {
    timespec tick{0, 250 * 1000 * 1000};
    while (!draining) {
      int sig = sigtimedwait(&signals, nullptr, &tick);
      if (sig == SIGHUP) Reload(live, metrics, "SIGHUP");
      else if (sig == SIGTERM || sig == SIGINT) draining = true;
      else if (live.FileChanged()) Reload(live, metrics, "file changed");
    }
    std::fprintf(stderr, "gwrt serve: shutting down; finishing requests in flight\n");
    server.stop();
    admin.stop();
  });
  server.listen_after_bind();
  draining = true;  // when the server failed on its own, this stops the rest
  control.join();
  admin_thread.join();
  std::fprintf(stderr, "gwrt serve: stopped\n");
  return kExitOk;
}

}  // namespace gwrt::serve
