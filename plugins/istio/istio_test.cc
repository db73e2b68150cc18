// Copyright 2026 The gwc Authors.
//
// Istio Gateways and VirtualServices lowered, ranked and compiled: what
// the runtime answers must be what an Istio ingress gateway answers.

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/emit/artifact_writer.h"
#include "compiler/emit/route_table.h"
#include "compiler/ir/first_match.h"
#include "compiler/model/index.h"
#include "compiler/testing/parse_helpers.h"
#include "gwrt/artifact.h"
#include "gwrt/router.h"
#include "plugins/istio/istio.h"

namespace gwc {
namespace {

constexpr const char* kGateway = R"(apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: web}
spec:
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*.example.com"]
  - port: {number: 8080, name: redirect, protocol: HTTP}
    hosts: ["secure.example.com"]
    tls: {httpsRedirect: true}
---
)";

// Compiles the Istio objects of `yaml` (after kGateway) and answers
// requests with the runtime.
class Istio {
 public:
  explicit Istio(const std::string& yaml) {
    testing::ParseText(std::string(kGateway) + yaml, &parsed_);
    Index index(parsed_.objects, {});
    ir::Program program;
    LowerIstio(index, &program, &warnings, nullptr);
    RankFirstMatchRoutes(&program);
    ArtifactWriter writer;
    EmitRouteTable(program, &writer);
    bytes_ = writer.Finish();
    gwrt::VerifyError error;
    artifact_ = gwrt::Artifact::FromBytes(bytes_, &error);
    REQUIRE(artifact_);
    router_ = gwrt::Router::Create(*artifact_, &error);
    REQUIRE(router_);
  }

  gwrt::Decision Get(const std::string& url_path, const std::string& host = "a.example.com", int port = 80,
                     gwrt::Headers headers = {}) const {
    gwrt::Request req;
    req.host = host;
    req.port = port;
    req.path = url_path;
    req.headers = std::move(headers);
    return router_->Decide(req);
  }

  std::vector<std::string> warnings;

