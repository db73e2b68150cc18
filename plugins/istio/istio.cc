// Copyright 2026 The gwc Authors.

#include "plugins/istio/istio.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "compiler/base/strings.h"
#include "compiler/check/report.h"
#include "compiler/ir/first_match.h"
#include "compiler/model/conflict_order.h"
#include "compiler/model/hostname.h"
#include "compiler/model/scalar.h"
#include "plugins/common/annotations.h"

namespace gwc {

namespace {

constexpr std::string_view kGroup = "networking.istio.io";

std::string Field(std::string_view base, std::string_view name, size_t i) {
  return std::string(base) + "." + std::string(name) + "[" + std::to_string(i) + "]";
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::vector<const Node*> Items(const Node* seq) {
  std::vector<const Node*> out;
  for (uint32_t i = 0; seq && seq->IsSeq() && i < seq->size; ++i) out.push_back(seq->values[i]);
  return out;
}

std::optional<int64_t> IntAt(const Node* node, std::string_view key) {
  const Node* v = node ? node->Get(key) : nullptr;
  return v ? ScalarInt(*v) : std::nullopt;
}

// A protobuf duration as Istio writes it ("5s", "0.5s", "100ms", "1m").
std::optional<uint32_t> DurationMs(std::string_view text) {
  if (std::optional<int64_t> ms = ParseGepDuration(text)) return static_cast<uint32_t>(std::min<int64_t>(*ms, UINT32_MAX));
  if (text.size() < 2 || text.back() != 's') return std::nullopt;
  double seconds = 0;
  try {
    size_t used = 0;
    seconds = std::stod(std::string(text.substr(0, text.size() - 1)), &used);
    if (used != text.size() - 1 || !std::isfinite(seconds) || seconds < 0) return std::nullopt;
  } catch (...) {
    return std::nullopt;
  }
  return static_cast<uint32_t>(std::min(seconds * 1000.0, 4.0e9));
}

// One object's notes, fields relative to it.
class Notes {
 public:
  Notes(std::string object, std::vector<IstioNote>* out) : object_(std::move(object)), out_(out) {}
  void Add(const std::string& field, AnnotationFate fate, const std::string& detail) {
    if (out_) out_->push_back({object_, field, fate, detail});
  }
  const std::string& object() const { return object_; }

 private:
  std::string object_;
  std::vector<IstioNote>* out_;
};

// ---- Gateways ----

struct ServerHost {
  std::string ns;        // "" any namespace, else the only one whose VirtualServices bind
  std::string hostname;  // "" for "*"
};

// A listener of a gateway and the namespace its host admits.
struct BoundListener {
  uint32_t listener;
  std::string ns;  // "" any
  bool redirects;  // httpsRedirect: only the redirect route
};

struct LoweredGateway {
  uint32_t index;  // in program->gateways
  std::vector<BoundListener> listeners;
};

ServerHost ParseServerHost(std::string_view host, std::string_view gateway_ns) {
  ServerHost h;
  if (size_t slash = host.find('/'); slash != std::string_view::npos) {
    std::string_view ns = host.substr(0, slash);
    h.ns = ns == "*" ? "" : ns == "." ? std::string(gateway_ns) : std::string(ns);
    host = host.substr(slash + 1);
  }
  if (host != "*") h.hostname = std::string(host);
  return h;
}

// The route of an httpsRedirect server: every request gets a 301 to https.
ir::Route RedirectRoute(const Object& gw, int64_t port) {
  ir::Route route;
  route.kind = ir::RouteKind::kVirtualService;
  route.ns = std::string(gw.ns);
  route.name = std::string(gw.name) + "-https-redirect-" + std::to_string(port);
  route.first_match = true;
  ir::Rule rule;
  ir::Match all;
  all.path = "/";
  all.string_prefix = true;
  rule.matches.push_back(all);
  rule.filters.redirect = ir::Redirect{"https", std::nullopt, std::nullopt, std::nullopt, 301};
  route.rules.push_back(rule);
  return route;
}

class GatewayLowering {
 public:
  GatewayLowering(const Object& gw, ir::Program* program, Notes* notes) : gw_(gw), program_(program), notes_(notes) {}

  LoweredGateway Run() {
    LoweredGateway out{static_cast<uint32_t>(program_->gateways.size()), {}};
    program_->gateways.push_back({std::string(gw_.ns), std::string(gw_.name), {}, "istio"});
    const Node* spec = gw_.root->Get("spec");
    if (spec && spec->Get("selector")) {
      notes_->Add("spec.selector", AnnotationFate::kPartial,
                  "picks the ingress gateway pods; the Gateway written is served by its GatewayClass 'istio' instead");
    }
    std::vector<const Node*> servers = Items(spec ? spec->Get("servers") : nullptr);
    for (size_t i = 0; i < servers.size(); ++i) Server(servers[i], Field("spec", "servers", i), &out);
    return out;
  }

 private:
  void Server(const Node* server, const std::string& field, LoweredGateway* out) {
    const Node* port = server->Get("port");
    std::optional<int64_t> number = IntAt(port, "number");
    std::string protocol = Upper(port ? port->Str("protocol") : "");
    const Node* tls = server->Get("tls");
    std::string mode = Upper(tls ? tls->Str("mode", "SIMPLE") : "");
    if (!number || *number < 1 || *number > 65535) {
      notes_->Add(field + ".port", AnnotationFate::kIgnored, "no valid port number; the server is skipped");
      return;
    }
    bool http = protocol == "HTTP" || protocol == "HTTP2" || protocol == "GRPC" || protocol == "GRPC-WEB" ||
                (protocol == "HTTPS" && mode != "PASSTHROUGH" && mode != "AUTO_PASSTHROUGH");
    if (!http) {
      notes_->Add(field, AnnotationFate::kIgnored,
                  "a " + protocol + (tls ? " (" + mode + ")" : "") +
                      " server carries TLS or TCP routes, which gwc does not model; not migrated");
      return;
    }
    // HTTP is plain text whatever its tls section says; HTTP2 and GRPC
    // with TLS settings terminate TLS. httpsRedirect acts on plain text only.
    const Node* redirect_flag = tls ? tls->Get("httpsRedirect") : nullptr;
    bool redirect = redirect_flag && ScalarBool(*redirect_flag).value_or(false);
    bool only_redirect = tls && tls->size == 1 && redirect_flag;
    bool https = protocol == "HTTPS" || (protocol != "HTTP" && tls && !only_redirect);
    std::vector<std::string> certificates;
    if (https && !Certificates(tls, field, &certificates)) return;
    std::optional<uint32_t> redirect_route;
    if (redirect && !https) {
      program_->routes.push_back(RedirectRoute(gw_, *number));
      redirect_route = static_cast<uint32_t>(program_->routes.size() - 1);
    }
    for (const Node* host : Items(server->Get("hosts"))) {
      ServerHost h = ParseServerHost(host->text, gw_.ns);
      if (!h.ns.empty()) {
        notes_->Add(field + ".hosts", AnnotationFate::kPartial,
                    "'" + std::string(host->text) + "' admits VirtualServices of namespace " + h.ns +
                        " only; the Gateway written admits routes of every namespace");
      }
      ir::Listener l;
      l.name = ListenerName(https, static_cast<int>(*number), h.hostname);
      l.hostname = h.hostname;
      l.port = static_cast<int>(*number);
      l.protocol = https ? ir::Protocol::kHttps : ir::Protocol::kHttp;
      l.certificates = certificates;
      if (redirect_route) l.routes.push_back({*redirect_route, {}});
      ir::Gateway& g = program_->gateways[out->index];
      g.listeners.push_back(l);
      out->listeners.push_back({static_cast<uint32_t>(g.listeners.size() - 1), h.ns, redirect_route.has_value()});
    }
  }

  // The Secrets of an HTTPS server; false when it has none (certificate
  // files, or nothing, which Istio's validation rejects): a listener
  // without certificates serves nothing, so the server is skipped.
  bool Certificates(const Node* tls, const std::string& field, std::vector<std::string>* certificates) {
    std::string_view cred = tls ? tls->Str("credentialName") : "";
    if (cred.empty()) {
      notes_->Add(field + ".tls", AnnotationFate::kIgnored,
                  tls && !tls->Str("serverCertificate").empty()
                      ? "certificates from files (serverCertificate, privateKey) have no Gateway API form; the server is not migrated"
                      : "an HTTPS server without credentialName or certificate files, which Istio rejects; not migrated");
      return false;
    }
    certificates->push_back(std::string(gw_.ns) + "/" + std::string(cred));
    notes_->Add(field + ".tls.credentialName", AnnotationFate::kPartial,
                "Istio reads Secret '" + std::string(cred) +
                    "' from the gateway workload's namespace; the listener refers to it in the Gateway's "
                    "namespace " + std::string(gw_.ns));
    std::string mode = Upper(tls->Str("mode", "SIMPLE"));
    if (mode == "MUTUAL" || mode == "ISTIO_MUTUAL" || mode == "OPTIONAL_MUTUAL") {
      notes_->Add(field + ".tls.mode", AnnotationFate::kIgnored,
                  mode + ": client certificates are not checked by the Gateway written");
    }
    return true;
  }

  std::string ListenerName(bool https, int port, const std::string& host) {
    std::string base = std::string(https ? "https-" : "http-") + std::to_string(port) + "-" +
                       (host.empty() ? "any" : ListenerSlug(host));
    std::string name = base;
    for (int n = 2; !names_.insert(name).second; ++n) name = base + "-" + std::to_string(n);
    return name;
  }

  const Object& gw_;
  ir::Program* program_;
  Notes* notes_;
  std::set<std::string> names_;
};

// ---- VirtualServices ----

// An Istio StringMatch ({exact|prefix|regex: value}).
struct StringMatch {
  enum Kind { kNone, kExact, kPrefix, kRegex } kind = kNone;
  std::string value;
};

StringMatch ReadStringMatch(const Node* node) {
  if (!node || !node->IsMap()) return {};
  if (const Node* v = node->Get("exact")) return {StringMatch::kExact, std::string(v->text)};
  if (const Node* v = node->Get("prefix")) return {StringMatch::kPrefix, std::string(v->text)};
  if (const Node* v = node->Get("regex")) return {StringMatch::kRegex, std::string(v->text)};
  return {};
}

// A header or query condition. An empty one ({}) asks only that the
// header or parameter be present.
ir::Condition ReadCondition(std::string name, const Node* node) {
  StringMatch m = ReadStringMatch(node);
  switch (m.kind) {
    case StringMatch::kExact: return ir::Condition{name, false, m.value};
    case StringMatch::kPrefix: return ir::Condition{name, true, RegexLiteral(m.value) + ".*"};
    case StringMatch::kRegex: return ir::Condition{name, true, m.value};
    case StringMatch::kNone: break;
  }
  return ir::Condition{name, true, ".*"};
}

// A header name Gateway API accepts (an HTTP token); Istio also matches on
// pseudo-headers and JWT claims ("@request.auth.claims.group").
bool IsHeaderToken(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
  });
}

// The methods a method StringMatch accepts, when they can be listed
// (exact, or a regex that is an alternation of tokens: "GET|POST").
std::optional<std::vector<std::string>> Methods(const StringMatch& m) {
  if (m.kind == StringMatch::kExact) return std::vector<std::string>{m.value};
  if (m.kind != StringMatch::kRegex) return std::nullopt;
  std::string body = m.value;
  if (body.size() >= 2 && body.front() == '(' && body.back() == ')') body = body.substr(1, body.size() - 2);
  std::vector<std::string> out;
  for (size_t start = 0;;) {
    size_t bar = body.find('|', start);
    std::string token = body.substr(start, bar - start);
    if (token.empty() || !std::all_of(token.begin(), token.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); })) {
      return std::nullopt;
    }
    out.push_back(token);
    if (bar == std::string::npos) return out;
    start = bar + 1;
  }
}

