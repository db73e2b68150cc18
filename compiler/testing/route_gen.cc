// Copyright 2026 The gwc Authors.
//
// Route-set and request generation.

#include "compiler/testing/route_gen.h"

#include <algorithm>
#include <cmath>

#include "compiler/model/conflict_order.h"

namespace gwc {

namespace {

std::string Num(uint64_t n) { return std::to_string(n); }

}  // namespace

ir::Program GenerateRoutes(size_t count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % std::max<size_t>(n, 1)); };
  ir::Program p;
  ir::Gateway g{"gen", "gw", {}};
  g.listeners.push_back({"http", "", 80, ir::Protocol::kHttp, {}});
  g.listeners.push_back({"wild", "*.wild.test", 80, ir::Protocol::kHttp, {}});
  size_t hosts = std::max<size_t>(count / 20, 1);
  size_t sections = std::max<size_t>(count / 50, 2);
  for (size_t i = 0; i < count; ++i) {
    ir::Route r;
    r.ns = "ns" + Num(pick(3));
    r.name = "r" + Num(i);
    r.created = ParseTimestamp("2026-01-" + std::string(1, static_cast<char>('1' + pick(3))) + "0T00:00:00Z");
    size_t rules = i % 10 == 9 ? 2 : 1;
    for (size_t k = 0; k < rules; ++k) {
      ir::Rule rule;
      rule.index = static_cast<uint32_t>(k);
      ir::Match m;
      std::string base = "/s" + Num(pick(sections)) + "/t" + Num(pick(20));
      size_t kind = pick(100);
      if (kind < 45) {
        m.path_kind = PathKind::kExact;
        m.path = base + "/item" + Num(pick(count));
      } else if (kind < 70) {
        m.path_kind = PathKind::kPrefix;
        size_t depth = pick(3);
        m.path = depth == 0 ? "/s" + Num(pick(sections)) : depth == 1 ? base : base + "/item" + Num(pick(count));
      } else if (kind < 80) {
        m.path_kind = PathKind::kRegex;
        m.path = base + "/[0-9]+/v" + Num(pick(5));
      } else if (kind < 90) {
        m.path_kind = pick(2) ? PathKind::kPrefix : PathKind::kExact;
        m.path = base + (m.path_kind == PathKind::kExact ? "/item" + Num(pick(count)) : "");
        bool regex = pick(4) == 0;
        m.headers.push_back({"x-v", regex, regex ? "v[0-3]" : "v" + Num(pick(8))});
      } else {
        m.path_kind = PathKind::kPrefix;
        m.path = base;
        m.method = pick(2) ? "GET" : "POST";
      }
      m.path_chars = m.path.size() + (m.path_kind == PathKind::kPrefix && pick(4) == 0);
      rule.matches.push_back(m);
      rule.backends.push_back(ir::Backend{"", "Service", r.ns, "svc" + Num(i), 80, 1, {}, {}, {}});
      r.rules.push_back(rule);
    }
    p.routes.push_back(std::move(r));
    ir::Attachment a{static_cast<uint32_t>(i), {}};
    size_t h = pick(100);
    if (h < 5) {
      g.listeners[0].routes.push_back(a);  // no hostname
      continue;
    }
    size_t host = pick(hosts);
    if (h < 10) {
      a.hostnames.push_back("h" + Num(host) + ".wild.test");
      g.listeners[1].routes.push_back(a);
      continue;
    }
    a.hostnames.push_back((host % 7 == 0 ? "*.h" : "h") + Num(host) + ".test");
    g.listeners[0].routes.push_back(a);
  }
  p.gateways.push_back(std::move(g));
  return p;
}

RequestGenerator::RequestGenerator(const ir::Program& program, uint64_t seed)
    : program_(program), rng_(seed), hostname_(program.routes.size()) {
  for (const ir::Listener& l : program.gateways.front().listeners) {
    for (const ir::Attachment& a : l.routes) {
      if (!a.hostnames.empty()) hostname_[a.route] = a.hostnames.front();
    }
  }
}

gwrt::Request ToRuntimeRequest(const ReferenceRequest& r) {
  gwrt::Request req;
  req.gateway = r.gateway;
  req.port = r.port;
  req.scheme = r.tls ? "https" : "http";
  req.method = r.method;
  req.host = r.host;
  req.path = r.path;
  req.headers = r.headers;
  req.grpc = r.grpc;
  return req;
}

