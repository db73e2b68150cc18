// Copyright 2026 The gwc Authors.
//
// The lint pipeline end to end, in process: schema defaulting and checks,
// cross-object analyzers, suppression and exit codes.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "compiler/driver/exit_codes.h"
#include "compiler/driver/lint.h"

namespace gwc {
namespace {

namespace fs = std::filesystem;

struct LintRun {
  int exit_code = 0;
  nlohmann::json report;
  std::string stderr_text;

  bool Has(const std::string& code) const {
    for (const auto& d : report["diagnostics"]) {
      if (d["code"] == code) return true;
    }
    return false;
  }
  const nlohmann::json* Find(const std::string& code) const {
    for (const auto& d : report["diagnostics"]) {
      if (d["code"] == code) return &d;
    }
    return nullptr;
  }
  int LineOf(const std::string& code) const {
    for (const auto& d : report["diagnostics"]) {
      if (d["code"] == code) return d["line"].get<int>();
    }
    return -1;
  }
};

LintRun Lint(const std::string& yaml, std::vector<std::string> extra_paths = {},
             LintOptions options = {}) {
  fs::path dir = fs::temp_directory_path() / ("gwc-lint-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path file = dir / "input.yaml";
  std::ofstream(file) << yaml;
  options.paths = {file.string()};
  for (auto& p : extra_paths) options.paths.push_back(p);
  options.format = OutputFormat::kJson;
  options.config_file = "/dev/null";
  options.fail_on_set = true;
  std::ostringstream out, err;
  LintRun run;
  run.exit_code = RunLint(options, out, err);
  run.report = nlohmann::json::parse(out.str());
  run.stderr_text = err.str();
  fs::remove_all(dir);
  return run;
}

const char* kRoute = R"(apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
spec:
  rules:
  - backendRefs:
    - name: svc
)";

TEST_CASE("defaults apply before rules: a portless backend to a defaulted Service kind") {
  LintRun run = Lint(kRoute);
  CHECK(run.Has("GWC3013"));
  CHECK(run.LineOf("GWC3013") == 8);
  CHECK(run.exit_code == kExitFindings);
}

TEST_CASE("a ListenerSet the API server refuses conflicts with no listener") {
  // a-refused is older and claims the same port and hostname as b-valid,
  // but its second listener's allowedRoutes value is not one the CRD
  // allows: the cluster never stores it, so b-valid conflicts with nothing.
  const std::string base = R"(apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: default}
spec:
  gatewayClassName: gc
  allowedListeners: {namespaces: {from: Same}}
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: {name: a-refused, namespace: default, creationTimestamp: "2026-01-01T00:00:00Z"}
spec:
  parentRef: {name: gw}
  listeners:
  - {name: one, port: 8080, protocol: HTTP, hostname: app.example.com}
  - {name: two, port: 8081, protocol: HTTP, allowedRoutes: {namespaces: {from: FROM}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: {name: b-valid, namespace: default, creationTimestamp: "2026-02-01T00:00:00Z"}
spec:
  parentRef: {name: gw}
  listeners:
  - {name: one, port: 8080, protocol: HTTP, hostname: app.example.com}
)";
  std::string refused = base;
  refused.replace(refused.find("FROM"), 4, "Bogus");
  std::string stored = base;
  stored.replace(stored.find("FROM"), 4, "Same");
  CHECK(Lint(stored).Has("GWC4004"));
  LintRun run = Lint(refused);
  CHECK(!run.Has("GWC4004"));
  CHECK(run.exit_code == kExitFindings);  // the refusal itself is an error
}

TEST_CASE("an Ingress the API server refuses routes no path twice") {
  // Both Ingresses route shop.example.com/ for class nginx, but the first
  // one's rule host is (or is not) an IP address: a refused Ingress is never
  // stored, so the second conflicts with nothing.
  const std::string base = R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a, namespace: default}
spec:
  ingressClassName: nginx
  rules:
  - host: HOST
    http: {paths: [{path: /x, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}]}
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: b, namespace: default}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}]}
---
apiVersion: v1
kind: Service
metadata: {name: app, namespace: default}
spec: {ports: [{port: 80}]}
)";
  std::string refused = base;
  refused.replace(refused.find("HOST"), 4, "192.0.2.1");
  std::string stored = base;
  stored.replace(stored.find("HOST"), 4, "api.example.com");
  CHECK(Lint(stored).Has("GWC6004"));
  LintRun run = Lint(refused);
  CHECK(run.Has("GWC6012"));
  CHECK(!run.Has("GWC6004"));
}

TEST_CASE("unknown fields suggest the near name and are located on the key") {
  LintRun run = Lint(R"(apiVersion: v1
kind: Service
metadata:
  name: s
spec:
  prots:
  - port: 80
)");
  REQUIRE(run.Has("GWC2001"));
  CHECK(run.LineOf("GWC2001") == 6);
  const nlohmann::json* d = run.Find("GWC2001");
  CHECK((*d)["message"].get<std::string>().find("'ports'") != std::string::npos);
  CHECK((*d)["fieldPath"] == "spec.prots");
}

TEST_CASE("implicit YAML types in string fields are caught") {
  LintRun run = Lint(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  annotations:
    example.com/enabled: on
data:
  mode: 0755
)");
  CHECK(run.Has("GWC2003"));
  int count = 0;
  for (const auto& d : run.report["diagnostics"]) count += d["code"] == "GWC2003";
  CHECK(count == 2);
}

TEST_CASE("gwc.dev/ignore suppresses a code on its object, and needs a reason") {
  std::string yaml = kRoute;
  std::string with_reason = yaml;
  with_reason.replace(with_reason.find("  name: r\n"), 10,
                      "  name: r\n  annotations:\n    gwc.dev/ignore: \"GWC3013: port set by a webhook\"\n");
  LintRun ok = Lint(with_reason);
  CHECK_FALSE(ok.Has("GWC3013"));
  CHECK(ok.stderr_text.find("suppressed") != std::string::npos);
  std::string no_reason = yaml;
  no_reason.replace(no_reason.find("  name: r\n"), 10,
                    "  name: r\n  annotations:\n    gwc.dev/ignore: GWC3013\n");
  LintRun bad = Lint(no_reason);
  CHECK(bad.Has("GWC7001"));
  CHECK(bad.Has("GWC3013"));
}

TEST_CASE("--fail-on decides the exit code, not the format") {
  LintOptions warn;
  warn.fail_on = Severity::kWarning;
  const char* only_warning = R"(apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
spec:
  rules:
  - matches:
    - path: {type: PathPrefix, value: /a}
)";
  CHECK(Lint(only_warning).exit_code == kExitOk);
  CHECK(Lint(only_warning, {}, warn).exit_code == kExitFindings);
}

TEST_CASE("a missing path is exit code 2") {
  LintRun run = Lint("", {"/nonexistent/gwc/path.yaml"});
  CHECK(run.Has("GWC1007"));
  CHECK(run.exit_code == kExitUsage);
}

}  // namespace
}  // namespace gwc