// Istio validation of one http rule: the reason it is rejected, or "".
std::string RuleRejection(const Node* rule) {
  bool route = rule->Get("route") != nullptr, redirect = rule->Get("redirect") != nullptr;
  bool direct = rule->Get("directResponse") != nullptr, delegate = rule->Get("delegate") != nullptr;
  if (redirect && route) return "a rule cannot have both route and redirect";
  if (redirect && rule->Get("rewrite")) return "a rule cannot have both rewrite and redirect";
  if (const Node* rw = rule->Get("rewrite"); rw && rw->Get("uri") && rw->Get("uriRegexRewrite")) {
    return "rewrite cannot have both uri and uriRegexRewrite";
  }
  if (direct && (route || redirect)) return "a rule cannot have directResponse with route or redirect";
  if (delegate && (route || redirect)) return "a rule cannot have delegate with route or redirect";
  if (rule->Get("mirror") && rule->Get("mirrors")) return "a rule cannot have both mirror and mirrors";
  if (rule->Get("fault") && (redirect || direct)) return "a rule cannot have fault with redirect or directResponse";
  if (direct && rule->Get("rewrite")) return "a rule cannot have both rewrite and directResponse";
  if (const Node* r = rule->Get("redirect"); r && (!r->IsMap() || r->size == 0)) return "an empty redirect";
  if (std::optional<int64_t> code = IntAt(rule->Get("redirect"), "redirectCode"); code && (*code < 300 || *code > 399)) {
    return "redirectCode must be a 3xx status";
  }
  if (const Node* r = rule->Get("rewrite"); r && (!r->IsMap() || r->size == 0)) return "an empty rewrite";
  if (std::vector<const Node*> dests = Items(rule->Get("route")); dests.size() > 1) {
    int64_t total = 0;
    for (const Node* d : dests) total += std::max<int64_t>(0, IntAt(d, "weight").value_or(0));
    if (total == 0) return "several destinations need weights (their total is 0)";
  }
  if (!route && !redirect && !direct && !delegate) return "a rule needs a route, redirect, directResponse or delegate";
  return "";
}