size_t RequestGenerator::PickRoute(bool zipf) {
  size_t n = program_.routes.size();
  if (!zipf) return rng_() % n;
  if (zipf_cdf_.empty()) {
    double sum = 0;
    for (size_t i = 1; i <= n; ++i) zipf_cdf_.push_back(sum += 1.0 / static_cast<double>(i));
    for (double& c : zipf_cdf_) c /= sum;
  }
  double u = std::uniform_real_distribution<double>(0, 1)(rng_);
  return static_cast<size_t>(std::lower_bound(zipf_cdf_.begin(), zipf_cdf_.end(), u) - zipf_cdf_.begin()) % n;
}

std::string RequestGenerator::PathFor(const ir::Match& m) {
  switch (m.path_kind) {
    case PathKind::kExact:
      return m.path;
    case PathKind::kPrefix: {
      size_t extra = rng_() % 4;
      if (extra == 0) return m.path;
      if (extra == 1) return (m.path == "/" ? "" : m.path) + "/";
      if (extra == 2) return (m.path == "/" ? "" : m.path) + "/deeper/x" + Num(rng_() % 9);
      return m.path + "x";  // not element-wise: must not match this prefix
    }
    case PathKind::kRegex: {
      std::string path = m.path;
      path.replace(path.find("[0-9]+"), 6, Num(rng_() % 1000));
      return rng_() % 5 ? path : path + "z";
    }
  }
  return "/";
}

ReferenceRequest RequestGenerator::Next(bool zipf) {
  ReferenceRequest req;
  const ir::Gateway& g = program_.gateways.front();
  req.gateway = g.ns + "/" + g.name;
  req.port = rng_() % 50 ? 80 : 81;
  size_t route_index = PickRoute(zipf);
  const ir::Route& route = program_.routes[route_index];
  const ir::Rule& rule = route.rules[rng_() % route.rules.size()];
  const ir::Match& m = rule.matches.front();
  req.path = PathFor(m);
  if (rng_() % 10 == 0) req.path += "?q=" + Num(rng_() % 3);
  static const char* kMethods[] = {"GET", "POST", "PUT"};
  req.method = m.method.empty() || rng_() % 4 == 0 ? kMethods[rng_() % 3] : m.method;
  if (!m.headers.empty() && rng_() % 4) req.headers.emplace_back("X-V", "v" + Num(rng_() % 8));
  if (rng_() % 8 == 0) req.headers.emplace_back("x-v", "v" + Num(rng_() % 8));
  // Host: one of the route's hostnames (a label under a wildcard), another
  // route's, or an unknown one.
  std::string host = "unknown" + Num(rng_() % 5) + ".test";
  if (const std::string& h = hostname_[route_index]; !h.empty()) {
    host = h[0] == '*' ? "a" + Num(rng_() % 3) + (rng_() % 2 ? ".b" : "") + h.substr(1) : h;
  }
  if (rng_() % 20 == 0) host = "h" + Num(rng_() % 50) + ".test";
  if (rng_() % 30 == 0) {
    for (char& c : host) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  req.host = rng_() % 10 ? host : host + ":80";
  if (rng_() % 25 == 0) req.path = "/s" + Num(rng_() % 40) + "/t" + Num(rng_() % 20) + "/item" + Num(rng_() % 100);
  return req;
}

ir::Program PolicyRoute(ir::Policies policies, std::vector<ir::Consumer> consumers) {
  ir::Program p;
  ir::Route route;
  route.ns = "gen";
  route.name = "r";
  ir::Rule rule;
  rule.matches.push_back(ir::Match{});
  rule.matches.back().path = "/";
  ir::Backend b;
  b.kind = "Service";
  b.ns = "gen";
  b.name = "svc";
  b.port = 80;
  rule.backends.push_back(b);
  rule.policies = std::move(policies);
  route.rules.push_back(std::move(rule));
  p.routes.push_back(std::move(route));
  ir::Listener l;
  l.name = "http";
  l.port = 80;
  l.routes.push_back({0, {}});
  p.gateways.push_back({"gen", "gw", {l}});
  p.consumers = std::move(consumers);
  return p;
}

}  // namespace gwc