 private:
  testing::Parsed parsed_;
  std::string bytes_;
  std::unique_ptr<gwrt::Artifact> artifact_;
  std::unique_ptr<gwrt::Router> router_;
};

// A VirtualService web/<name> with `spec` (YAML lines below spec:).
std::string VirtualService(const std::string& name, const std::string& spec) {
  return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: " + name +
         ", namespace: web}\nspec:\n" + spec;
}

std::string Backend(const gwrt::Decision& d) {
  return d.chosen < 0 ? "" : d.candidates[d.chosen].ns + "/" + d.candidates[d.chosen].name;
}

TEST_CASE("istio: the first rule that matches wins, not the most specific") {
  Istio istio(VirtualService("shop", R"(  hosts: ["a.example.com"]
  gateways: [public]
  http:
  - match: [{headers: {x-canary: {exact: "1"}}}]
    route: [{destination: {host: canary, port: {number: 80}}}]
  - match: [{uri: {prefix: /}}]
    route: [{destination: {host: site, port: {number: 80}}}]
  - match: [{uri: {exact: /api}}]
    route: [{destination: {host: api, port: {number: 80}}}]
)"));
  CHECK(Backend(istio.Get("/api")) == "web/site");  // the exact rule comes too late
  CHECK(Backend(istio.Get("/api", "a.example.com", 80, {{"X-Canary", "1"}})) == "web/canary");
  CHECK(istio.Get("/x", "b.example.com").status == 404);  // not a host of the VirtualService
}

TEST_CASE("istio: uri prefixes are string prefixes and rewrite.uri replaces the matched prefix") {
  Istio istio(VirtualService("shop", R"(  hosts: ["*.example.com"]
  gateways: [web/public]
  http:
  - match: [{uri: {prefix: /old}}, {uri: {exact: /legacy}}]
    rewrite: {uri: /new}
    route: [{destination: {host: api.other.svc.cluster.local, port: {number: 8080}}}]
  - match: [{uri: {regex: "/v[0-9]+/.*"}}]
    route: [{destination: {host: versioned, port: {number: 80}}}]
)"));
  gwrt::Decision d = istio.Get("/oldx/y");
  CHECK(Backend(d) == "other/api");
  CHECK(d.path == "/newx/y");
  CHECK(istio.Get("/old/a").path == "/new/a");
  CHECK(istio.Get("/legacy").path == "/new");  // an exact match: the whole path
  CHECK(Backend(istio.Get("/v2/items")) == "web/versioned");
  CHECK(istio.Get("/v2").status == 404);  // regexes match the whole path
}

TEST_CASE("istio: httpsRedirect servers redirect everything; rejected VirtualServices route nothing") {
  Istio istio(VirtualService("broken", R"(  hosts: ["a.example.com"]
  gateways: [public]
  http:
  - redirect: {uri: /elsewhere}
    route: [{destination: {host: site}}]
)"));
  REQUIRE(istio.warnings.size() == 1);
  CHECK(istio.warnings[0].find("cannot have both route and redirect") != std::string::npos);
  CHECK(istio.Get("/", "a.example.com").status == 404);
  gwrt::Decision d = istio.Get("/p?q=1", "secure.example.com", 8080);
  CHECK(d.status == 301);
  CHECK(d.location.starts_with("https://secure.example.com"));
}

TEST_CASE("istio: presence conditions, empty prefixes, match-level gateways, ignoreUriCase rewrites") {
  Istio istio(VirtualService("shop", R"(  hosts: ["a.example.com"]
  gateways: [public, mesh]
  http:
  - match: [{uri: {prefix: /internal}, gateways: [mesh]}]
    route: [{destination: {host: internal, port: {number: 80}}}]
  - match: [{headers: {x-beta: {}}}]
    route: [{destination: {host: beta, port: {number: 80}}}]
  - match: [{uri: {prefix: /API}, ignoreUriCase: true}]
    rewrite: {uri: /v2}
    route: [{destination: {host: api, port: {number: 80}}}]
  - match: [{uri: {prefix: ""}}]
    route: [{destination: {host: site, port: {number: 80}}}]
)"));
  CHECK(Backend(istio.Get("/internal/x")) == "web/site");  // that rule is the mesh's only
  CHECK(Backend(istio.Get("/x", "a.example.com", 80, {{"X-Beta", ""}})) == "web/beta");
  gwrt::Decision d = istio.Get("/api/orders");
  CHECK(Backend(d) == "web/api");
  CHECK(d.path == "/v2/orders");  // the matched prefix replaced, whatever its case
  CHECK(Backend(istio.Get("/anything")) == "web/site");
}

TEST_CASE("istio lint: rejected rules and matches an earlier one shadows") {
  testing::Parsed parsed;
  testing::ParseText(R"(apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata: {name: shop, namespace: web}
spec:
  hosts: [a.example.com]
  http:
  - match: [{uri: {prefix: /api}}]
    route: [{destination: {host: api}}]
  - match: [{uri: {exact: /api/v1}}, {uri: {exact: /other}}]
    route: [{destination: {host: v1}}]
  - match: [{uri: {prefix: /}, withoutHeaders: {x-a: {exact: "1"}}}]
    route: [{destination: {host: site}}]
  - match: [{uri: {exact: /x}}]
    redirect: {uri: /y}
    route: [{destination: {host: site}}]
)",
                     &parsed);
  DiagnosticSink sink;
  for (const Object& o : parsed.objects) CheckIstioObject(o, &sink);
  std::vector<Diagnostic> diags = sink.TakeSorted();
  REQUIRE(diags.size() == 2);
  CHECK(diags[0].code == DiagCode::kIstioUnreachable);  // /api/v1 under the string prefix /api
  CHECK(diags[0].field_path == "spec.http[1].match[0]");
  // /other is reachable; so is /x: the catch-all before it has a condition
  // gwc does not model, so it shadows nothing.
  CHECK(diags[1].code == DiagCode::kIstioRejected);
  CHECK(diags[1].field_path == "spec.http[3]");
}

}  // namespace
}  // namespace gwc
