// Copyright 2026 The gwc Authors.
//
// Backend endpoints, upstream calls through cpp-httplib's client, and the
// mirror queue (upstreams.h).

#include "runtime-stub/serve/upstreams.h"

#include <httplib.h>
#include <strings.h>

#include <algorithm>
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

Headers Forwardable(const Headers& headers) {
  std::vector<std::string> named;  // the Connection header's tokens
  for (const auto& [name, value] : headers) {
    if (strcasecmp(name.c_str(), "connection") != 0) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view token = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      while (!token.empty() && (token.front() == ' ' || token.front() == '\t')) token.remove_prefix(1);
      while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
      if (!token.empty()) named.emplace_back(token);
    }
  }
  Headers out;
  for (const auto& header : headers) {
    const std::string& name = header.first;
    bool listed = std::any_of(named.begin(), named.end(), [&](const std::string& n) {
      return n.size() == name.size() && strcasecmp(n.c_str(), name.c_str()) == 0;
    });
    if (!listed && !ProxyDropsHeader(name)) out.push_back(header);
  }
  return out;
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
  auto start = std::chrono::steady_clock::now();
  httplib::Result result = client.send(req);
  UpstreamAnswer answer;
  if (!result) {
    bool silent = result.error() == httplib::Error::Read && std::chrono::steady_clock::now() - start >= timeout;
    answer.status = silent ? 504 : 502;
    answer.error = silent ? "no answer within " + std::to_string(timeout.count()) + " ms"
                          : httplib::to_string(result.error());
    return answer;
  }
  answer.status = result->status;
  answer.body = std::move(result->body);
  answer.content_length = result->get_header_value("Content-Length");
  Headers received(result->headers.begin(), result->headers.end());
  answer.headers = Forwardable(received);
  return answer;
}

MirrorSender::MirrorSender(Metrics* metrics, size_t capacity, size_t capacity_bytes)
    : metrics_(metrics), capacity_(capacity), capacity_bytes_(capacity_bytes), worker_([this] { Work(); }) {}

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
    if (queue_.size() >= capacity_ || queued_bytes_ + call.body.size() > capacity_bytes_) {
      metrics_->Mirror(MirrorResult::kDropped);
      return;
    }
    queued_bytes_ += call.body.size();
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
      queued_bytes_ -= call.body.size();
    }
    UpstreamAnswer answer = Send(call, std::chrono::seconds(5));
    metrics_->Mirror(answer.error.empty() ? MirrorResult::kSent : MirrorResult::kFailed);
  }
}

}  // namespace gwrt::serve
