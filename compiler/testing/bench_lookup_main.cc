// Copyright 2026 The gwc Authors.
//
// gwc_bench_lookup: the lookup benchmark's own side (ci/bench.sh, group
// lookup). For a generated route set of N routes it compiles the table in
// memory and prints one JSON object: gwrt lookup (Router::Find) p50/p99 in
// ns for uniform and Zipf request mixes, the uniform mix's p50 by outcome
// (Exact, PathPrefix or regex match, no match), the same with every
// lookup timed right after an untimed lookup of the same request ("warm":
// what the lookup itself costs once its table lines are cached, apart from
// where the table sits in the memory hierarchy), the reference linear
// matcher's p50 (N <= 10k), table bytes per route, open+verify time of
// the file, and the latency of one dependent memory load over a buffer as
// large as the table (what a cache miss costs at that footprint, measured
// in the same process so cold lookups can be read against it).
// It can also export the same routes for the peers: JSON routes and
// requests for find-my-way, HTTPRoute YAML for `gwc compile`, and an
// nginx.conf for `nginx -t`.
//
// Usage: gwc_bench_lookup N [--seed S] [--requests R] [--dir DIR]
//   --dir DIR writes DIR/routes.json, DIR/requests.json, DIR/routes.yaml,
//   DIR/nginx.conf and DIR/table.gwb.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "compiler/emit/artifact_writer.h"
#include "compiler/emit/route_table.h"
#include "compiler/testing/reference_matcher.h"
#include "compiler/testing/route_gen.h"
#include "gwrt/artifact.h"
#include "gwrt/router.h"
#include "runtime-stub/format/format.h"

