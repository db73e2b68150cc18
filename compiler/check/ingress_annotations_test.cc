// Copyright 2026 The gwc Authors.
//
// Tests for the controller annotation check (ingress_annotations.cc): unknown
// names with suggestions, removed and deprecated annotations, values of the
// wrong form, and annotations that must produce nothing.

#include "compiler/check/ingress_annotations.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/testing/parse_helpers.h"

namespace gwc {
namespace {

struct Finding {
  DiagCode code;
  uint32_t line;
  std::string message;
  std::string path;
  std::string fix_hint;
};

// Builds an Ingress whose metadata.annotations are the lines of
// `annotations` (each "key: value", indented by the helper; the first
// annotation is on line 6) and returns what the check reports.
std::vector<Finding> Check(const std::vector<std::string>& annotations) {
  std::string yaml =
      "apiVersion: networking.k8s.io/v1\n"
      "kind: Ingress\n"
      "metadata:\n"
      "  name: web\n"
      "  annotations:\n";
  for (const std::string& line : annotations) yaml += "    " + line + "\n";
  yaml += "spec:\n  ingressClassName: nginx\n";
  testing::Parsed parsed;
  testing::ParseText(yaml, &parsed);
  REQUIRE(parsed.objects.size() == 1);
  DiagnosticSink sink;
  CheckIngressAnnotations(parsed.objects[0], &sink);
  std::vector<Finding> out;
  for (Diagnostic& d : sink.TakeSorted()) {
    out.push_back({d.code, parsed.LineOf(d), d.message, d.field_path, d.fix_hint});
  }
  return out;
}

TEST_CASE("a misspelt annotation name gets the closest known name") {
  auto findings = Check({"nginx.ingress.kubernetes.io/rewrite-targets: /"});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == DiagCode::kAnnotationPrefix);
  CHECK(findings[0].line == 6);
  CHECK(findings[0].path ==
        "metadata.annotations[\"nginx.ingress.kubernetes.io/rewrite-targets\"]");
  CHECK_THAT(findings[0].message,
             Catch::Contains("did you mean 'nginx.ingress.kubernetes.io/rewrite-target'?"));
  CHECK(findings[0].fix_hint == "rename it to nginx.ingress.kubernetes.io/rewrite-target");
}

TEST_CASE("suggestions: swapped letters, substrings, another prefix, nothing close") {
  auto swapped = Check({"nginx.ingress.kubernetes.io/ssl-rediretc: \"true\""});
  REQUIRE(swapped.size() == 1);
  CHECK_THAT(swapped[0].message, Catch::Contains("'nginx.ingress.kubernetes.io/ssl-redirect'"));

  auto substring = Check({"konghq.com/https-redirect-status: \"301\""});
  REQUIRE(substring.size() == 1);
  CHECK_THAT(substring[0].message,
             Catch::Contains("did you mean 'konghq.com/https-redirect-status-code'?"));

  auto other_prefix = Check({"nginx.org/jwt-key: jwk"});
  REQUIRE(other_prefix.size() == 1);
  CHECK_THAT(other_prefix[0].message, Catch::Contains("did you mean 'nginx.com/jwt-key'?"));

  auto nothing = Check({"nginx.ingress.kubernetes.io/zzzz-qqqq: x"});
  REQUIRE(nothing.size() == 1);
  CHECK_THAT(nothing[0].message, Catch::Contains("is not one ingress-nginx knows"));
  CHECK_THAT(nothing[0].message, !Catch::Contains("did you mean"));
}

TEST_CASE("a removed annotation names what replaces it") {
  auto findings = Check({"nginx.ingress.kubernetes.io/secure-backends: \"true\""});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == DiagCode::kAnnotationPrefix);
  CHECK(findings[0].line == 6);
  CHECK_THAT(findings[0].message, Catch::Contains("was removed from ingress-nginx"));
  CHECK_THAT(findings[0].message,
             Catch::Contains("nginx.ingress.kubernetes.io/backend-protocol: \"HTTPS\""));

  auto no_replacement = Check({"nginx.ingress.kubernetes.io/session-cookie-hash: sha1"});
  REQUIRE(no_replacement.size() == 1);
  CHECK_THAT(no_replacement[0].message, Catch::Contains("nothing replaces it"));
}

TEST_CASE("a removed annotation's value is not checked") {
  auto findings = Check({"nginx.ingress.kubernetes.io/secure-backends: \"yes\""});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == DiagCode::kAnnotationPrefix);
}

TEST_CASE("a deprecated alias names its new name, and its value is still checked") {
  auto findings = Check({"nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8, nope"});
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].code == DiagCode::kAnnotationPrefix);
  CHECK_THAT(
      findings[0].message,
      Catch::Contains("deprecated; use 'nginx.ingress.kubernetes.io/allowlist-source-range'"));
  CHECK(findings[1].code == DiagCode::kAnnotationValue);
}

TEST_CASE("a bool must be exactly \"true\" or \"false\"") {
  auto findings = Check({"nginx.ingress.kubernetes.io/ssl-redirect: \"yes\""});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == DiagCode::kAnnotationValue);
  CHECK(findings[0].line == 6);
  CHECK(findings[0].path == "metadata.annotations[\"nginx.ingress.kubernetes.io/ssl-redirect\"]");
  CHECK(findings[0].message ==
        "annotation 'nginx.ingress.kubernetes.io/ssl-redirect' expects \"true\" or \"false\", "
        "not \"yes\"");
  CHECK(Check({"nginx.ingress.kubernetes.io/ssl-redirect: \"True\""}).size() == 1);
}

