// Copyright 2026 The gwc Authors.
//
// RouteTest reading, running and reporting (text, JSON, JUnit).

#include "compiler/driver/route_test.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>

#include "compiler/base/render.h"
#include "compiler/driver/exit_codes.h"
#include "compiler/model/conflict_order.h"
#include "compiler/model/index.h"
#include "compiler/model/scalar.h"
#include "gwrt/artifact.h"
#include "gwrt/jwks.h"
#include "gwrt/policy.h"
#include "gwrt/router.h"
#include "runtime-stub/json/decision_json.h"

namespace gwc {

namespace {

constexpr std::string_view kRouteTestGroup = "gwc.dev";
constexpr std::string_view kDefaultClientIp = "192.0.2.1";  // TEST-NET-1
constexpr int64_t kMaxRepeat = 100000;

struct CaseResult {
  std::string test, name, location;  // location: file:line of the case
  std::vector<std::string> failures;
  gwrt::Decision decision;
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const std::string* FindHeader(const gwrt::Headers& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (Lower(n) == Lower(name)) return &v;
  }
  return nullptr;
}

std::string Location(const Node* n, const SourceSet& sources) {
  const SourceFile* f = n ? sources.Get(n->span.file) : nullptr;
  if (!f) return "?";
  return f->path() + ":" + std::to_string(f->Locate(n->span.begin).line);
}

std::string HostWithoutDefaultPort(const std::string& host) {
  for (const char* suffix : {":80", ":443"}) {
    if (host.size() > 4 && host.ends_with(suffix)) return host.substr(0, host.size() - std::strlen(suffix));
  }
  return host;
}

// Reads a mapping of header names to values into `out`; false when `node`
// is not one.
bool ReadHeaderMap(const Node* node, gwrt::Headers* out) {
  if (!node->IsMap()) return false;
  for (uint32_t i = 0; i < node->size; ++i) {
    if (!node->values[i]->IsScalar()) return false;
    out->emplace_back(std::string(node->keys[i].text), std::string(node->values[i]->text));
  }
  return true;
}

// Reads the case's request; returns false with failures when it cannot.
// A Host header, as with curl -H, names the host in place of the URL's; a
// fragment ("#...") is not part of what a client sends. A gRPC call is
// marked by `protocol: grpc`, `grpc: true`, or else by its content-type.
bool ReadRequest(const Node* request, const std::string& gateway, gwrt::Request* req,
                 std::vector<std::string>* failures) {
  static constexpr std::string_view kFields[] = {"url",  "method",   "headers", "protocol", "grpc",
                                                 "body", "clientIP", "backendResponseHeaders", "sni"};
  if (!request || !request->IsMap()) {
    failures->push_back("the case has no request mapping");
    return false;
  }
  for (uint32_t i = 0; i < request->size; ++i) {
    std::string_view key = request->keys[i].text;
    if (std::find(std::begin(kFields), std::end(kFields), key) == std::end(kFields)) {
      failures->push_back("unknown request field '" + std::string(key) + "'");
    }
  }
  req->gateway = gateway;
  std::string url(request->Str("url"));
  url = url.substr(0, url.find('#'));
  if (!gwrt::SplitUrl(url, req)) failures->push_back("request.url must be an absolute http(s) URL, got '" + url + "'");
  req->method = std::string(request->Str("method", "GET"));
  if (const Node* h = request->Get("headers"); h && !ReadHeaderMap(h, &req->headers)) {
    failures->push_back("request.headers must map header names to values");
  }
  // The Host header is the request's host, not one more header.
  if (const std::string* host = FindHeader(req->headers, "host")) {
    req->host = *host;
    std::erase_if(req->headers, [](const auto& h) { return Lower(h.first) == "host"; });
  }
  std::string_view protocol = request->Str("protocol", "http"), grpc = request->Str("grpc", "false");
  if ((protocol != "http" && protocol != "grpc") || (grpc != "true" && grpc != "false")) {
    failures->push_back("request.protocol must be http or grpc (or request.grpc true or false)");
  }
  const std::string* content_type = FindHeader(req->headers, "content-type");
  bool grpc_content = content_type && Lower(*content_type).starts_with("application/grpc");
  bool explicit_protocol = request->Get("protocol") || request->Get("grpc");
  req->grpc = explicit_protocol ? protocol == "grpc" || grpc == "true" : grpc_content;
  if (const Node* h = request->Get("backendResponseHeaders"); h && !ReadHeaderMap(h, &req->backend_response_headers)) {
    failures->push_back("request.backendResponseHeaders must map header names to values");
  }
  req->client_ip = std::string(request->Str("clientIP", kDefaultClientIp));
  req->sni = std::string(request->Str("sni"));
  if (const Node* body = request->Get("body"); body && body->IsScalar()) {
    req->body_bytes = static_cast<int64_t>(body->text.size());
  }
  return failures->empty();
}

// Why spec.gateway cannot pick a Gateway of `program`, or empty: it names
// one, or is empty and the input has exactly one. `objects` (the input)
// tells a Gateway or Ingress the API server would refuse from one that is
// absent.
std::string GatewayProblem(const ir::Program& program, const std::vector<Object>& objects,
                           const std::string& gateway) {
  std::string names;
  for (const ir::Gateway& g : program.gateways) {
    if (gateway == g.ns + "/" + g.name) return "";
    names += (names.empty() ? "" : ", ") + g.ns + "/" + g.name;
  }
  std::string refused;  // "Gateway ns/a, Ingress ns/b"
  for (const Object& o : objects) {
    if ((o.kind != "Gateway" && o.kind != "Ingress") || !RefusedWhole(o)) continue;
    refused += (refused.empty() ? "" : ", ") + o.Display();
    if (o.kind == "Gateway" && gateway == std::string(o.ns) + "/" + std::string(o.name)) {
      const ApiError& e = o.api_errors.front();
      return "spec.gateway '" + gateway + "' names a Gateway the API server refuses (" + e.field_path + ": " +
             e.message + "), so nothing listens for it";
    }
  }
  if (program.gateways.empty()) {
    return refused.empty() ? "the input has no Gateway (or Ingress) to send requests to"
                           : "the API server refuses every Gateway and Ingress of the input (" + refused +
                                 "): nothing to send requests to";
  }
  const std::string also = refused.empty() ? "" : "; the API server refuses " + refused;
  if (!gateway.empty()) return "spec.gateway '" + gateway + "' is not a Gateway of the input (" + names + ")" + also;
  if (program.gateways.size() > 1 || !refused.empty()) {
    return "spec.gateway must name one of the input's Gateways: " + names + also;
  }
  return "";
}

class CaseChecker {
 public:
  CaseChecker(const gwrt::Decision& d, std::vector<std::string>* failures) : d_(d), f_(*failures) {}