namespace gwc {
namespace {

using Clock = std::chrono::steady_clock;

double Nanos(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::nano>(b - a).count();
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  size_t k = static_cast<size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

// The clock's own cost, subtracted from every sample.
double ClockOverhead() {
  std::vector<double> v;
  for (int i = 0; i < 10000; ++i) {
    auto a = Clock::now();
    auto b = Clock::now();
    v.push_back(Nanos(a, b));
  }
  return Percentile(v, 0.5);
}

// Lookup times by what answered: the winning match's path kind, or none.
struct ByOutcome {
  std::vector<double> exact, prefix, regex, none;
};

// The path kind of every match record, to sort samples by outcome.
std::vector<gwb::PathKind> MatchKinds(const gwrt::Artifact& artifact) {
  std::string_view bytes = artifact.Section(gwb::SectionId::kMatches);
  gwb::RecordsHeader h;
  std::memcpy(&h, bytes.data(), sizeof h);
  std::vector<gwb::PathKind> kinds(h.count);
  for (uint32_t i = 0; i < h.count; ++i) {
    gwb::MatchRecord m;
    std::memcpy(&m, bytes.data() + sizeof h + i * sizeof m, sizeof m);
    kinds[i] = m.path_kind;
  }
  return kinds;
}

// The requests as a server sees them: their bytes arrive one after the
// other (here one contiguous buffer read in order) and are parsed into a
// request object the connection reuses. Keeping 100k separate request
// objects with their own heap strings instead would make every lookup
// fetch cold request memory from a 20 MB heap and evict the table's
// cache lines and TLB entries for no reason a gateway has.
class RequestFeed {
 public:
  explicit RequestFeed(const std::vector<gwrt::Request>& requests) {
    for (const gwrt::Request& r : requests) {
      Put(r.gateway), Put(r.method), Put(r.host), Put(r.path);
      bytes_.push_back(static_cast<char>(r.headers.size()));
      for (const auto& [k, v] : r.headers) Put(k), Put(v);
      ports_.push_back(r.port);
      grpc_.push_back(r.grpc);
    }
  }
  size_t size() const { return ports_.size(); }

  // Parses the next request into `req` (reused: no allocation once its
  // strings have grown); wraps around after the last.
  void Next(gwrt::Request* req) {
    if (next_ == ports_.size()) next_ = 0, at_ = 0;
    Get(&req->gateway), Get(&req->method), Get(&req->host), Get(&req->path);
    size_t headers = static_cast<unsigned char>(bytes_[at_++]);
    req->headers.resize(headers);
    for (auto& [k, v] : req->headers) Get(&k), Get(&v);
    req->port = ports_[next_];
    req->grpc = grpc_[next_];
    ++next_;
  }

 private:
  void Put(const std::string& s) {
    uint16_t n = static_cast<uint16_t>(s.size());
    bytes_.append(reinterpret_cast<const char*>(&n), sizeof n);
    bytes_.append(s);
  }
  void Get(std::string* s) {
    uint16_t n;
    std::memcpy(&n, bytes_.data() + at_, sizeof n);
    s->assign(bytes_.data() + at_ + sizeof n, n);
    at_ += sizeof n + n;
  }

  std::string bytes_;
  std::vector<int> ports_;
  std::vector<bool> grpc_;
  size_t next_ = 0, at_ = 0;
};

// Per-lookup times of Router::Find over `requests`, three passes (the
// first warms caches and is dropped). Unless `warm`, the request's table
// lines are not touched right before the clock starts; with `warm`, an
// untimed lookup of the same request comes first. `by` (optional)
// receives the same samples sorted by outcome.
std::vector<double> TimeLookups(const gwrt::Router& router, const std::vector<gwrt::Request>& requests,
                                double overhead, const std::vector<gwb::PathKind>& kinds, bool warm, ByOutcome* by,
                                uint64_t* sink) {
  RequestFeed feed(requests);
  gwrt::Request req;
  std::vector<double> samples;
  for (size_t i = 0; i < 3 * feed.size(); ++i) {
    feed.Next(&req);
    uint32_t listener;
    if (warm) *sink += router.Find(req, &listener);
    auto a = Clock::now();
    uint32_t m = router.Find(req, &listener);
    auto b = Clock::now();
    *sink += m;
    if (i < feed.size()) continue;
    double ns = std::max(0.0, Nanos(a, b) - overhead);
    samples.push_back(ns);
    if (!by) continue;
    if (m == gwb::kNone) by->none.push_back(ns);
    else if (kinds[m] == gwb::PathKind::kExact) by->exact.push_back(ns);
    else if (kinds[m] == gwb::PathKind::kPrefix) by->prefix.push_back(ns);
    else by->regex.push_back(ns);
  }
  return samples;
}

// Nanoseconds per dependent load when chasing pointers through `bytes` of
// memory in a random cyclic order of its cache lines: the latency tier a
// table of that size lives in (research/performance.md section 6.5).
double MemoryLatency(size_t bytes, uint64_t seed, uint64_t* sink) {
  constexpr size_t kLine = 64 / sizeof(size_t);
  size_t lines = std::max<size_t>(bytes / 64, 2);
  std::vector<size_t> order(lines), next(lines * kLine);
  for (size_t i = 0; i < lines; ++i) order[i] = i;
  std::mt19937_64 rng(seed);
  std::shuffle(order.begin() + 1, order.end(), rng);
  for (size_t i = 0; i < lines; ++i) next[order[i] * kLine] = order[(i + 1) % lines] * kLine;
  size_t at = 0;
  for (size_t i = 0; i < lines; ++i) at = next[at];  // one lap to settle caches and TLB
  constexpr size_t kSteps = 2000000;
  auto a = Clock::now();
  for (size_t i = 0; i < kSteps; ++i) at = next[at];
  auto b = Clock::now();
  *sink += at;
  return Nanos(a, b) / kSteps;
}

std::string Kind(PathKind k) {
  return k == PathKind::kExact ? "exact" : k == PathKind::kPrefix ? "prefix" : "regex";
}

void Export(const ir::Program& p, const std::vector<ReferenceRequest>& requests, const std::string& dir,
            const std::string& table) {
  nlohmann::json routes = nlohmann::json::array();
  std::ofstream yaml(dir + "/routes.yaml");
  yaml << "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: gen\n"
          "spec:\n  controllerName: gwc.dev/bench\n---\n"
          "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n"
          "  namespace: gen\nspec:\n  gatewayClassName: gen\n  listeners:\n"
          "  - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}\n"
          "  - {name: wild, port: 80, protocol: HTTP, hostname: '*.wild.test', allowedRoutes: {namespaces: {from: All}}}\n";
  std::ofstream nginx(dir + "/nginx.conf");
  nginx << "worker_processes 1;\npid " << dir << "/nginx.pid;\nerror_log " << dir
        << "/nginx-error.log;\nevents {}\nhttp {\n  access_log off;\n";
  std::map<std::string, std::vector<std::string>> servers;  // host -> locations
  const ir::Gateway& g = p.gateways.front();
  for (const ir::Listener& l : g.listeners) {
    for (const ir::Attachment& a : l.routes) {
      const ir::Route& r = p.routes[a.route];
      std::string host = a.hostnames.empty() ? "_" : a.hostnames.front();
      yaml << "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: "
           << r.name << "\n  namespace: " << r.ns << "\nspec:\n  parentRefs:\n  - {name: gw, namespace: gen, sectionName: "
           << l.name << "}\n";
      if (!a.hostnames.empty()) yaml << "  hostnames: ['" << a.hostnames.front() << "']\n";
      yaml << "  rules:\n";
      for (const ir::Rule& rule : r.rules) {
        const ir::Match& m = rule.matches.front();
        yaml << "  - matches:\n    - path: {type: "
             << (m.path_kind == PathKind::kExact ? "Exact" : m.path_kind == PathKind::kPrefix ? "PathPrefix" : "RegularExpression")
             << ", value: '" << m.path << "'}\n";
        if (!m.method.empty()) yaml << "      method: " << m.method << "\n";
        for (const ir::Condition& c : m.headers) {
          yaml << "      headers: [{name: " << c.name << ", type: " << (c.regex ? "RegularExpression" : "Exact")
               << ", value: '" << c.value << "'}]\n";
        }
        yaml << "    backendRefs: [{name: " << rule.backends.front().name << ", port: 80}]\n";
        routes.push_back({{"host", host}, {"kind", Kind(m.path_kind)}, {"path", m.path},
                          {"method", m.method}, {"header", !m.headers.empty()}});
        std::string loc = m.path_kind == PathKind::kExact ? "location = " + m.path
                          : m.path_kind == PathKind::kRegex ? "location ~ ^" + m.path + "$"
                                                            : "location " + m.path;
        servers[host].push_back(loc + " { return 200; }");
      }
    }
  }
  for (auto& [host, locations] : servers) {
    std::sort(locations.begin(), locations.end());
    locations.erase(std::unique(locations.begin(), locations.end()), locations.end());
    nginx << "  server {\n    listen 127.0.0.1:18080;\n    server_name " << host << ";\n";
    for (const std::string& l : locations) nginx << "    " << l << "\n";
    nginx << "  }\n";
  }
  nginx << "}\n";
  std::ofstream(dir + "/routes.json") << routes.dump();
  nlohmann::json reqs = nlohmann::json::array();
  for (const ReferenceRequest& r : requests) reqs.push_back({{"method", r.method}, {"path", r.path}, {"host", r.host}});
  std::ofstream(dir + "/requests.json") << reqs.dump();
  std::ofstream(dir + "/table.gwb", std::ios::binary) << table;
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: gwc_bench_lookup N [--seed S] [--requests R] [--dir DIR]\n");
    return 2;
  }
  size_t n = std::stoul(argv[1]);
  uint64_t seed = 20260601;
  size_t count = 100000;
  std::string dir;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--seed") seed = std::stoull(argv[i + 1]);
    else if (a == "--requests") count = std::stoul(argv[i + 1]);
    else if (a == "--dir") dir = argv[i + 1];
  }
  ir::Program program = GenerateRoutes(n, seed);
  ArtifactWriter writer;
  EmitRouteTable(program, &writer);
  std::string table = writer.Finish();
  gwrt::VerifyError error;
  auto artifact = gwrt::Artifact::Copy(table, &error);  // aligned, as a mapped file is
  auto router = artifact ? gwrt::Router::Create(*artifact, &error) : nullptr;
  if (!router) {
    std::fprintf(stderr, "gwc_bench_lookup: %s\n", error.ToString().c_str());
    return 1;
  }
  RequestGenerator gen(program, seed + 1);
  std::vector<ReferenceRequest> uniform, zipf;
  for (size_t i = 0; i < count; ++i) uniform.push_back(gen.Next(false));
  for (size_t i = 0; i < count; ++i) zipf.push_back(gen.Next(true));
  std::vector<gwrt::Request> ru, rz;
  for (const auto& r : uniform) ru.push_back(ToRuntimeRequest(r));
  for (const auto& r : zipf) rz.push_back(ToRuntimeRequest(r));
  double overhead = ClockOverhead();
  uint64_t sink = 0;
  std::vector<gwb::PathKind> kinds = MatchKinds(*artifact);
  ByOutcome by;
  std::vector<double> tu = TimeLookups(*router, ru, overhead, kinds, false, &by, &sink);
  std::vector<double> tz = TimeLookups(*router, rz, overhead, kinds, false, nullptr, &sink);
  ByOutcome warm;
  std::vector<double> tw = TimeLookups(*router, ru, overhead, kinds, true, &warm, &sink);
  nlohmann::json out;
  out["routes"] = n;
  out["p50_ns"] = Percentile(tu, 0.5);
  out["p99_ns"] = Percentile(tu, 0.99);
  for (const auto& [name, v] : {std::pair{"exact", &by.exact}, std::pair{"prefix", &by.prefix},
                                std::pair{"regex", &by.regex}, std::pair{"none", &by.none}}) {
    out[std::string(name) + "_share"] = static_cast<double>(v->size()) / static_cast<double>(tu.size());
    out[std::string(name) + "_p50_ns"] = Percentile(*v, 0.5);
  }
  out["warm_p50_ns"] = Percentile(tw, 0.5);
  out["warm_exact_p50_ns"] = Percentile(warm.exact, 0.5);
  out["warm_prefix_p50_ns"] = Percentile(warm.prefix, 0.5);
  double total = 0;
  for (double ns : tu) total += ns;
  out["mean_ns"] = total / static_cast<double>(tu.size());
  out["zipf_p50_ns"] = Percentile(tz, 0.5);
  out["zipf_p99_ns"] = Percentile(tz, 0.99);
  out["table_bytes"] = table.size();
  out["memory_latency_ns"] = MemoryLatency(table.size(), seed, &sink);
  out["bytes_per_route"] = static_cast<double>(table.size()) / static_cast<double>(n);
  if (n <= 10000) {
    std::vector<double> lin;
    size_t m = std::min<size_t>(count, n <= 1000 ? 20000 : 2000);
    for (size_t i = 0; i < m; ++i) {
      auto a = Clock::now();
      ReferenceMatch r = ReferenceFind(program, uniform[i]);
      auto b = Clock::now();
      sink += r.route;
      lin.push_back(Nanos(a, b));
    }
    out["linear_p50_ns"] = Percentile(lin, 0.5);
  }
  if (!dir.empty()) {
    Export(program, uniform, dir, table);
    std::vector<double> open_ms;
    for (int i = 0; i < 7; ++i) {
      auto a = Clock::now();
      auto opened = gwrt::Artifact::Open(dir + "/table.gwb", &error);
      auto r = opened ? gwrt::Router::Create(*opened, &error) : nullptr;
      auto b = Clock::now();
      if (!r) return 1;
      open_ms.push_back(Nanos(a, b) / 1e6);
    }
    out["open_verify_ms"] = Percentile(open_ms, 0.5);
  }
  out["sink"] = sink % 2;  // keeps the lookups from being optimised away
  std::printf("%s\n", out.dump().c_str());
  return 0;
}

}  // namespace
}  // namespace gwc

int main(int argc, char** argv) { return gwc::Main(argc, argv); }