TEST_CASE("values that are not strings are left to the schema check") {
  CHECK(Check({"nginx.ingress.kubernetes.io/ssl-redirect: yes"}).empty());
  CHECK(Check({"nginx.ingress.kubernetes.io/limit-rps: 10"}).empty());
  CHECK(Check({"nginx.ingress.kubernetes.io/ssl-redirect: true"}).empty());
}

TEST_CASE("an int or unitless seconds value with a unit is wrong") {
  auto rps = Check({"nginx.ingress.kubernetes.io/limit-rps: 10s"});
  REQUIRE(rps.size() == 1);
  CHECK(rps[0].code == DiagCode::kAnnotationValue);
  CHECK_THAT(rps[0].message, Catch::Contains("expects a decimal integer, not \"10s\""));

  auto timeout = Check({"nginx.ingress.kubernetes.io/proxy-read-timeout: \"10s\""});
  REQUIRE(timeout.size() == 1);
  CHECK_THAT(timeout[0].message, Catch::Contains("a number of seconds without a unit"));

  CHECK(Check({"nginx.ingress.kubernetes.io/proxy-read-timeout: \"120\""}).empty());
}

TEST_CASE("an enum value outside its set is wrong") {
  auto findings = Check({"nginx.ingress.kubernetes.io/backend-protocol: HTTP2"});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == DiagCode::kAnnotationValue);
  CHECK_THAT(findings[0].message,
             Catch::Contains("one of \"HTTP\", \"HTTPS\", \"AUTO_HTTP\", \"GRPC\", \"GRPCS\", "
                             "\"FCGI\", not \"HTTP2\""));
  CHECK(Check({"nginx.ingress.kubernetes.io/backend-protocol: GRPCS"}).empty());
  CHECK(Check({"nginx.org/path-regex: case_insensitive"}).empty());
  CHECK(Check({"konghq.com/protocol: tcp"}).empty());
  CHECK(Check({"konghq.com/protocol: sctp"}).size() == 1);
}

TEST_CASE("sizes, durations and CIDR lists") {
  CHECK(Check({"nginx.ingress.kubernetes.io/proxy-body-size: 8m"}).empty());
  CHECK(Check({"nginx.ingress.kubernetes.io/proxy-body-size: \"0\""}).empty());
  CHECK(Check({"nginx.ingress.kubernetes.io/proxy-body-size: 8mb"}).size() == 1);
  CHECK(Check({"nginx.org/client-max-body-size: 1.5m"}).size() == 1);
  CHECK(Check({"nginx.org/proxy-read-timeout: 60s"}).empty());
  CHECK(Check({"nginx.org/proxy-read-timeout: 1m 30s"}).empty());
  CHECK(Check({"nginx.com/slow-start: 500ms"}).empty());
  CHECK(Check({"nginx.org/fail-timeout: ten"}).size() == 1);
  CHECK(Check({"nginx.ingress.kubernetes.io/allowlist-source-range: "
               "\"10.0.0.0/8, 192.168.1.1,2001:db8::/32\""})
            .empty());
  CHECK(Check({"nginx.ingress.kubernetes.io/denylist-source-range: 10.0.0.256/8"}).size() == 1);
  CHECK(Check({"nginx.ingress.kubernetes.io/denylist-source-range: 10.0.0.0/8,"}).size() == 1);
}

TEST_CASE("known valid annotations of every prefix produce nothing") {
  std::vector<std::string> valid = {
      "nginx.ingress.kubernetes.io/rewrite-target: /$1",
      "nginx.ingress.kubernetes.io/use-regex: \"true\"",
      "nginx.ingress.kubernetes.io/configuration-snippet: |\n      more_set_headers \"A: b\";",
      "nginx.org/proxy-connect-timeout: 30s",
      "nginx.org/client-max-body-size: 4m",
      "nginx.org/mergeable-ingress-type: master",
      "nginx.com/health-checks: \"true\"",
      "nginx.com/jwt-key: jwk-secret",
      "konghq.com/strip-path: \"true\"",
      "konghq.com/plugins: rate-limit,key-auth",
      "konghq.com/connect-timeout: \"5000\"",
      "konghq.com/headers.x-canary: always,sometimes",
  };
  CHECK(Check(valid).empty());
}

TEST_CASE("keys with other prefixes produce nothing") {
  CHECK(Check({"example.com/x: \"yes\"", "kubernetes.io/ingress.class: nginx",
               "cert-manager.io/cluster-issuer: letsencrypt", "nsm.nginx.com/internal-route: maybe",
               "configuration.konghq.com/foo: bar", "nginx.ingress.kubernetes.io.example/x: y"})
            .empty());
}

TEST_CASE("an Ingress without annotations or with a non-map annotations field is fine") {
  testing::Parsed parsed;
  testing::ParseText(
      "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: a\n"
      "  annotations: [x]\n",
      &parsed);
  REQUIRE(parsed.objects.size() == 1);
  DiagnosticSink sink;
  CheckIngressAnnotations(parsed.objects[0], &sink);
  CHECK(sink.size() == 0);
}

}  // namespace
}  // namespace gwc