// Returns false when a condition was left out (not modelled).
bool Conditions(const Node* map, bool headers, const std::string& field, Notes* notes,
                std::vector<ir::Condition>* out) {
  bool all = true;
  for (uint32_t i = 0; map && map->IsMap() && i < map->size; ++i) {
    std::string name(map->keys[i].text);
    if (headers) std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (headers && !IsHeaderToken(name)) {
      notes->Add(field + "." + name, AnnotationFate::kIgnored,
                 "not an HTTP header name (a pseudo-header or JWT claim): the match is read without it");
      all = false;
      continue;
    }
    out->push_back(ReadCondition(name, map->values[i]));
  }
  std::sort(out->begin(), out->end(), [](const ir::Condition& a, const ir::Condition& b) { return a.name < b.name; });
  return all;
}

// Whether a match's `gateways` (which replace the VirtualService's for
// it) name `gateway` ("ns/name"); true when it has none.
bool MatchAppliesTo(const Node* match, std::string_view vs_ns, std::string_view gateway) {
  const Node* list = match->Get("gateways");
  if (!list) return true;
  for (const Node* g : Items(list)) {
    std::string name(g->text);
    if (name.find('/') == std::string::npos) name = std::string(vs_ns) + "/" + name;
    if (name == gateway) return true;
  }
  return false;
}

