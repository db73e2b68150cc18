// Copyright 2026 The gwc Authors.
//
// The probes of `gwc diff`: each match yields its value and the requests
// just inside and outside it, for every host the route answers.

#include "compiler/driver/diff.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/driver/exit_codes.h"

namespace gwc {
namespace {

ir::Program OneRoute(ir::Match m, std::vector<std::string> hostnames) {
  ir::Program p;
  ir::Route r;
  r.ns = "ns";
  r.name = "r";
  ir::Rule rule;
  rule.matches.push_back(std::move(m));
  r.rules.push_back(rule);
  p.routes.push_back(r);
  ir::Gateway g{"gw-ns", "gw", {}};
  g.listeners.push_back({"http", "", 80, ir::Protocol::kHttp, {}});
  g.listeners[0].routes.push_back({0, std::move(hostnames)});
  p.gateways.push_back(std::move(g));
  return p;
}

bool Has(const std::vector<gwrt::Request>& probes, const std::string& host, const std::string& path,
         const std::string& method = "GET") {
  return std::any_of(probes.begin(), probes.end(), [&](const gwrt::Request& r) {
    return r.host == host && r.path == path && r.method == method && r.gateway == "gw-ns/gw" && r.port == 80;
  });
}

TEST_CASE("diff probes: a PathPrefix value, its element edge and what lies around it") {
  ir::Match m;
  m.path_kind = PathKind::kPrefix;
  m.path = "/api";
  auto probes = ProbeRequests(OneRoute(m, {"a.example.com"}));
  for (const char* path : {"/api", "/API", "/api/", "/api/probe", "/apiprobe", "/"}) {
    INFO(path);
    CHECK(Has(probes, "a.example.com", path));
  }
  CHECK(probes.size() == 6);
}

TEST_CASE("diff probes: an Exact path with and without its trailing slash, in upper case") {
  ir::Match m;
  m.path_kind = PathKind::kExact;
  m.path = "/healthz/";
  auto probes = ProbeRequests(OneRoute(m, {"a.example.com"}));
  CHECK(Has(probes, "a.example.com", "/healthz/"));
  CHECK(Has(probes, "a.example.com", "/healthz"));
  CHECK(Has(probes, "a.example.com", "/HEALTHZ/"));
}

TEST_CASE("diff probes: one and two labels under a wildcard; a reserved host without hostnames") {
  ir::Match m;
  m.path = "/";
  auto wild = ProbeRequests(OneRoute(m, {"*.example.com"}));
  CHECK(Has(wild, "w.example.com", "/"));
  CHECK(Has(wild, "w.w.example.com", "/"));
  auto any = ProbeRequests(OneRoute(m, {}));
  REQUIRE(any.size() == 2);  // "/" and "/probe"
  CHECK(Has(any, "probe.gwc-diff.invalid", "/probe"));
}

TEST_CASE("diff probes: the match's method and another; headers present (a regex's by a sample) and absent") {
  ir::Match m;
  m.path = "/";
  m.method = "GET";
  m.headers.push_back({"x-canary", false, "true"});
  m.headers.push_back({"x-version", true, "v[0-9]"});
  auto probes = ProbeRequests(OneRoute(m, {"a.example.com"}));
  CHECK(Has(probes, "a.example.com", "/", "GET"));
  CHECK(Has(probes, "a.example.com", "/", "POST"));
  auto with_header = std::count_if(probes.begin(), probes.end(), [](const gwrt::Request& r) {
    return r.headers.size() == 2 && r.headers[0] == std::pair<std::string, std::string>{"x-canary", "true"} &&
           r.headers[1] == std::pair<std::string, std::string>{"x-version", "v0"};
  });
  auto without = std::count_if(probes.begin(), probes.end(), [](const gwrt::Request& r) { return r.headers.empty(); });
  CHECK(with_header == without);
  CHECK(with_header > 0);
}

TEST_CASE("diff probes: a regex path is probed with strings it matches, its alternatives and repetitions") {
  ir::Match m;
  m.path_kind = PathKind::kRegex;
  m.path = "(?i)(?:/api(/|$)(.*)).*";
  auto probes = ProbeRequests(OneRoute(m, {"a.example.com"}));
  for (const char* path : {"/api", "/api/", "/API"}) {
    INFO(path);
    CHECK(Has(probes, "a.example.com", path));
  }
}

TEST_CASE("diff probes: a CORS policy gets a request and a preflight from an allowed origin and another") {
  ir::Match m;
  m.path_kind = PathKind::kPrefix;
  m.path = "/x";
  ir::Program p = OneRoute(m, {"a.example.com"});
  p.routes[0].rules[0].filters.cors = ir::Cors{{"https://app.example.com"}, {"GET"}, {}, {}, false, 5};
  auto probes = ProbeRequests(p);
  for (const char* origin : {"https://app.example.com", "https://probe.gwc-diff.invalid"}) {
    for (const char* method : {"GET", "OPTIONS"}) {
      INFO(origin << " " << method);
      CHECK(std::any_of(probes.begin(), probes.end(), [&](const gwrt::Request& r) {
        return r.method == method && r.path == "/x" &&
               std::find(r.headers.begin(), r.headers.end(), std::pair<std::string, std::string>("origin", origin)) !=
                   r.headers.end();
      }));
    }
  }
}

// One HTTPRoute on /x with `backends` (YAML list items), behind a Gateway.
std::string WeightedConfig(const std::string& backends) {
  return R"(apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: c}
spec: {controllerName: example.com/c}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: ns}
spec:
  gatewayClassName: c
  listeners: [{name: http, protocol: HTTP, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: a, namespace: ns}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: b, namespace: ns}
spec: {ports: [{port: 80}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: ns}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /x}}]
    backendRefs:
)" + backends;
}

// RunDiff on two configurations; `out` receives the text report.
int Diff(const std::string& old_yaml, const std::string& new_yaml, std::string* out) {
  auto dir = std::filesystem::temp_directory_path() / "gwc_diff_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "old.yaml") << old_yaml;
  std::ofstream(dir / "new.yaml") << new_yaml;
  DiffOptions o;
  o.old_config.paths = {(dir / "old.yaml").string()};
  o.new_config.paths = {(dir / "new.yaml").string()};
  std::ostringstream text, err;
  int rc = RunDiff(o, text, err);
  *out = text.str();
  return rc;
}

TEST_CASE("diff: weights compare as shares of the traffic; each backend's treatment is compared") {
  std::string even = WeightedConfig("    - {name: a, port: 80, weight: 1}\n    - {name: b, port: 80, weight: 1}\n");
  std::string out;
  CHECK(Diff(even, WeightedConfig("    - {name: b, port: 80, weight: 50}\n    - {name: a, port: 80, weight: 50}\n"), &out) ==
        kExitOk);
  CHECK(Diff(even, WeightedConfig("    - {name: a, port: 80, weight: 3}\n    - {name: b, port: 80, weight: 1}\n"), &out) ==
        kExitFindings);
  CHECK(out.find("ns/a:80 50%, ns/b:80 50% -> ns/a:80 75%, ns/b:80 25%") != std::string::npos);
  std::string filtered = WeightedConfig(
      "    - {name: a, port: 80, weight: 1}\n"
      "    - name: b\n      port: 80\n      weight: 1\n"
      "      filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-b, value: '1'}]}}]\n");
  CHECK(Diff(even, filtered, &out) == kExitFindings);
  CHECK(out.find("ns/b:80: request headers: (none) -> x-b: 1") != std::string::npos);
}

}  // namespace
}  // namespace gwc