  void Check(const Node& expect) {
    for (uint32_t i = 0; i < expect.size; ++i) {
      std::string_view key = expect.keys[i].text;
      const Node& v = *expect.values[i];
      if (key == "route") Route(v);
      else if (key == "backend") Backend(v);
      else if (key == "status") Status(v);
      else if (key == "host") Equal("host", d_.upstream ? HostWithoutDefaultPort(d_.host) : "(not forwarded)", v.text);
      else if (key == "path") Equal("path", d_.upstream ? d_.path : "(not forwarded)", v.text);
      else if (key == "redirect") Equal("redirect", d_.location, v.text);
      else if (key == "requestHeaders") Headers("request header", d_.request_headers, v);
      else if (key == "responseHeaders") Headers("response header", d_.response_headers, v);
      else if (key == "absentRequestHeaders") Absent("request header", d_.request_headers, v);
      else if (key == "absentResponseHeaders") Absent("response header", d_.response_headers, v);
      else if (key == "policy") Policy(v);
      else if (key == "mirrors") Mirrors(v);
      else f_.push_back("unknown expectation '" + std::string(key) + "'");
    }
  }

 private:
  void Equal(const std::string& what, const std::string& got, std::string_view want) {
    auto shown = [](std::string_view s) { return s.empty() ? std::string("(none)") : std::string(s); };
    if (got != want) f_.push_back(what + ": expected " + shown(want) + ", got " + shown(got));
  }
  void Route(const Node& v) { Equal("route", d_.route, v.IsNull() ? "" : v.text); }
  void Status(const Node& v) {
    if (std::to_string(d_.status) != v.text) {
      f_.push_back("status: expected " + std::string(v.text) + ", got " + std::to_string(d_.status) +
                   (d_.reason.empty() ? "" : " (" + d_.reason + ")"));
    }
  }
  void Backend(const Node& v) {
    std::string got;
    if (d_.chosen >= 0 && d_.upstream) {
      const gwrt::BackendChoice& b = d_.candidates[d_.chosen];
      got = b.ns + "/" + b.name;
      if (v.IsNull() || v.text.find(':') != std::string_view::npos) got += ":" + std::to_string(b.port);
    }
    Equal("backend", got, v.IsNull() ? "" : v.text);
  }
  void Headers(const std::string& what, const gwrt::Headers& headers, const Node& want) {
    for (uint32_t i = 0; want.IsMap() && i < want.size; ++i) {
      const std::string* got = FindHeader(headers, want.keys[i].text);
      std::string name(want.keys[i].text);
      // The Host a backend sees is the request's host (expect.host).
      std::string host = d_.upstream ? HostWithoutDefaultPort(d_.host) : "";
      if (&headers == &d_.request_headers && Lower(name) == "host") got = d_.upstream ? &host : nullptr;
      if (!got) {
        f_.push_back(what + " " + name + ": expected " + std::string(want.values[i]->text) + ", absent");
      } else {
        Equal(what + " " + name, *got, want.values[i]->text);
      }
    }
  }
  void Absent(const std::string& what, const gwrt::Headers& headers, const Node& want) {
    for (uint32_t i = 0; want.IsSeq() && i < want.size; ++i) {
      if (FindHeader(headers, want.values[i]->text)) {
        f_.push_back(what + " " + std::string(want.values[i]->text) + ": expected absent, present");
      }
    }
  }
  // The backends the request is mirrored to, all of them in any order:
  // "ns/name" or "ns/name:port" each; [] for none. A mirror of a 0% share
  // mirrors nothing; any other share may take this request.
  void Mirrors(const Node& want) {
    if (!want.IsSeq()) {
      f_.push_back("mirrors must be a list of ns/name or ns/name:port");
      return;
    }
    std::vector<const gwrt::MirrorTarget*> mirrors;
    std::string got_list;
    for (const gwrt::MirrorTarget& m : d_.mirrors) {
      if (m.percent <= 0) continue;
      mirrors.push_back(&m);
      got_list += (got_list.empty() ? "" : ", ") + m.ns + "/" + m.name + ":" + std::to_string(m.port);
    }
    // Each wanted entry takes one mirror it names.
    std::vector<bool> taken(mirrors.size());
    bool same = want.size == mirrors.size();
    for (uint32_t i = 0; same && i < want.size; ++i) {
      std::string_view e = want.values[i]->text;
      same = false;
      for (size_t k = 0; k < mirrors.size() && !same; ++k) {
        std::string id = mirrors[k]->ns + "/" + mirrors[k]->name;
        same = !taken[k] && (e == id || e == id + ":" + std::to_string(mirrors[k]->port));
        if (same) taken[k] = true;
      }
    }
    if (same) return;
    std::string want_list;
    for (uint32_t i = 0; i < want.size; ++i) want_list += (i ? ", " : "") + std::string(want.values[i]->text);
    f_.push_back("mirrors: expected [" + want_list + "], got [" + got_list + "]");
  }
  // The deciding policy step: consumer, rateLimited, denied.
  void Policy(const Node& want) {
    for (uint32_t i = 0; want.IsMap() && i < want.size; ++i) {
      std::string_view key = want.keys[i].text;
      const Node& v = *want.values[i];
      if (key == "consumer") Equal("policy.consumer", d_.consumer, v.IsNull() ? "" : v.text);
      else if (key == "denied") Equal("policy.denied", d_.denied, v.IsNull() ? "" : v.text);
      else if (key == "rateLimited") Equal("policy.rateLimited", d_.rate_limited ? "true" : "false", v.text);
      else f_.push_back("unknown policy expectation '" + std::string(key) + "'");
    }
  }