// The methods Gateway API can match.
bool IsGatewayApiMethod(std::string_view m) {
  for (std::string_view k : {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"}) {
    if (m == k) return true;
  }
  return false;
}

// One `match` entry as IR matches (one per listed method), appended to
// `out` with the uri match kind each came from in `kinds`. Conditions gwc
// does not model are left out and noted; `exact` (may be null) is set to
// whether none was. A match whose paths can never match (a prefix or
// exact path without a leading '/') or whose method Gateway API cannot
// say adds nothing.
void LowerHttpMatch(const Node* node, const std::string& field, Notes* notes, std::vector<ir::Match>* out,
                    std::vector<StringMatch>* kinds, bool* exact = nullptr) {
  ir::Match m;
  if (exact) *exact = true;
  StringMatch uri = ReadStringMatch(node->Get("uri"));
  if (uri.kind == StringMatch::kPrefix && uri.value.empty()) uri.value = "/";  // every path
  if ((uri.kind == StringMatch::kPrefix || uri.kind == StringMatch::kExact) && !uri.value.starts_with('/')) {
    notes->Add(field + ".uri", AnnotationFate::kIgnored, "'" + uri.value + "' does not start with '/': it matches no path");
    return;
  }
  // ignoreUriCase applies to exact and prefix matches only.
  bool ignore_case = node->Get("ignoreUriCase") && ScalarBool(*node->Get("ignoreUriCase")).value_or(false) &&
                     uri.kind != StringMatch::kRegex;
  // No uri: every path, as the string prefix "/".
  m.path = uri.kind == StringMatch::kNone ? "/" : uri.value;
  m.path_kind = uri.kind == StringMatch::kExact   ? PathKind::kExact
                : uri.kind == StringMatch::kRegex ? PathKind::kRegex
                                                  : PathKind::kPrefix;
  m.string_prefix = m.path_kind == PathKind::kPrefix;
  if (ignore_case && uri.kind != StringMatch::kNone) {
    m.path = "(?i)" + RegexLiteral(uri.value) + (uri.kind == StringMatch::kPrefix ? ".*" : "");
    m.path_kind = PathKind::kRegex;
    m.string_prefix = false;
  }
  m.path_chars = m.path.size();
  bool all = Conditions(node->Get("headers"), true, field + ".headers", notes, &m.headers);
  all = Conditions(node->Get("queryParams"), false, field + ".queryParams", notes, &m.query) && all;
  if (exact && (!all || node->Get("gateways"))) *exact = false;  // covers less than it seems
  for (const char* ignored : {"withoutHeaders", "port", "sourceLabels", "sourceNamespace", "authority", "scheme"}) {
    if (node->Get(ignored)) {
      if (exact) *exact = false;
      notes->Add(field + "." + ignored, AnnotationFate::kIgnored,
                  "not modelled: the match is read without this condition");
    }
  }
  std::vector<std::string> methods{""};
  if (const Node* method = node->Get("method")) {
    std::optional<std::vector<std::string>> listed = Methods(ReadStringMatch(method));
    if (listed && !std::all_of(listed->begin(), listed->end(), IsGatewayApiMethod)) listed.reset();
    if (!listed) {
      notes->Add(field + ".method", AnnotationFate::kIgnored,
                 "only exact methods of the HTTP standard (or an alternation of them) are modelled; the match is skipped");
      return;
    }
    methods = *listed;
  }
  for (const std::string& method : methods) {
    m.method = method;
    out->push_back(m);
    kinds->push_back(uri);
  }
}

class VirtualServiceLowering {
 public:
  // Lowers `vs` for Gateway `gateway` ("ns/name"): matches whose own
  // `gateways` leave it out are not part of it.
  VirtualServiceLowering(const Index& index, const Object& vs, std::string gateway, Notes* notes)
      : index_(index), vs_(vs), gateway_(std::move(gateway)), notes_(notes) {}

  ir::Route Run() {
    ir::Route route;
    route.kind = ir::RouteKind::kVirtualService;
    route.ns = std::string(vs_.ns);
    route.name = std::string(vs_.name);
    route.created = CreationTime(vs_);
    route.first_match = true;
    const Node* spec = vs_.root->Get("spec");
    std::vector<const Node*> rules = Items(spec ? spec->Get("http") : nullptr);
    for (const char* l4 : {"tls", "tcp"}) {
      if (spec && spec->Get(l4)) {
        notes_->Add(std::string("spec.") + l4, AnnotationFate::kIgnored,
                    std::string(l4 == std::string_view("tls") ? "TLS" : "TCP") +
                        " routes are not modelled by gwc; not migrated");
      }
    }
    for (size_t i = 0; i < rules.size(); ++i) Rule(rules[i], static_cast<uint32_t>(i), &route);
    return route;
  }

 private:
  void Rule(const Node* node, uint32_t i, ir::Route* route) {
    std::string field = Field("spec", "http", i);
    if (node->Get("delegate")) {
      notes_->Add(field + ".delegate", AnnotationFate::kIgnored, "delegation to another VirtualService is not modelled; the rule routes nothing");
      return;
    }
    ir::Rule rule;
    rule.index = i;
    rule.name = std::string(node->Str("name"));
    std::vector<const Node*> matches = Items(node->Get("match"));
    std::vector<StringMatch> kinds;  // the uri match each of rule.matches came from
    for (size_t j = 0; j < matches.size(); ++j) {
      if (!MatchAppliesTo(matches[j], vs_.ns, gateway_)) continue;  // only for other gateways (or the mesh)
      LowerHttpMatch(matches[j], Field(field, "match", j), notes_, &rule.matches, &kinds);
    }
    if (matches.empty()) {
      ir::Match all;
      all.path = "/";
      all.string_prefix = true;
      rule.matches.push_back(all);
      kinds.push_back({});
    }
    if (rule.matches.empty()) return;  // no match here gwc can model
    Actions(node, field, &rule);
    const Node* rewrite = node->Get("rewrite");
    if (!rewrite || !rewrite->Get("uri")) {
      route->rules.push_back(std::move(rule));
      return;
    }
    // rewrite.uri replaces a prefix match's prefix but an exact or regex
    // match's whole path: one rule per match.
    std::string uri(rewrite->Str("uri"));
    for (size_t k = 0; k < rule.matches.size(); ++k) {
      ir::Rule one = rule;
      one.matches = {rule.matches[k]};
      if (!one.filters.rewrite) one.filters.rewrite.emplace();
      one.filters.rewrite->path = UriRewrite(kinds[k], one.matches[0], uri);
      route->rules.push_back(std::move(one));
    }
  }

  // rewrite.uri for a match from `kind`: a prefix (string, case-folded or
  // not, or the whole path when there is no uri) has its matched prefix
  // replaced; exact and regex matches their whole path.
  static ir::PathModifier UriRewrite(const StringMatch& kind, const ir::Match& m, const std::string& uri) {
    if (kind.kind == StringMatch::kNone || (kind.kind == StringMatch::kPrefix && m.string_prefix)) {
      return ir::PathModifier{true, uri, ""};
    }
    if (kind.kind == StringMatch::kPrefix) {  // ignoreUriCase: an anchored case-folded regex
      std::string rewrite;
      for (char c : uri) rewrite += c == '\\' ? std::string("\\\\") : std::string(1, c);
      return ir::PathModifier{false, rewrite, "(?i)^" + RegexLiteral(kind.value)};
    }
    return ir::PathModifier{false, uri, ""};
  }

  void Actions(const Node* node, const std::string& field, ir::Rule* rule) {
    for (const Node* dest : Items(node->Get("route"))) rule->backends.push_back(Destination(dest, field + ".route"));
    Weights(node, rule);
    if (const Node* redirect = node->Get("redirect")) Redirect(redirect, field + ".redirect", &rule->filters);
    if (const Node* direct = node->Get("directResponse")) {
      rule->filters.fail_status = static_cast<int>(IntAt(direct, "status").value_or(500));
      if (direct->Get("body")) notes_->Add(field + ".directResponse.body", AnnotationFate::kIgnored, "the response body is not modelled");
    }
    if (const Node* rewrite = node->Get("rewrite")) {
      if (std::string_view authority = rewrite->Str("authority"); !authority.empty()) {
        if (!rule->filters.rewrite) rule->filters.rewrite.emplace();
        rule->filters.rewrite->hostname = std::string(authority);
      }
      if (const Node* re = rewrite->Get("uriRegexRewrite")) {
        if (!rule->filters.rewrite) rule->filters.rewrite.emplace();
        rule->filters.rewrite->path = ir::PathModifier{false, std::string(re->Str("rewrite")), std::string(re->Str("match"))};
      }
    }
    HeaderEdits(node->Get("headers"), &rule->filters);
    Mirrors(node, field, &rule->filters);
    if (std::string_view timeout = node->Str("timeout"); !timeout.empty()) {
      if (std::optional<uint32_t> ms = DurationMs(timeout)) {
        rule->request_timeout_ms = *ms;
      } else {
        notes_->Add(field + ".timeout", AnnotationFate::kIgnored, "'" + std::string(timeout) + "' is not a duration gwc reads");
      }
    }
    if (const Node* cors = node->Get("corsPolicy")) Cors(cors, field + ".corsPolicy", &rule->filters);
    for (const char* ignored : {"retries", "fault", "mirrorPercent"}) {
      if (node->Get(ignored)) notes_->Add(field + "." + ignored, AnnotationFate::kIgnored, "not modelled by gwc; not migrated");
    }
  }

  // A destination host as a Service: a short name is in the
  // VirtualService's namespace, "name.ns.svc.cluster.local" is Service
  // ns/name; anything else is a host of the mesh registry (ServiceEntry).
  ir::Backend Backend(const Node* dest, const std::string& field) {
    ir::Backend b;
    std::string host(dest ? dest->Str("host") : "");
    b.kind = "Service";
    constexpr std::string_view kSuffix = ".svc.cluster.local";
    size_t dot = host.find('.');
    if (dot == std::string::npos) {
      b.ns = std::string(vs_.ns);
      b.name = host;
    } else if (host.ends_with(kSuffix) && host.find('.', dot + 1) == host.size() - kSuffix.size()) {
      b.name = host.substr(0, dot);
      b.ns = host.substr(dot + 1, host.size() - kSuffix.size() - dot - 1);
    } else {
      b.group = std::string(kGroup);
      b.kind = "ServiceEntry";
      b.ns = std::string(vs_.ns);
      b.name = host;
      b.problem = ir::BackendProblem::kInvalidKind;
      notes_->Add(field + ".host", AnnotationFate::kIgnored,
                  "'" + host + "' is not a Kubernetes Service name; mesh hosts (ServiceEntry) are not migrated");
      return b;
    }
    b.port = static_cast<int>(IntAt(dest->Get("port"), "number").value_or(0));
    if (b.port == 0) b.port = OnlyPort(b.ns, b.name);
    if (index_.Resolve("", "Service", b.ns, b.name) == Resolution::kMissing) b.problem = ir::BackendProblem::kNotFound;
    if (std::string_view subset = dest->Str("subset"); !subset.empty()) {
      notes_->Add(field + ".subset", AnnotationFate::kPartial,
                  "subset '" + std::string(subset) + "' (a DestinationRule) has no Gateway API form; every endpoint of Service " +
                      b.ns + "/" + b.name + " is used");
    }
    return b;
  }

  // Istio leaves out the port when the Service has only one.
  int OnlyPort(const std::string& ns, const std::string& name) const {
    const Object* svc = index_.Find("", "Service", ns, name);
    const Node* spec = svc ? svc->root->Get("spec") : nullptr;
    std::vector<const Node*> ports = Items(spec ? spec->Get("ports") : nullptr);
    return ports.size() == 1 ? static_cast<int>(IntAt(ports[0], "port").value_or(0)) : 0;
  }

  ir::Backend Destination(const Node* route_dest, const std::string& field) {
    ir::Backend b = Backend(route_dest->Get("destination"), field);
    // Gateway API weights stop at 1,000,000 (Istio's are a share of 100).
    b.weight = static_cast<uint32_t>(std::clamp<int64_t>(IntAt(route_dest, "weight").value_or(0), 0, 1000000));
    if (const Node* headers = route_dest->Get("headers")) HeaderEdits(headers, &b.filters);
    return b;
  }

  // One destination takes all traffic whatever its weight; several
  // without weights share it equally.
  static void Weights(const Node* node, ir::Rule* rule) {
    bool none = true;
    for (const Node* d : Items(node->Get("route"))) none = none && !d->Get("weight");
    if (rule->backends.size() == 1 || none) {
      for (ir::Backend& b : rule->backends) b.weight = 1;
    }
  }

  void Redirect(const Node* node, const std::string& field, ir::Filters* filters) {
    ir::Redirect r;
    r.status = static_cast<int>(IntAt(node, "redirectCode").value_or(301));
    if (std::string_view scheme = node->Str("scheme"); !scheme.empty()) r.scheme = std::string(scheme);
    if (std::string_view authority = node->Str("authority"); !authority.empty()) {
      // "host:port": the port is the redirect's unless it names its own.
      size_t colon = authority.rfind(':');
      std::optional<int> port = colon == std::string_view::npos ? std::nullopt : ParseInt(authority.substr(colon + 1));
      r.hostname = std::string(port ? authority.substr(0, colon) : authority);
      if (port) r.port = *port;
    }
    if (std::optional<int64_t> port = IntAt(node, "port")) r.port = static_cast<int>(*port);
    if (std::string_view uri = node->Str("uri"); !uri.empty()) r.path = ir::PathModifier{false, std::string(uri), ""};
    if (node->Get("derivePort")) notes_->Add(field + ".derivePort", AnnotationFate::kIgnored, "not modelled");
    filters->redirect = r;
  }

  static void HeaderEdits(const Node* headers, ir::Filters* filters) {
    if (!headers) return;
    struct Side {
      const char* key;
      std::vector<ir::HeaderEdit>* edits;
    };
    for (Side side : {Side{"request", &filters->request_headers}, Side{"response", &filters->response_headers}}) {
      const Node* ops = headers->Get(side.key);
      if (!ops) continue;
      for (auto [key, op] : {std::pair{"set", ir::HeaderEdit::kSet}, std::pair{"add", ir::HeaderEdit::kAdd}}) {
        const Node* map = ops->Get(key);
        for (uint32_t i = 0; map && map->IsMap() && i < map->size; ++i) {
          side.edits->push_back({op, std::string(map->keys[i].text), std::string(map->values[i]->text)});
        }
      }
      for (const Node* name : Items(ops->Get("remove"))) side.edits->push_back({ir::HeaderEdit::kRemove, std::string(name->text), ""});
    }
  }

  void Mirrors(const Node* node, const std::string& field, ir::Filters* filters) {
    auto add = [&](const Node* dest, const Node* percentage, const std::string& f) {
      ir::Mirror m;
      m.target.push_back(Backend(dest, f));
      if (const Node* value = percentage ? percentage->Get("value") : nullptr) {
        double pct = ScalarNumber(*value).value_or(100.0);
        pct = std::isfinite(pct) ? std::clamp(pct, 0.0, 100.0) : 0.0;
        m.numerator = static_cast<uint32_t>(pct * 10000.0 + 0.5);
        m.denominator = 1000000;
      }
      filters->mirrors.push_back(std::move(m));
    };
    if (const Node* mirror = node->Get("mirror")) add(mirror, node->Get("mirrorPercentage"), field + ".mirror");
    std::vector<const Node*> mirrors = Items(node->Get("mirrors"));
    for (size_t i = 0; i < mirrors.size(); ++i) {
      add(mirrors[i]->Get("destination"), mirrors[i]->Get("percentage"), Field(field, "mirrors", i));
    }
  }

  void Cors(const Node* node, const std::string& field, ir::Filters* filters) {
    ir::Cors c;
    for (const Node* origin : Items(node->Get("allowOrigins"))) {
      StringMatch m = ReadStringMatch(origin);
      if (m.kind == StringMatch::kExact) {
        c.allow_origins.push_back(m.value);
      } else {
        notes_->Add(field + ".allowOrigins", AnnotationFate::kPartial, "only exact origins are translated");
      }
    }
    for (const Node* origin : Items(node->Get("allowOrigin"))) c.allow_origins.push_back(std::string(origin->text));
    for (const Node* m : Items(node->Get("allowMethods"))) c.allow_methods.push_back(std::string(m->text));
    for (const Node* h : Items(node->Get("allowHeaders"))) c.allow_headers.push_back(std::string(h->text));
    for (const Node* h : Items(node->Get("exposeHeaders"))) c.expose_headers.push_back(std::string(h->text));
    if (const Node* cred = node->Get("allowCredentials")) c.allow_credentials = ScalarBool(*cred).value_or(false);
    if (std::optional<uint32_t> ms = DurationMs(node->Str("maxAge"))) c.max_age = static_cast<int>(*ms / 1000);
    if (c.allow_origins.empty()) return;  // Envoy applies no CORS policy without origins
    filters->cors = c;
  }

  const Index& index_;
  const Object& vs_;
  std::string gateway_;
  Notes* notes_;
};

std::vector<const Object*> Sorted(const std::vector<const Object*>& objects) {
  std::vector<const Object*> out = objects;
  std::sort(out.begin(), out.end(), [](const Object* a, const Object* b) {
    return std::tie(a->ns, a->name, a->ordinal) < std::tie(b->ns, b->name, b->ordinal);
  });
  return out;
}

// Attaches route `r` (of a VirtualService with `hosts`) to every listener
// of `gw` its hosts intersect and its namespace may bind to.
void Attach(const LoweredGateway& gw, uint32_t r, const std::vector<std::string>& hosts, ir::Program* program) {
  ir::Gateway& g = program->gateways[gw.index];
  const std::string& ns = program->routes[r].ns;
  for (const BoundListener& b : gw.listeners) {
    if (b.redirects || (!b.ns.empty() && b.ns != ns)) continue;
    ir::Listener& l = g.listeners[b.listener];
    std::set<std::string> seen;
    for (const std::string& host : hosts) {
      std::optional<std::string> both = IntersectHostnames(l.hostname, host == "*" ? "" : host);
      if (!both || !seen.insert(*both).second) continue;
      ir::Attachment a{r, {}};
      if (!both->empty()) a.hostnames.push_back(*both);
      l.routes.push_back(a);
    }
  }
}

// Why Istio's validation rejects `vs` ("" when it does not).
std::string Rejection(const Object& vs) {
  const Node* spec = vs.root->Get("spec");
  std::vector<const Node*> rules = Items(spec ? spec->Get("http") : nullptr);
  for (size_t i = 0; i < rules.size(); ++i) {
    if (std::string why = RuleRejection(rules[i]); !why.empty()) return Field("spec", "http", i) + ": " + why;
  }
  return "";
}

// Envoy gives each VirtualService host its own virtual host and answers
// 404 when none of its routes matches, where Gateway API precedence would
// go on to the rules of a wildcard host that also covers the request's.
// So each host that a less specific host on the same listener covers gets
// a last catch-all rule (path_chars 0) answering 404, in a route named
// after the host's first VirtualService.
void AddNoRouteAnswers(size_t first_gateway, ir::Program* program) {
  for (size_t gi = first_gateway; gi < program->gateways.size(); ++gi) {
    std::map<std::string, uint32_t> answers;  // host -> its 404 route
    for (ir::Listener& l : program->gateways[gi].listeners) {
      std::map<std::string, uint32_t> hosts;  // host -> first route attached with it
      for (const ir::Attachment& a : l.routes) hosts.try_emplace(a.hostnames.empty() ? "" : a.hostnames.front(), a.route);
      for (const auto& entry : hosts) {
        const std::string& host = entry.first;
        uint32_t first = entry.second;
        bool covered = std::any_of(hosts.begin(), hosts.end(), [&](const auto& other) {
          const std::string& h = other.first;
          return h != host && (h.empty() || (IsWildcardHostname(h) && host.ends_with(h.substr(1))));
        });
        if (!covered) continue;
        auto [it, fresh] = answers.try_emplace(host, static_cast<uint32_t>(program->routes.size()));
        if (fresh) {
          const ir::Route& source = program->routes[first];
          ir::Route route{ir::RouteKind::kVirtualService, source.ns, source.name, source.created, {}, true};
          ir::Rule rule;
          rule.index = kAddedRule;
          ir::Match all;
          all.path = "/";
          all.string_prefix = true;
          all.path_chars = 0;
          rule.matches.push_back(all);
          rule.filters.fail_status = 404;
          route.rules.push_back(rule);
          program->routes.push_back(std::move(route));
        }
        l.routes.push_back({it->second, {host}});
      }
    }
  }
}

}  // namespace

