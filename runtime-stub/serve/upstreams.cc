// Copyright 2026 The gwc Authors.
//
// Backend endpoints, upstream calls through cpp-httplib's client, and the
// mirror queue (upstreams.h).

#include "runtime-stub/serve/upstreams.h"

#include <httplib.h>
#include <strings.h>

#include <array>
#include <memory>

namespace gwrt::serve {
namespace {

// "HOST:PORT" with a port in 1..65535.
bool ParseEndpoint(const std::string& text, Endpoint* e) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return false;
  e->host = text.substr(0, colon);
  e->port = std::stoi(port);
  return e->port >= 1 && e->port <= 65535;
}

// This thread's kept-alive clients, by endpoint.
httplib::Client& ClientFor(const Endpoint& e) {
  thread_local std::unordered_map<std::string, std::unique_ptr<httplib::Client>> clients;
  std::unique_ptr<httplib::Client>& c = clients[e.ToString()];
  if (!c) {
    c = std::make_unique<httplib::Client>(e.host, e.port);
    c->set_keep_alive(true);
    c->set_tcp_nodelay(true);
    c->set_decompress(false);  // bodies pass through as the backend encoded them
    c->set_url_encode(false);  // the path is already in its wire form
    c->set_connection_timeout(std::chrono::seconds(2));
  }
  return *c;
}

}  // namespace

bool ProxyDropsHeader(std::string_view name) {
  static constexpr std::array<std::string_view, 9> kHopByHop = {
      "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
      "content-length", "host"};
  for (std::string_view h : kHopByHop) {
    if (h.size() == name.size() && strncasecmp(h.data(), name.data(), h.size()) == 0) return true;
  }
  return false;
}

bool UpstreamMap::Add(const std::string& spec, std::string* error) {
  size_t eq = spec.find('=');
  std::string key = spec.substr(0, eq);
  Endpoint e;
  size_t slash = key.find('/');
  bool key_ok = slash != std::string::npos && slash > 0 && slash + 1 < key.size();
  if (key_ok) {
    size_t colon = key.find(':', slash);
    if (colon != std::string::npos) {
      std::string port = key.substr(colon + 1);
      key_ok = colon > slash + 1 && !port.empty() && port.size() <= 5 &&
               port.find_first_not_of("0123456789") == std::string::npos;
    }
  }
  if (eq == std::string::npos || !key_ok || !ParseEndpoint(spec.substr(eq + 1), &e)) {
    *error = "--upstream expects NS/NAME:PORT=HOST:PORT or NS/NAME=HOST:PORT, got '" + spec + "'";
    return false;
  }
  endpoints_[key] = e;
  return true;
}

const Endpoint* UpstreamMap::Find(const std::string& ns, const std::string& name, int port) const {
  std::string key = ns + "/" + name;
  auto it = endpoints_.find(key + ":" + std::to_string(port));
  if (it == endpoints_.end()) it = endpoints_.find(key);
  return it == endpoints_.end() ? nullptr : &it->second;
}

UpstreamAnswer Send(const UpstreamCall& call, std::chrono::milliseconds timeout) {
  httplib::Client& client = ClientFor(call.endpoint);
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  httplib::Request req;
  req.method = call.method;
  req.path = call.path;
  req.body = call.body;
  req.headers.emplace("Host", call.host);
  for (const auto& [name, value] : call.headers) req.headers.emplace(name, value);
  if (!call.body.empty() && !req.has_header("Content-Type")) req.headers.emplace("Content-Type", "application/octet-stream");
  httplib::Result result = client.send(req);
  UpstreamAnswer answer;
  if (!result) {
    httplib::Error e = result.error();
    answer.error = e == httplib::Error::Read || e == httplib::Error::Write ? "timeout or reset: " + httplib::to_string(e)
                                                                            : httplib::to_string(e);
    answer.status = e == httplib::Error::Read ? 504 : 502;
    return answer;
  }
  answer.status = result->status;
  answer.body = std::move(result->body);
  for (const auto& [name, value] : result->headers) {
    if (!ProxyDropsHeader(name)) answer.headers.emplace_back(name, value);
  }
  return answer;
}

MirrorSender::MirrorSender(Metrics* metrics, size_t capacity)
    : metrics_(metrics), capacity_(capacity), worker_([this] { Work(); }) {}

MirrorSender::~MirrorSender() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    queue_.clear();
  }
  ready_.notify_one();
  worker_.join();
}

void MirrorSender::Post(UpstreamCall call) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (queue_.size() >= capacity_) {
      metrics_->Mirror(false);
      return;
    }
    queue_.push_back(std::move(call));
  }
  ready_.notify_one();
}

void MirrorSender::Work() {
  for (;;) {
    UpstreamCall call;
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      call = std::move(queue_.front());
      queue_.pop_front();
    }
    Send(call, std::chrono::seconds(5));
    metrics_->Mirror(true);
  }
}

}  // namespace gwrt::serve