  const gwrt::Decision& d_;
  std::vector<std::string>& f_;
};

// ---- reports ----

void WriteText(const std::vector<CaseResult>& results, std::ostream& out) {
  for (const CaseResult& r : results) {
    if (r.failures.empty()) continue;
    out << r.location << ": FAIL " << r.test << " / " << r.name << "\n";
    for (const std::string& f : r.failures) out << "    " << f << "\n";
  }
}

void WriteJson(const std::vector<CaseResult>& results, const std::vector<std::string>& uncovered,
               bool coverage, size_t passed, std::ostream& out) {
  nlohmann::json j;
  j["cases"] = nlohmann::json::array();
  for (const CaseResult& r : results) {
    j["cases"].push_back({{"test", r.test},
                          {"case", r.name},
                          {"location", r.location},
                          {"passed", r.failures.empty()},
                          {"failures", r.failures},
                          {"decision", gwrt::DecisionToJson(r.decision)}});
  }
  j["passed"] = passed;
  j["failed"] = results.size() - passed;
  if (coverage) j["uncoveredRules"] = uncovered;
  out << j.dump(2) << "\n";
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

void WriteJunit(const std::vector<CaseResult>& results, size_t passed, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"gwc test\" tests=\""
      << results.size() << "\" failures=\"" << results.size() - passed << "\">\n";
  std::string suite;
  for (const CaseResult& r : results) {
    if (r.test != suite) {
      if (!suite.empty()) out << "  </testsuite>\n";
      suite = r.test;
      size_t n = std::count_if(results.begin(), results.end(), [&](const CaseResult& c) { return c.test == suite; });
      out << "  <testsuite name=\"" << XmlEscape(suite) << "\" tests=\"" << n << "\">\n";
    }
    out << "    <testcase classname=\"" << XmlEscape(r.test) << "\" name=\"" << XmlEscape(r.name)
        << "\" file=\"" << XmlEscape(r.location) << "\"";
    if (r.failures.empty()) {
      out << "/>\n";
      continue;
    }
    std::string all;
    for (const std::string& f : r.failures) all += f + "\n";
    out << ">\n      <failure message=\"" << XmlEscape(r.failures.front()) << "\">" << XmlEscape(all)
        << "</failure>\n    </testcase>\n";
  }
  if (!suite.empty()) out << "  </testsuite>\n";
  out << "</testsuites>\n";
}

// "HTTPRoute ns/name rule 2 (name)" for every rule no decision used.
// The rules no case reached, then those left out of the compile (no case
// can reach them), with why.
std::vector<std::string> Uncovered(const Compiled& compiled, const std::vector<CaseResult>& results) {
  const ir::Program& program = compiled.program;
  std::set<std::pair<std::string, int>> hit;  // then also the rules listed
  for (const CaseResult& r : results) {
    if (r.decision.rule >= 0) hit.insert({r.decision.route_kind + " " + r.decision.route, r.decision.rule});
  }
  std::vector<std::string> out;
  for (const ir::Route& route : program.routes) {
    std::string kind = route.kind == ir::RouteKind::kGrpcRoute ? "GRPCRoute" : route.kind == ir::RouteKind::kIngress ? "Ingress" : "HTTPRoute";
    std::string id = kind + " " + route.ns + "/" + route.name;
    for (const ir::Rule& rule : route.rules) {
      // An Ingress rule lives in one IR route per host and port: listed once.
      if (!hit.insert({id, static_cast<int>(rule.index)}).second) continue;
      out.push_back(id + " rule " + std::to_string(rule.index) + (rule.name.empty() ? "" : " (" + rule.name + ")"));
    }
  }
  for (const LeftOut& l : LeftOutOfCompile(compiled)) {
    std::string id = std::string(l.route->kind) + " " + std::string(l.route->ns) + "/" + std::string(l.route->name);
    out.push_back(id + (l.rule >= 0 ? " rule " + std::to_string(l.rule) : "") + " (left out: " + l.reason + ")");
  }
  return out;
}

}  // namespace

int RunRouteTests(const RouteTestOptions& options, std::ostream& out, std::ostream& err) {
  Compiled compiled;
  if (Status s = CompileInputs(options.compile, &compiled); !s.ok()) {
    err << "gwc: internal error: " << s.message() << "\n";
    return kExitInternal;
  }
  // An input that could not be read whole (YAML syntax, encoding, limits)
  // would drop cases or routes unseen: it stops the run.
  if (ReportUnreadable(compiled, "no case was run", err)) return kExitUsage;
  // What the cases cannot show: lowering notes, and errors that make a
  // controller program less than the manifests say.
  for (const std::string& w : compiled.warnings) err << "gwc: warning: " << w << "\n";
  WarnInvalidObjects(compiled, "the cases run on what a controller would program", err);
  gwrt::RemoteJwks remote_jwks;
  for (const std::string& spec : options.jwks) {
    std::string problem;
    if (!gwrt::AddRemoteJwks(spec, &remote_jwks, &problem)) {
      err << "gwc: " << problem << "\n";
      return kExitUsage;
    }
  }
  gwrt::VerifyError error;
  auto artifact = gwrt::Artifact::FromBytes(compiled.artifact, &error);
  auto router = artifact ? gwrt::Router::Create(*artifact, remote_jwks, &error) : nullptr;
  if (!router) {
    err << "gwc: internal error: the compiled table does not verify: " << error.ToString() << "\n";
    return kExitInternal;
  }
  std::istringstream missing(gwrt::MissingJwksWarning(router->MissingJwks()));
  for (std::string line; std::getline(missing, line);) err << "gwc: warning: " << line << "\n";
  std::vector<CaseResult> results;
  size_t tests = 0;
  for (const Object& o : compiled.inputs.objects) {
    if (o.group != kRouteTestGroup || o.kind != "RouteTest") continue;
    ++tests;
    const Node* spec = o.root->Get("spec");
    const Node* cases = spec ? spec->Get("cases") : nullptr;
    if (!cases || !cases->IsSeq()) {
      err << Location(o.root, compiled.inputs.sources) << ": RouteTest " << o.name << " has no spec.cases list\n";
      return kExitUsage;
    }
    std::string gateway(spec->Str("gateway"));
    if (std::string problem = GatewayProblem(compiled.program, compiled.inputs.objects, gateway); !problem.empty()) {
      err << Location(spec->Get("gateway") ? spec->Get("gateway") : spec, compiled.inputs.sources) << ": RouteTest "
          << o.name << ": " << problem << "\n";
      return kExitUsage;
    }
    // The cases of one RouteTest share counters and clock, in order.
    gwrt::PolicyState state;
    if (const Node* now = spec->Get("now")) {
      std::optional<Instant> t = ParseTimestamp(now->text);
      if (!t) {
        err << Location(now, compiled.inputs.sources) << ": spec.now must be an RFC 3339 time, got '"
            << now->text << "'\n";
        return kExitUsage;
      }
      state.PinClock(t->seconds);
    }
    for (uint32_t i = 0; i < cases->size; ++i) {
      const Node* c = cases->values[i];
      CaseResult r{std::string(o.ns) + "/" + std::string(o.name),
                   std::string(c->Str("name", "case " + std::to_string(i + 1))),
                   Location(c, compiled.inputs.sources), {}, {}};
      int64_t advance = 0, repeat = 1;
      if (const Node* a = c->Get("advance")) {
        std::optional<int64_t> ms = ParseGepDuration(a->text);
        if (ms) advance = *ms / 1000;
        else r.failures.push_back("advance must be a duration like 61s or 1h, got '" + std::string(a->text) + "'");
      }
      if (const Node* n = c->Get("repeat")) {
        repeat = n->text.size() < 7 && !n->text.empty() && std::all_of(n->text.begin(), n->text.end(), ::isdigit)
                     ? std::stoll(std::string(n->text)) : 0;
        if (repeat < 1 || repeat > kMaxRepeat) {
          r.failures.push_back("repeat must be a whole number from 1 to " + std::to_string(kMaxRepeat));
        }
      }
      state.Advance(advance);
      gwrt::Request req;
      if (r.failures.empty() && ReadRequest(c->Get("request"), gateway, &req, &r.failures)) {
        for (int64_t k = 0; k < repeat; ++k) r.decision = router->Decide(req, &state);
        if (const Node* expect = c->Get("expect"); expect && expect->IsMap() && expect->size > 0) {
          CaseChecker(r.decision, &r.failures).Check(*expect);
        } else {
          r.failures.push_back("the case checks nothing: give it an expect mapping");
        }
      }
      results.push_back(std::move(r));
    }
  }
  if (tests == 0) {
    err << "gwc: no RouteTest (apiVersion gwc.dev/v1alpha1) in the input\n";
    return kExitUsage;
  }
  size_t passed = std::count_if(results.begin(), results.end(), [](const CaseResult& r) { return r.failures.empty(); });
  std::vector<std::string> uncovered = options.coverage ? Uncovered(compiled, results) : std::vector<std::string>{};
  switch (options.format) {
    case TestFormat::kText:
      WriteText(results, out);
      if (options.coverage) {
        for (const std::string& u : uncovered) out << "not covered: " << u << "\n";
      }
      out << passed << " passed, " << results.size() - passed << " failed\n";
      break;
    case TestFormat::kJson: WriteJson(results, uncovered, options.coverage, passed, out); break;
    case TestFormat::kJunit: WriteJunit(results, passed, out); break;
  }
  return passed == results.size() ? kExitOk : kExitFindings;
}

}  // namespace gwc