void LowerIstio(const Index& index, ir::Program* program, std::vector<std::string>* warnings,
                std::vector<IstioNote>* notes) {
  std::map<std::pair<std::string, std::string>, LoweredGateway> gateways;
  size_t first_gateway = program->gateways.size();
  for (const Object* gw : Sorted(index.OfKind(kGroup, "Gateway"))) {
    Notes n("Gateway " + std::string(gw->ns) + "/" + std::string(gw->name), notes);
    gateways.emplace(std::pair{std::string(gw->ns), std::string(gw->name)}, GatewayLowering(*gw, program, &n).Run());
  }
  for (const Object* vs : Sorted(index.OfKind(kGroup, "VirtualService"))) {
    Notes n("VirtualService " + std::string(vs->ns) + "/" + std::string(vs->name), notes);
    const Node* spec = vs->root->Get("spec");
    std::vector<std::string> hosts;
    for (const Node* h : Items(spec ? spec->Get("hosts") : nullptr)) hosts.push_back(std::string(h->text));
    std::vector<std::pair<std::string, const LoweredGateway*>> bound;  // "ns/name" -> its lowering
    for (const Node* ref : Items(spec ? spec->Get("gateways") : nullptr)) {
      std::string_view name = ref->text;
      if (name == "mesh") continue;
      size_t slash = name.find('/');
      std::string gw_ns = slash == std::string_view::npos ? std::string(vs->ns) : std::string(name.substr(0, slash));
      std::string gw_name(slash == std::string_view::npos ? name : name.substr(slash + 1));
      auto it = gateways.find({gw_ns, gw_name});
      if (it == gateways.end()) {
        warnings->push_back(n.object() + ": Gateway " + gw_ns + "/" + gw_name + " is not in the input; the VirtualService is not bound to it");
        n.Add("spec.gateways", AnnotationFate::kPartial, "Gateway " + gw_ns + "/" + gw_name + " is not in the input");
        continue;
      }
      bound.emplace_back(gw_ns + "/" + gw_name, &it->second);
    }
    if (bound.empty()) {
      n.Add("spec.gateways", AnnotationFate::kIgnored,
            "bound to no Gateway of the input (mesh sidecars only, or its Gateways are missing); not migrated");
      continue;
    }
    if (std::string rejection = Rejection(*vs); !rejection.empty()) {
      warnings->push_back(n.object() + ": Istio's validation rejects it (" + rejection + "); it routes nothing");
      n.Add("spec.http", AnnotationFate::kIgnored, "rejected by Istio's validation (" + rejection + "); routes nothing");
      continue;
    }
    if (hosts.empty()) {
      warnings->push_back(n.object() + ": spec.hosts is empty; Istio's validation rejects it");
      continue;
    }
    for (const auto& [gw_name, gw] : bound) {  // one route per Gateway: a match may name its own
      program->routes.push_back(VirtualServiceLowering(index, *vs, gw_name, &n).Run());
      Attach(*gw, static_cast<uint32_t>(program->routes.size() - 1), hosts, program);
    }
  }
  AddNoRouteAnswers(first_gateway, program);
}

