// Copyright 2026 The gwc Authors.
//
// Where `gwrt serve` sends requests: the map from a table's backends
// (Service ns/name and port) to loopback endpoints given on the command
// line, plain HTTP/1.1 calls over per-thread kept-alive connections, and
// mirrors sent from a bounded queue by one worker that nobody waits for.

#ifndef GWRT_SERVE_UPSTREAMS_H_
#define GWRT_SERVE_UPSTREAMS_H_

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "gwrt/router.h"
#include "runtime-stub/serve/metrics.h"

namespace gwrt::serve {

struct Endpoint {
  std::string host;  // an address or name (loopback in practice)
  int port = 0;
  std::string ToString() const { return host + ":" + std::to_string(port); }
};

class UpstreamMap {
 public:
  // Reads "ns/name:port=HOST:PORT" (one port of a Service) or
  // "ns/name=HOST:PORT" (every port). Returns false with `error` when the
  // text has another form.
  bool Add(const std::string& spec, std::string* error);
  // The endpoint of backend ns/name:port, or null when none was given
  // (gwrt serve then answers with the decision instead).
  const Endpoint* Find(const std::string& ns, const std::string& name, int port) const;

 private:
  std::unordered_map<std::string, Endpoint> endpoints_;  // "ns/name:port" or "ns/name"
};

// A request as it goes to an upstream.
struct UpstreamCall {
  Endpoint endpoint;
  std::string method, host, path;  // host: the Host header to send
  Headers headers;                 // without the ProxyDropsHeader ones
  std::string body;
};

struct UpstreamAnswer {
  int status = 0;
  Headers headers;  // without the ProxyDropsHeader ones
  std::string body;
  std::string content_length;  // as the upstream sent it (HEAD answers have no body)
  std::string error;           // empty when the upstream answered
};

// Sends `call` over this thread's connection to the endpoint (opened on
// first use, kept alive). Never throws. When the upstream cannot be
// reached or breaks the connection the answer has `error` set and status
// 502; when it stays silent for `timeout` (between reads, as cpp-httplib
// measures it), 504. cpp-httplib adds Accept and User-Agent headers when
// the request has none.
UpstreamAnswer Send(const UpstreamCall& call, std::chrono::milliseconds timeout);

// Whether a proxy leaves a header out when it passes a message on: the
// hop-by-hop ones (RFC 9110 section 7.6.1) and those the sender writes
// itself (Host, Content-Length).
bool ProxyDropsHeader(std::string_view name);

// `headers` as a proxy passes them on: without the ProxyDropsHeader ones
// and without those the Connection header names.
Headers Forwardable(const Headers& headers);

// Mirrors: Post returns at once; one worker sends the calls in order and
// throws the answers away. At most `capacity` calls, and `capacity_bytes`
// of bodies, wait; more are dropped (counted in the metrics).
class MirrorSender {
 public:
  MirrorSender(Metrics* metrics, size_t capacity = 256, size_t capacity_bytes = 64u << 20);
  ~MirrorSender();  // drops what still waits, then joins the worker
  void Post(UpstreamCall call);

 private:
  void Work();

  Metrics* metrics_;
  const size_t capacity_, capacity_bytes_;
  size_t queued_bytes_ = 0;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<UpstreamCall> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace gwrt::serve

#endif  // GWRT_SERVE_UPSTREAMS_H_
