// Copyright 2026 The gwc Authors.
//
// The conformance runner: harness emulation, request checks against
// runtime decisions, status checks against the computed status.

#include "compiler/driver/conformance.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "compiler/base/strings.h"
#include "compiler/driver/compile.h"
#include "compiler/driver/conformance_mutations.h"
#include "compiler/driver/exit_codes.h"
#include "compiler/ir/status.h"
#include "compiler/model/gateway_api.h"
#include "compiler/model/index.h"
#include "gwrt/artifact.h"
#include "gwrt/router.h"

namespace gwc {

namespace {

using nlohmann::json;

// The Host a request without one carries: the gateway's address.
constexpr const char* kGatewayAddress = "192.0.2.10";

struct Outcome {
  enum Kind { kPass, kFail, kSkip } kind = kPass;
  std::string message;
};

// j[key] for a key that may be absent: null then (operator[] on a const
// object requires the key).
const json& At(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

Outcome Pass() { return {}; }
Outcome Fail(std::string m) { return {Outcome::kFail, std::move(m)}; }
Outcome Skip(std::string m) { return {Outcome::kSkip, std::move(m)}; }

std::string Base64(std::string_view text) {
  std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

// What the upstream harness changes in a manifest before it applies it
// (README, "Harness conventions"): every GatewayClass gets the
// implementation's controllerName, and the placeholder Gateway addresses
// become addresses of the implementation's pools. A dry run has no pools:
// documentation addresses (RFC 5737) stand in, the usable one the
// Gateway's own. Without this the objects
// would be ones the API server refuses, which a controller never sees.
void HarnessRewrite(Object* obj) {
  if (obj->group != kGatewayApiGroup || !obj->root || !obj->arena) return;
  Node* spec = obj->root->Get("spec");
  if (!spec) return;
  if (obj->kind == "GatewayClass") {
    if (Node* name = spec->Get("controllerName"); name && name->IsScalar()) {
      name->text = obj->arena->Intern(kControllerName);
    }
  }
  Node* addresses = obj->kind == "Gateway" ? spec->Get("addresses") : nullptr;
  for (uint32_t i = 0; addresses && addresses->IsSeq() && i < addresses->size; ++i) {
    Node* value = addresses->values[i]->Get("value");
    if (!value || !value->IsScalar()) continue;
    if (value->text == "PLACEHOLDER_USABLE_ADDRS") value->text = obj->arena->Intern(kGatewayAddress);
    if (value->text == "PLACEHOLDER_UNUSABLE_ADDRS") value->text = obj->arena->Intern("198.51.100.10");
  }
}

// The Secrets and ConfigMaps the upstream harness creates in code, as a
// manifest file: PEM-shaped placeholders (no TLS handshake happens here).
std::string WriteProgrammaticResources(const json& resources, const std::filesystem::path& dir) {
  const std::string pem = "-----BEGIN CERTIFICATE-----\nZ3djIGRyeSBydW4=\n-----END CERTIFICATE-----\n";
  std::ostringstream yaml;
  for (const json& r : resources) {
    std::string kind = r.value("kind", "");
    yaml << "---\napiVersion: v1\nkind: " << kind << "\nmetadata:\n  name: " << r.value("name", "")
         << "\n  namespace: " << r.value("ns", "") << "\n";
    if (kind == "Secret") {
      yaml << "type: " << r.value("type", "Opaque") << "\ndata:\n  tls.crt: " << Base64(pem)
           << "\n  tls.key: " << Base64(pem) << "\n";
    } else {
      yaml << "data:\n  ca.crt: |\n";
      std::istringstream lines(pem);
      for (std::string line; std::getline(lines, line);) yaml << "    " << line << "\n";
    }
  }
  std::filesystem::path file = dir / "programmatic-resources.yaml";
  std::ofstream(file) << yaml.str();
  return file.string();
}


const std::string* FindHeader(const gwrt::Headers& headers, const std::string& name) {
  for (const auto& [n, v] : headers) {
    if (AsciiLower(n) == AsciiLower(name)) return &v;
  }
  return nullptr;
}

std::string NoSpaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

std::string Describe(const gwrt::Decision& d) {
  std::string out = "status " + std::to_string(d.status);
  if (!d.route.empty()) out += ", route " + d.route + " rule " + std::to_string(d.rule);
  if (d.chosen >= 0) out += ", backend " + d.candidates[d.chosen].ns + "/" + d.candidates[d.chosen].name;
  if (!d.reason.empty()) out += " (" + d.reason + ")";
  return out;
}

// ---- requests ---------------------------------------------------------------

class RequestCheck {
 public:
  // `pods` maps a Service "ns/name" to the Deployments whose pods it
  // selects (upstream matches the answering pod's name).
  RequestCheck(const json& test, const json& r, const gwrt::Router& router,
               const std::map<std::string, std::set<std::string>>& pods)
      : test_(test), r_(r), e_(At(r, "expect")), router_(router), pods_(pods) {}

  Outcome Run() {
    if (e_.value("tls_failure", false)) return Skip("expects a TLS handshake failure (no handshake in a dry run)");
    if (r_.contains("backend_simulation")) return Skip("needs a live backend (delays, failures, retries, timing)");
    if (e_.contains("websocket_echo")) return Skip("needs a live WebSocket connection (frame echo)");
    if (r_.contains("client_cert")) return Skip("client-certificate validation happens in the TLS handshake");
    gwrt::Request req;
    if (!BuildRequest(&req)) return Skip("the request names no Gateway");
    d_ = router_.Decide(req);
    if (WantsFailure() && d_.chosen >= 0 && d_.status == 200 &&
        !d_.candidates[d_.chosen].tls_sni.empty()) {
      return Skip("the failure depends on the backend's certificate (gateway-to-backend TLS handshake)");
    }
    if (Outcome o = Status(); o.kind != Outcome::kPass) return o;
    if (e_.contains("upstream") && At(e_, "upstream").get<bool>() != d_.upstream) {
      return Fail(std::string("expected ") + (d_.upstream ? "the gateway to answer itself" : "a backend to serve it") + ", got " + Describe(d_));
    }
    if (d_.status < 200 || d_.status >= 300) return CheckRedirect();
    if (!d_.upstream) return ResponseHeaders();  // the gateway answered itself
    for (auto check : {&RequestCheck::Backend, &RequestCheck::Weights, &RequestCheck::Rewrites,
                       &RequestCheck::RequestHeaders, &RequestCheck::ResponseHeaders,
                       &RequestCheck::Mirrors, &RequestCheck::BackendTls}) {
      if (Outcome o = (this->*check)(); o.kind != Outcome::kPass) return o;
    }
    return Pass();
  }

 private:
  bool BuildRequest(gwrt::Request* req) {
    json gw = r_.contains("gateway") ? At(r_, "gateway") : At(test_, "gateway");
    if (!gw.is_string()) return false;
    req->gateway = gw.get<std::string>();
    req->scheme = r_.value("scheme", "http");
    req->port = r_.value("port", 0);
    req->method = r_.value("method", "GET");
    req->host = At(r_, "host").is_string() ? At(r_, "host").get<std::string>() : kGatewayAddress;
    req->path = r_.value("path", "/");
    req->grpc = r_.value("protocol", "") == "grpc";
    if (At(r_, "sni").is_string()) req->sni = At(r_, "sni").get<std::string>();
    if (r_.contains("headers")) {
      for (const auto& [k, v] : At(r_, "headers").items()) req->headers.emplace_back(k, v.get<std::string>());
    }
    if (r_.contains("backend_response_headers")) {
      for (const auto& [k, v] : At(r_, "backend_response_headers").items()) {
        req->backend_response_headers.emplace_back(k, v.get<std::string>());
      }
    }
    request_path_ = req->path;
    request_host_ = req->host;
    return true;
  }

  static int GrpcToHttp(const std::string& code) {
    if (code == "OK") return 200;
    if (code == "Unimplemented") return 404;
    if (code == "Unavailable") return 503;
    return -1;
  }

  Outcome Status() {
    auto allowed = [&](const json& v) {
      if (v.is_array()) return std::find(v.begin(), v.end(), d_.status) != v.end();
      return v.get<int>() == d_.status;
    };
    if (e_.contains("status") && !allowed(At(e_, "status"))) return Fail("expected status " + At(e_, "status").dump() + ", got " + Describe(d_));
    if (e_.contains("status_not") && At(e_, "status_not").get<int>() == d_.status) return Fail("expected any status but " + At(e_, "status_not").dump() + ", got " + Describe(d_));
    if (e_.contains("grpc_code") && GrpcToHttp(At(e_, "grpc_code")) != d_.status) {
      return Fail("expected gRPC " + At(e_, "grpc_code").get<std::string>() + ", got " + Describe(d_));
    }
    if (e_.contains("grpc_code_not") && GrpcToHttp(At(e_, "grpc_code_not")) == d_.status) {
      return Fail("expected any gRPC code but " + At(e_, "grpc_code_not").get<std::string>() + ", got " + Describe(d_));
    }
    return Pass();
  }

  std::string Chosen() const {
    if (d_.chosen < 0) return "";
    return d_.candidates[d_.chosen].ns + "/" + d_.candidates[d_.chosen].name;
  }

  // The expectation is that the request fails (any non-200 answer).
  bool WantsFailure() const {
    if (e_.contains("status_not") || e_.contains("grpc_code_not")) return true;
    const json& st = e_.value("status", json());
    return st.is_array() && std::find(st.begin(), st.end(), 200) == st.end();
  }

  // Whether `want` ("ns/name") answers for the chosen Service: the
  // Service itself or a Deployment whose pods it selects.
  bool Serves(const std::string& want) const {
    std::string chosen = Chosen();
    if (chosen == want) return true;
    auto it = pods_.find(chosen);
    return it != pods_.end() && it->second.count(want);
  }

  Outcome BackendTls() {
    if (!e_.contains("backend_tls_sni")) return Pass();
    std::string got = d_.chosen >= 0 ? d_.candidates[d_.chosen].tls_sni : "";
    if (got != At(e_, "backend_tls_sni").get<std::string>()) {
      return Fail("expected TLS server name " + At(e_, "backend_tls_sni").get<std::string>() + " towards the backend, got " + (got.empty() ? "plain HTTP" : got));
    }
    return Pass();
  }

  Outcome Backend() {
    std::string want = e_.contains("backend_service") ? At(e_, "backend_service").get<std::string>()
                       : At(e_, "backend").is_string()    ? At(e_, "backend").get<std::string>()
                                                      : "";
    if (!want.empty() && !Serves(want)) return Fail("expected backend " + want + ", got " + Describe(d_));
    if (e_.contains("namespace") && d_.chosen >= 0 && !e_.contains("backend_service") &&
        d_.candidates[d_.chosen].ns != At(e_, "namespace").get<std::string>()) {
      return Fail("expected a backend in namespace " + At(e_, "namespace").get<std::string>() + ", got " + Describe(d_));
    }
    if (e_.contains("backend_one_of")) {
      const json& one_of = At(e_, "backend_one_of");
      bool ok = false;
      for (const json& b : one_of) ok |= Serves(b.get<std::string>());
      if (!ok) return Fail("expected one of " + one_of.dump() + ", got " + Describe(d_));
    }
    return Pass();
  }

  // Weighted splits: the configured shares, not a sample.
  Outcome Weights() {
    if (!e_.contains("weights")) return Pass();
    double total = 0;
    for (const gwrt::BackendChoice& c : d_.candidates) total += c.weight;
    double tolerance = e_.value("weight_tolerance", 0.05);
    for (const auto& [backend, share] : At(e_, "weights").items()) {
      double got = 0;
      for (const gwrt::BackendChoice& c : d_.candidates) {
        if (c.ns + "/" + c.name == backend && c.problem.empty()) got += total ? c.weight / total : 0;
      }
      if (std::fabs(got - share.get<double>()) > tolerance) {
        return Fail("expected " + backend + " to get " + share.dump() + " of the traffic, configured share is " + std::to_string(got));
      }
    }
    return Pass();
  }

  Outcome Rewrites() {
    std::string want_path = e_.value("path", request_path_);
    if (d_.path != want_path) return Fail("expected the backend to see path " + want_path + ", got " + d_.path);
    if (e_.contains("host") && d_.host != At(e_, "host").get<std::string>()) return Fail("expected the backend to see host " + At(e_, "host").get<std::string>() + ", got " + d_.host);
    if (e_.contains("method") && d_.method != At(e_, "method").get<std::string>()) return Fail("expected method " + At(e_, "method").get<std::string>() + ", got " + d_.method);
    return Pass();
  }

  Outcome RequestHeaders() {
    if (e_.contains("request_headers_present")) {
      for (const auto& [name, value] : At(e_, "request_headers_present").items()) {
        const std::string* got = FindHeader(d_.request_headers, name);
        if (!got || *got != value.get<std::string>()) {
          return Fail("expected request header " + name + ": " + value.get<std::string>() + ", got " + (got ? *got : "(absent)"));
        }
      }
    }
    for (const json& name : e_.value("request_headers_absent", json::array())) {
      if (FindHeader(d_.request_headers, name)) return Fail("expected request header " + name.get<std::string>() + " to be removed");
    }
    if (e_.contains("per_backend_request_headers") && At(e_, "per_backend_request_headers").contains(Chosen())) {
      for (const auto& [name, value] : At(e_, "per_backend_request_headers")[Chosen()].items()) {
        const std::string* got = FindHeader(d_.request_headers, name);
        if (!got || *got != value.get<std::string>()) return Fail("expected request header " + name + ": " + value.get<std::string>() + " at " + Chosen());
      }
    }
    return Pass();
  }

  Outcome ResponseHeaders() {
    bool squash = e_.value("ignore_whitespace_in_header_values", false);
    auto norm = [&](std::string v) { return squash ? NoSpaces(v) : v; };
    if (e_.contains("response_headers")) {
      for (const auto& [name, value] : At(e_, "response_headers").items()) {
        const std::string* got = FindHeader(d_.response_headers, name);
        if (!got || norm(*got) != norm(value.get<std::string>())) {
          return Fail("expected response header " + name + ": " + value.get<std::string>() + ", got " + (got ? *got : "(absent)"));
        }
      }
    }
    if (e_.contains("response_headers_one_of")) {
      for (const auto& [name, values] : At(e_, "response_headers_one_of").items()) {
        const std::string* got = FindHeader(d_.response_headers, name);
        bool ok = false;
        for (const json& v : values) ok |= got && norm(*got) == norm(v.get<std::string>());
        if (!ok) return Fail("expected response header " + name + " to be one of " + values.dump() + ", got " + (got ? *got : "(absent)"));
      }
    }
    for (const json& name : e_.value("response_headers_absent", json::array())) {
      if (FindHeader(d_.response_headers, name)) return Fail("expected response header " + name.get<std::string>() + " to be absent");
    }
    return Pass();
  }

  Outcome Mirrors() {
    for (const json& m : e_.value("mirrored_to", json::array())) {
      std::string backend = At(m, "backend");
      auto it = std::find_if(d_.mirrors.begin(), d_.mirrors.end(), [&](const gwrt::MirrorTarget& t) { return t.ns + "/" + t.name == backend; });
      if (it == d_.mirrors.end()) return Fail("expected a mirror to " + backend);
      if (m.contains("percent") && std::fabs(it->percent - At(m, "percent").get<double>()) > 1e-9) {
        return Fail("expected " + At(m, "percent").dump() + "% mirrored to " + backend + ", configured " + std::to_string(it->percent));
      }
    }
    return Pass();
  }

  Outcome CheckRedirect() {
    if (!e_.contains("redirect")) return Pass();  // only 2xx answers are checked further
    const json& want = At(e_, "redirect");
    const std::string& loc = d_.location;
    size_t sep = loc.find("://");
    if (sep == std::string::npos) return Fail("expected a redirect, got " + Describe(d_));
    std::string scheme = loc.substr(0, sep);
    size_t slash = loc.find('/', sep + 3);
    std::string authority = loc.substr(sep + 3, slash == std::string::npos ? std::string::npos : slash - sep - 3);
    std::string path = slash == std::string::npos ? "/" : loc.substr(slash);
    path = path.substr(0, path.find('?'));
    std::string host = authority;
    int port = 0;
    if (size_t colon = authority.rfind(':'); colon != std::string::npos) {
      host = authority.substr(0, colon);
      port = std::stoi(authority.substr(colon + 1));
    }
    int default_port = scheme == "https" ? 443 : 80;
    std::string got = "Location " + loc;
    if (want.contains("scheme") && At(want, "scheme") != scheme) return Fail("expected redirect scheme " + At(want, "scheme").get<std::string>() + ", got " + got);
    if (At(want, "host").is_string() && At(want, "host") != host) return Fail("expected redirect host " + At(want, "host").get<std::string>() + ", got " + got);
    if (At(want, "port").is_number() ? At(want, "port").get<int>() != (port ? port : default_port) : (port != 0 && port != default_port)) {
      return Fail("expected redirect port " + At(want, "port").dump() + ", got " + got);
    }
    if (want.contains("path") && At(want, "path") != path) return Fail("expected redirect path " + At(want, "path").get<std::string>() + ", got " + got);
    if (At(want, "location").is_string() && At(want, "location") != loc) return Fail("expected Location " + At(want, "location").get<std::string>() + ", got " + got);
    return Pass();
  }

  const json& test_;
  const json& r_;
  const json& e_;
  const gwrt::Router& router_;
  const std::map<std::string, std::set<std::string>>& pods_;
  gwrt::Decision d_;
  std::string request_path_, request_host_;
};

// ---- status -----------------------------------------------------------------

bool ConditionHolds(const std::vector<Condition>& conditions, const std::string& type,
                    const std::string& want, std::string* got) {
  for (const Condition& c : conditions) {
    if (c.type != type) continue;
    *got = type + "=" + (c.status ? "True" : "False") + "/" + c.reason;
    if (want == "any") return true;
    size_t slash = want.find('/');
    std::string status = want.substr(0, slash);
    if ((c.status ? "True" : "False") != status) return false;
    return slash == std::string::npos || want.substr(slash + 1) == c.reason;
  }
  *got = type + " absent";
  return false;
}

Outcome ConditionsHold(const std::vector<Condition>& conditions, const json& want, const std::string& where) {
  for (const auto& [type, value] : want.items()) {
    std::string got;
    if (!ConditionHolds(conditions, type, value.get<std::string>(), &got)) {
      return Fail(where + ": expected " + type + "=" + value.get<std::string>() + ", got " + got);
    }
  }
  return Pass();
}

Outcome CheckListeners(const ObjectStatus& s, const json& want) {
  if (want.contains("all_listeners_conditions")) {
    for (const ListenerStatus& l : s.listeners) {
      if (Outcome o = ConditionsHold(l.conditions, At(want, "all_listeners_conditions"), "listener " + l.name); o.kind != Outcome::kPass) return o;
    }
  }
  if (want.value("zero_attached_routes", false)) {
    for (const ListenerStatus& l : s.listeners) {
      if (l.attached_routes != 0) return Fail("listener " + l.name + " has " + std::to_string(l.attached_routes) + " attached routes, expected 0");
    }
  }
  if (!want.contains("listeners")) return Pass();
  if (want.value("listeners_exact", false) && At(want, "listeners").size() != s.listeners.size()) {
    return Fail("expected " + std::to_string(At(want, "listeners").size()) + " listeners in status, got " + std::to_string(s.listeners.size()));
  }
  for (const json& wl : At(want, "listeners")) {
    auto it = std::find_if(s.listeners.begin(), s.listeners.end(), [&](const ListenerStatus& l) { return l.name == At(wl, "name"); });
    if (it == s.listeners.end()) return Fail("no status for listener " + At(wl, "name").get<std::string>());
    if (wl.contains("supported_kinds")) {
      if (At(wl, "supported_kinds").empty() && !it->supported_kinds.empty()) return Fail("listener " + it->name + ": expected no supported kinds");
      for (const json& k : At(wl, "supported_kinds")) {
        if (std::find(it->supported_kinds.begin(), it->supported_kinds.end(), k.get<std::string>()) == it->supported_kinds.end()) {
          return Fail("listener " + it->name + ": supportedKinds lacks " + k.get<std::string>());
        }
      }
    }
    if (wl.contains("attached_routes") && At(wl, "attached_routes").get<int>() != it->attached_routes) {
      return Fail("listener " + it->name + ": expected " + At(wl, "attached_routes").dump() + " attached routes, got " + std::to_string(it->attached_routes));
    }
    if (wl.contains("conditions")) {
      if (Outcome o = ConditionsHold(it->conditions, At(wl, "conditions"), "listener " + it->name); o.kind != Outcome::kPass) return o;
    }
  }
  return Pass();
}

Outcome CheckStatus(const json& want, const std::vector<ObjectStatus>& statuses) {
  if (want.contains("has_status_address") || want.contains("status_addresses")) {
    return Skip("status addresses are assigned by the environment");
  }
  std::string kind = At(want, "kind"), name = At(want, "name"), ns = want.value("ns", "");
  auto it = std::find_if(statuses.begin(), statuses.end(), [&](const ObjectStatus& s) {
    return s.kind == kind && s.name == name && s.ns == ns;
  });
  if (it == statuses.end()) return Fail("no " + kind + " " + ns + "/" + name + " in the input");
  const ObjectStatus& s = *it;
  std::string what = kind + " " + ns + "/" + name;
  if (want.value("no_accepted_parents", false)) {
    for (const ParentStatus& p : s.parents) {
      std::string got;
      if (ConditionHolds(p.conditions, "Accepted", "True", &got)) return Fail(what + ": accepted by " + p.ns + "/" + p.name);
    }
  }
  if (want.contains("parent") || want.contains("ancestor")) {
    std::string parent = want.contains("parent") ? At(want, "parent") : At(want, "ancestor");
    std::string parent_kind = want.value("parent_kind", "Gateway");
    auto p = std::find_if(s.parents.begin(), s.parents.end(), [&](const ParentStatus& ps) {
      return ps.ns + "/" + ps.name == parent && ps.kind == parent_kind;
    });
    if (p == s.parents.end()) return Fail(what + ": no status entry for " + parent_kind + " " + parent);
    if (want.contains("conditions")) return ConditionsHold(p->conditions, At(want, "conditions"), what + " on " + parent);
  } else if (want.contains("conditions")) {
    if (Outcome o = ConditionsHold(s.conditions, At(want, "conditions"), what); o.kind != Outcome::kPass) return o;
  }
  if (want.contains("attached_listener_sets") &&
      s.attached_listener_sets.value_or(0) != At(want, "attached_listener_sets").get<int>()) {
    return Fail(what + ": expected " + At(want, "attached_listener_sets").dump() + " attached ListenerSets, got " + std::to_string(s.attached_listener_sets.value_or(0)));
  }
  return CheckListeners(s, want);
}

// ---- the run ----------------------------------------------------------------

// Whether every label of `selector` (a mapping) is in `labels`.
bool Selects(const Node* selector, const Node* labels) {
  if (!selector || !selector->IsMap() || selector->size == 0 || !labels) return false;
  for (uint32_t i = 0; i < selector->size; ++i) {
    const Node* v = labels->Get(selector->keys[i].text);
    if (!v || v->text != selector->values[i]->text) return false;
  }
  return true;
}

// Service "ns/name" → Deployments "ns/name" whose pod template it selects.
std::map<std::string, std::set<std::string>> PodsOfServices(const Index& index) {
  std::map<std::string, std::set<std::string>> out;
  for (const Object* svc : index.OfKind("", "Service")) {
    const Node* spec = svc->root->Get("spec");
    const Node* selector = spec ? spec->Get("selector") : nullptr;
    for (const Object* d : index.OfKind("apps", "Deployment")) {
      if (d->ns != svc->ns) continue;
      const Node* dspec = d->root->Get("spec");
      const Node* tmpl = dspec ? dspec->Get("template") : nullptr;
      const Node* meta = tmpl ? tmpl->Get("metadata") : nullptr;
      if (Selects(selector, meta ? meta->Get("labels") : nullptr)) {
        out[std::string(svc->ns) + "/" + std::string(svc->name)].insert(std::string(d->ns) + "/" + std::string(d->name));
      }
    }
  }
  return out;
}

struct Tally {
  size_t passed = 0, failed = 0, skipped = 0;
};

void Report(const std::string& label, const Outcome& o, bool verbose, Tally* tally, std::ostream& out) {
  switch (o.kind) {
    case Outcome::kPass:
      ++tally->passed;
      if (verbose) out << "PASS " << label << "\n";
      break;
    case Outcome::kFail:
      ++tally->failed;
      out << "FAIL " << label << ": " << o.message << "\n";
      break;
    case Outcome::kSkip:
      ++tally->skipped;
      out << "SKIP " << label << ": " << o.message << "\n";
      break;
  }
}

// The compiled state of a test's objects, before its mutations or after
// the ones up to a mutation id.
struct Scenario {
  Compiled compiled;
  std::unique_ptr<gwrt::Artifact> artifact;
  std::unique_ptr<gwrt::Router> router;
  std::vector<ObjectStatus> statuses;
  std::map<std::string, std::set<std::string>> pods;
  std::string problem;  // why requests cannot be checked (router is null)

  explicit Scenario(const CompileOptions& options) {
    gwrt::VerifyError error;
    if (CompileInputs(options, &compiled).ok()) {
      artifact = gwrt::Artifact::FromBytes(compiled.artifact, &error);
      if (artifact) router = gwrt::Router::Create(*artifact, &error);
    }
    if (!router) problem = "the compiled table does not verify: " + error.ToString();
    Index index(compiled.inputs.objects, {}, Index::Holds::kStored);
    statuses = ComputeStatus(index);
    pods = PodsOfServices(index);
  }
};

void RunTest(const ConformanceOptions& options, const json& test, const std::string& extra,
             const std::filesystem::path& scratch, Tally* tally, std::ostream& out) {
  std::string name = At(test, "name");
  std::vector<std::string> manifests;
  for (const json& m : At(test, "manifests")) {
    manifests.push_back((std::filesystem::path(options.manifests_dir) /
                         std::filesystem::path(m.get<std::string>()).filename()).string());
  }
  // One scenario per mutation state the entries ask for ("" = none).
  std::map<std::string, std::unique_ptr<Scenario>> scenarios;
  std::map<std::string, std::string> not_applicable;
  auto scenario = [&](const json& entry) -> Scenario* {
    std::string after = entry.value("after", "");
    if (scenarios.count(after)) return scenarios[after].get();
    if (not_applicable.count(after)) return nullptr;
    CompileOptions compile;
    compile.paths = manifests;
    compile.rewrite = HarnessRewrite;
    if (!after.empty()) {
      std::string file = (scratch / ("mutated-" + std::to_string(scenarios.size()) + ".yaml")).string();
      std::string why;
      if (!WriteMutatedManifests(manifests, At(test, "mutations"), after, file, &why)) {
        not_applicable[after] = why;
        return nullptr;
      }
      compile.paths = {file};
    }
    compile.paths.push_back(extra);
    return (scenarios[after] = std::make_unique<Scenario>(compile)).get();
  };
  auto skipped = [&](const json& entry) {
    return Skip("after mutation '" + entry.value("after", "") + "': " + not_applicable[entry.value("after", "")]);
  };
  const json& requests = At(test, "requests");
  for (size_t i = 0; i < requests.size(); ++i) {
    std::string label = name + " request " + std::to_string(i + 1);
    if (requests[i].contains("case")) label += " (" + requests[i]["case"].get<std::string>() + ")";
    Scenario* s = scenario(requests[i]);
    Outcome o = !s        ? skipped(requests[i])
                : s->router ? RequestCheck(test, requests[i], *s->router, s->pods).Run()
                            : Fail(s->problem);
    Report(label, o, options.verbose, tally, out);
  }
  const json& status = test.value("status", json::array());
  for (size_t i = 0; i < status.size(); ++i) {
    Scenario* s = scenario(status[i]);
    Report(name + " status " + std::to_string(i + 1), s ? CheckStatus(status[i], s->statuses) : skipped(status[i]),
           options.verbose, tally, out);
  }
}

}  // namespace

int RunConformance(const ConformanceOptions& options, std::ostream& out, std::ostream& err) {
  std::ifstream in(options.cases_file);
  json cases = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!in || cases.is_discarded() || !cases.contains("tests")) {
    err << "gwc-conformance: cannot read cases file '" << options.cases_file << "'\n";
    return kExitUsage;
  }
  std::error_code ec;
  std::filesystem::path scratch = std::filesystem::temp_directory_path(ec) /
                                  ("gwc-conformance-" + std::to_string(::getpid()));
  std::filesystem::create_directories(scratch, ec);
  std::string extra = WriteProgrammaticResources(cases.value("programmatic_resources", json::array()), scratch);
  Tally tally;
  for (const json& test : cases["tests"]) {
    if (!options.only.empty() && At(test, "name").get<std::string>().find(options.only) == std::string::npos) continue;
    RunTest(options, test, extra, scratch, &tally, out);
  }
  std::filesystem::remove_all(scratch, ec);
  out << tally.passed << " passed, " << tally.failed << " failed, " << tally.skipped << " skipped\n";
  size_t checked = tally.passed + tally.failed;
  double rate = checked ? 100.0 * tally.passed / checked : 100.0;
  return rate >= options.min_pass_percent ? kExitOk : kExitFindings;
}

}  // namespace gwc