void CheckIstioObject(const Object& object, DiagnosticSink* diags) {
  if (object.group != kGroup || object.kind != "VirtualService") return;
  const Node* spec = object.root->Get("spec");
  Notes none("", nullptr);
  struct Earlier {
    ir::Match match;
    const Node* node;
  };
  std::vector<Earlier> earlier;  // matches that can shadow later ones
  for (const Node* rule : Items(spec ? spec->Get("http") : nullptr)) {
    if (std::string why = RuleRejection(rule); !why.empty()) {
      Report(diags, DiagCode::kIstioRejected, object, rule, "Istio's validation rejects this rule: " + why);
    }
    if (rule->Get("delegate")) continue;
    std::vector<const Node*> nodes = Items(rule->Get("match"));
    if (nodes.empty()) nodes.push_back(nullptr);  // no match: every request
    for (const Node* node : nodes) {
      std::vector<ir::Match> matches;
      std::vector<StringMatch> kinds;
      bool exact = true;
      if (node) {
        LowerHttpMatch(node, "", &none, &matches, &kinds, &exact);
      } else {
        ir::Match all;
        all.string_prefix = true;
        matches.push_back(all);
      }
      for (const ir::Match& m : matches) {
        auto cover = std::find_if(earlier.begin(), earlier.end(), [&](const Earlier& e) { return FirstMatchCovers(e.match, m); });
        if (cover == earlier.end()) continue;
        Report(diags, DiagCode::kIstioUnreachable, object, node ? node : rule,
               "unreachable: an earlier match takes every request this one would", {Related(cover->node, "this match comes first")});
        break;
      }
      // A match read without conditions gwc does not model covers less
      // than it seems: it shadows nothing.
      if (exact) {
        for (ir::Match& m : matches) earlier.push_back({std::move(m), node ? node : rule});
      }
    }
  }
}

}  // namespace gwc
