// Copyright 2026 The gwc Authors.
//
// What happens to a matched request (SEMANTICS.md (e), (f)): an
// unresolvable filter fails it, CORS preflights are answered by the
// gateway, redirects answer with a Location, otherwise a weighted backend
// is chosen (invalid ones answer 500 in proportion to their weight) and the
// header modifiers, URL rewrite and mirrors of the rule and of the chosen
// backend apply.

#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "runtime-stub/src/headers.h"
#include "runtime-stub/src/policy_vm.h"
#include "runtime-stub/src/tables.h"

namespace gwrt {

namespace {

const char* ProblemName(gwb::BackendProblem p) {
  switch (p) {
    case gwb::BackendProblem::kNone: return "";
    case gwb::BackendProblem::kNotFound: return "BackendNotFound";
    case gwb::BackendProblem::kRefNotPermitted: return "RefNotPermitted";
    case gwb::BackendProblem::kInvalidKind: return "InvalidKind";
    case gwb::BackendProblem::kUnsupportedProtocol: return "UnsupportedProtocol";
    case gwb::BackendProblem::kBackendTlsInvalid: return "BackendTLSPolicyInvalid";
  }
  return "";
}

// ReplacePrefixMatch (SEMANTICS.md (e)): the matched prefix is replaced
// element-wise; trailing slashes of prefix and replacement do not count.
std::string ReplacePrefix(std::string_view path, std::string_view prefix, std::string_view with) {
  if (prefix == "/") prefix = "";
  std::string_view rest = path.substr(std::min(prefix.size(), path.size()));
  while (!with.empty() && with.back() == '/') with.remove_suffix(1);
  std::string out = std::string(with) + std::string(rest);
  return out.empty() ? "/" : out;
}

struct Origin {
  std::string scheme, host;
  int port = 0;
};

Origin ParseOrigin(std::string_view s) {
  Origin o;
  size_t sep = s.find("://");
  if (sep == std::string_view::npos) return o;
  o.scheme = std::string(s.substr(0, sep));
  std::string_view rest = s.substr(sep + 3);
  size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos && rest.find(']', colon) == std::string_view::npos) {
    o.port = std::atoi(std::string(rest.substr(colon + 1)).c_str());
    rest = rest.substr(0, colon);
  } else {
    o.port = o.scheme == "https" ? 443 : o.scheme == "http" ? 80 : 0;
  }
  for (char c : rest) o.host += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

// CORS allowOrigins entry (SEMANTICS.md (e)): "*", or scheme://host[:port]
// where a '*' in the host matches any number of labels to its left.
bool OriginAllowed(std::string_view pattern, std::string_view origin) {
  if (pattern == "*") return true;
  Origin p = ParseOrigin(pattern), o = ParseOrigin(origin);
  if (p.scheme != o.scheme || p.port != o.port || o.host.empty()) return false;
  if (!p.host.empty() && p.host.front() == '*') {
    std::string_view suffix = std::string_view(p.host).substr(1);
    return o.host.size() > suffix.size() && std::string_view(o.host).ends_with(suffix);
  }
  return p.host == o.host;
}

// The rule's (or backend's) filters, gathered by kind.
struct FilterSet {
  std::vector<const gwb::FilterRecord*> request_edits, response_edits, mirrors, origins;
  const gwb::FilterRecord* redirect = nullptr;
  const gwb::FilterRecord* redirect_path = nullptr;
  const gwb::FilterRecord* rewrite_host = nullptr;
  const gwb::FilterRecord* rewrite_path = nullptr;
  const gwb::FilterRecord* cors_methods = nullptr;
  const gwb::FilterRecord* cors_headers = nullptr;
  const gwb::FilterRecord* cors_expose = nullptr;
  const gwb::FilterRecord* cors_policy = nullptr;
  int fail = 0;

  void Add(const Router::Tables& t, gwb::List list) {
    for (uint32_t i = list.first; i < list.first + list.count; ++i) {
      const gwb::FilterRecord& f = t.filters[i];
      switch (f.type) {
        case gwb::FilterType::kRequestHeaderSet:
        case gwb::FilterType::kRequestHeaderAdd:
        case gwb::FilterType::kRequestHeaderRemove: request_edits.push_back(&f); break;
        case gwb::FilterType::kResponseHeaderSet:
        case gwb::FilterType::kResponseHeaderAdd:
        case gwb::FilterType::kResponseHeaderRemove: response_edits.push_back(&f); break;
        case gwb::FilterType::kRedirect: redirect = &f; break;
        case gwb::FilterType::kRedirectPath: redirect_path = &f; break;
        case gwb::FilterType::kRewriteHost: rewrite_host = &f; break;
        case gwb::FilterType::kRewritePath: rewrite_path = &f; break;
        case gwb::FilterType::kMirror: mirrors.push_back(&f); break;
        case gwb::FilterType::kCorsOrigin: origins.push_back(&f); break;
        case gwb::FilterType::kCorsMethods: cors_methods = &f; break;
        case gwb::FilterType::kCorsHeaders: cors_headers = &f; break;
        case gwb::FilterType::kCorsExpose: cors_expose = &f; break;
        case gwb::FilterType::kCorsPolicy: cors_policy = &f; break;
        case gwb::FilterType::kFail: fail = f.code; break;
        default: break;  // transform verbs live in policy programs (verified)
      }
    }
  }
};

class Decider {
 public:
  Decider(const Router::Tables& t, const Request& req, PolicyState& state, Forwarder* forward, Decision* d)
      : t_(t), req_(&req), state_(state), forward_(forward), d_(*d) {}

  void Run(uint32_t match, uint32_t listener) {
    Route(match, listener);
    if (!policies_.request) return;
    if (policies_.cors.count && !policies_.preflight) {
      FilterSet cors;
      cors.Add(t_, policies_.cors);
      if (std::optional<std::string> origin = AllowedOrigin(cors)) CorsCommon(cors, *origin);
    }
    ApplyPolicyResponse(t_, policies_, &d_.response_headers);
  }

 private:
  // Runs the rule's policy program. False when it answered the request
  // (denied, limited, preflight); else the request as edited goes on.
  bool Policies(const gwb::RuleRecord& rule) {
    uint32_t program = t_.rule_programs.empty() ? gwb::kNone : t_.rule_programs[&rule - t_.rules.data()];
    if (program == gwb::kNone) return true;
    policies_.request = req_;
    policies_.steps = &d_.policy;
    RunPolicyProgram(t_, program, state_, &policies_);
    if (policies_.consumer != gwb::kNone) d_.consumer = std::string(t_.Str(t_.consumers[policies_.consumer].name));
    else d_.consumer = policies_.subject;
    d_.rate_limited = policies_.rate_limited;
    if (policies_.denied) d_.denied = policies_.denied;
    if (policies_.preflight) {
      FilterSet cors;
      cors.Add(t_, policies_.cors);
      AnswerPreflight(cors);
      return false;
    }
    if (policies_.status) {
      d_.status = policies_.status;
      d_.upstream = false;
      return false;
    }
    edited_ = *req_;
    ApplyPolicyRequest(t_, policies_, &edited_.headers, &edited_.path);
    req_ = &edited_;
    return true;
  }

  void Route(uint32_t match, uint32_t listener) {
    const gwb::MatchRecord& m = t_.matches[match];
    const gwb::RuleRecord& rule = t_.rules[m.rule];
    const gwb::RouteRecord& route = t_.routes[rule.route];
    const gwb::ListenerRecord& l = t_.listeners[listener];
    const gwb::GatewayRecord& g = t_.gateways[l.gateway];
    d_.gateway = std::string(t_.Str(g.ns)) + "/" + std::string(t_.Str(g.name));
    d_.listener = std::string(t_.Str(l.name));
    ingress_ = route.kind == gwb::RouteKind::kIngress;
    d_.route_kind = route.kind == gwb::RouteKind::kGrpcRoute ? "GRPCRoute"
                    : route.kind == gwb::RouteKind::kIngress        ? "Ingress"
                    : route.kind == gwb::RouteKind::kVirtualService ? "VirtualService"
                                                                    : "HTTPRoute";
    d_.route = std::string(t_.Str(route.ns)) + "/" + std::string(t_.Str(route.name));
    d_.rule = static_cast<int>(rule.index);
    d_.rule_name = std::string(t_.Str(rule.name));
    if (rule.request_timeout_ms != gwb::kNone) d_.request_timeout_ms = rule.request_timeout_ms;
    if (rule.backend_timeout_ms != gwb::kNone) d_.backend_timeout_ms = rule.backend_timeout_ms;
    FilterSet filters;
    filters.Add(t_, rule.filters);
    listener_port_ = l.port;
    scheme_ = !req_->scheme.empty() ? req_->scheme : l.protocol == gwb::Protocol::kHttps ? "https" : "http";
    matched_prefix_ = m.path_kind == gwb::PathKind::kPrefix ? t_.Str(m.path) : std::string_view();
    d_.status = 200;
    if (!Policies(rule)) return;
    if (filters.fail) {
      d_.status = filters.fail;
      return;
    }
    if (filters.cors_policy && Preflight()) {
      AnswerPreflight(filters);
      return;
    }
    if (filters.redirect) {
      Redirect(filters);
      return;
    }
    Forward(rule, &filters);
  }

  bool Preflight() const {
    return req_->method == "OPTIONS" && HeaderValue(req_->headers, "origin") &&
           HeaderValue(req_->headers, "access-control-request-method");
  }

  // The Access-Control-Allow-Origin to answer with: the request's Origin
  // when a pattern allows it ("*" itself under kCorsVerbatim), or nullopt.
  std::optional<std::string> AllowedOrigin(const FilterSet& f) const {
    const std::string* origin = HeaderValue(req_->headers, "origin");
    if (!origin) return std::nullopt;
    bool verbatim = f.cors_policy && (f.cors_policy->flags & gwb::kCorsVerbatim);
    for (const gwb::FilterRecord* o : f.origins) {
      bool allowed = o->flags & gwb::kFilterRegex
                         ? RE2::FullMatch(*origin, t_.filter_regexes[static_cast<size_t>(o - t_.filters.data())].Get())
                         : OriginAllowed(t_.Str(o->a), *origin);
      if (allowed) return verbatim && t_.Str(o->a) == "*" ? std::string("*") : *origin;
    }
    return std::nullopt;
  }

  void SetResponse(std::string name, std::string value) {
    ApplyHeaderEdit(gwb::FilterType::kResponseHeaderSet, name, value, &d_.response_headers);
  }

  // "*" with credentials must be answered with the request's own value.
  // Envoy echoes a "*" method or header list; never the exposed headers.
  std::string CorsList(const gwb::FilterRecord* f, bool credentials, const char* request_header,
                       bool echo_wildcard = true) {
    std::string list(f ? t_.Str(f->a) : std::string_view());
    std::string out;
    for (char c : list) out += c == ',' && !verbatim_lists_ ? std::string(", ") : std::string(1, c);
    if (out == "*" && (credentials || (echo_wildcards_ && echo_wildcard))) {
      const std::string* asked = HeaderValue(req_->headers, request_header);
      return asked ? *asked : std::string();
    }
    return out;
  }

  void CorsCommon(const FilterSet& f, const std::string& origin) {
    bool credentials = f.cors_policy->flags & gwb::kFilterCredentials;
    verbatim_lists_ = f.cors_policy->flags & gwb::kCorsVerbatim;
    echo_wildcards_ = f.cors_policy->flags & gwb::kCorsEchoWildcards;
    SetResponse("access-control-allow-origin", origin);
    if (credentials) SetResponse("access-control-allow-credentials", "true");
    std::string expose = CorsList(f.cors_expose, credentials, "access-control-request-headers", false);
    if (!expose.empty()) SetResponse("access-control-expose-headers", expose);
  }

  void AnswerPreflight(const FilterSet& f) {
    const gwb::FilterRecord& policy = *f.cors_policy;
    d_.upstream = false;
    d_.status = policy.code ? policy.code : 204;
    std::optional<std::string> origin = AllowedOrigin(f);
    if (!origin) return;
    bool credentials = policy.flags & gwb::kFilterCredentials;
    CorsCommon(f, *origin);
    std::string methods = CorsList(f.cors_methods, credentials, "access-control-request-method");
    if (!methods.empty()) SetResponse("access-control-allow-methods", methods);
    std::string headers = CorsList(f.cors_headers, credentials, "access-control-request-headers");
    if (headers.empty() && (policy.flags & gwb::kCorsEchoRequestHeaders)) {
      const std::string* asked = HeaderValue(req_->headers, "access-control-request-headers");
      if (asked) headers = *asked;
    }
    if (!headers.empty()) SetResponse("access-control-allow-headers", headers);
    if (!(policy.flags & gwb::kCorsNoMaxAge)) SetResponse("access-control-max-age", std::to_string(policy.num));
  }

  std::string_view RequestPath() const {
    std::string_view p = req_->path;
    return p.substr(0, p.find('?'));
  }
  std::string_view RequestQuery() const {
    std::string_view p = req_->path;
    size_t q = p.find('?');
    return q == std::string_view::npos ? std::string_view() : p.substr(q);
  }

  std::string ModifiedPath(const gwb::FilterRecord* f) const {
    std::string_view path = RequestPath();
    if (!f) return std::string(path);
    if (f->flags & gwb::kFilterPrefix) return ReplacePrefix(path, matched_prefix_, t_.Str(f->a));
    if (f->type == gwb::FilterType::kRewritePath && (f->flags & gwb::kFilterRegex)) {
      std::string out(path);
      const RE2& re = t_.filter_regexes[static_cast<size_t>(f - t_.filters.data())].Get();
      RE2::GlobalReplace(&out, re, std::string(t_.Str(f->a)));
      return out;
    }
    return std::string(t_.Str(f->a));
  }

  std::string HostWithoutPort() const {
    std::string_view h = req_->host;
    if (!h.empty() && h.front() != '[') h = h.substr(0, h.rfind(':'));
    return std::string(h);
  }

  void Redirect(const FilterSet& f) {
    const gwb::FilterRecord& r = *f.redirect;
    d_.status = r.code ? r.code : 302;
    std::string scheme = r.flags & gwb::kFilterHasScheme ? std::string(t_.Str(r.a)) : scheme_;
    std::string host = r.flags & gwb::kFilterHasHostname ? std::string(t_.Str(r.b)) : HostWithoutPort();
    int port = r.flags & gwb::kFilterHasPort      ? static_cast<int>(r.num)
               : r.flags & gwb::kFilterHasScheme ? (scheme == "https" ? 443 : scheme == "http" ? 80 : listener_port_)
                                                 : listener_port_;
    bool default_port = (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
    std::string location = scheme + "://" + host;
    if (!default_port) location.append(1, ':').append(std::to_string(port));
    location += ModifiedPath(f.redirect_path);
    if (!(r.flags & gwb::kFilterNoQuery)) location += RequestQuery();
    d_.location = std::move(location);
  }

  // A value in [0, 1) choosing among weighted backends.
  double Sample() const {
    if (req_->sample >= 0 && req_->sample < 1) return req_->sample;
    std::string key = req_->method + ' ' + req_->host + ' ' + req_->path;
    return static_cast<double>(XXH3_64bits(key.data(), key.size()) >> 11) / 9007199254740992.0;
  }

  // What a request gets when its rule has no backend to forward it to:
  // 500, and for a gRPC call 503, which gRPC clients read as UNAVAILABLE
  // (SEMANTICS.md (f)); an Ingress's 503, as Ingress controllers answer
  // for a Service they cannot reach.
  int NoBackendStatus() const { return req_->grpc || ingress_ ? 503 : 500; }

  void Forward(const gwb::RuleRecord& rule, FilterSet* filters) {
    uint64_t total = 0;
    for (uint32_t b = rule.backends.first; b < rule.backends.first + rule.backends.count; ++b) {
      const gwb::BackendRecord& br = t_.backends[b];
      d_.candidates.push_back({std::string(t_.Str(br.ns)), std::string(t_.Str(br.name)), br.port,
                               br.weight, ProblemName(br.problem), std::string(t_.Str(br.tls_hostname))});
      total += br.weight;
    }
    if (total == 0) {  // no backends, or every weight 0
      d_.status = NoBackendStatus();
      return;
    }
    double point = Sample() * static_cast<double>(total);
    uint64_t acc = 0;
    for (size_t i = 0; i < d_.candidates.size(); ++i) {
      acc += d_.candidates[i].weight;
      if (point < static_cast<double>(acc)) {
        d_.chosen = static_cast<int>(i);
        break;
      }
    }
    if (d_.chosen < 0) d_.chosen = static_cast<int>(d_.candidates.size() - 1);
    const gwb::BackendRecord& chosen = t_.backends[rule.backends.first + d_.chosen];
    if (chosen.problem != gwb::BackendProblem::kNone) {
      d_.status = NoBackendStatus();
      return;
    }
    filters->Add(t_, chosen.filters);
    if (filters->fail) {
      d_.status = filters->fail;
      return;
    }
    if (filters->redirect) {  // a redirect among the chosen backend's filters
      Redirect(*filters);
      return;
    }
    d_.upstream = true;
    d_.method = req_->method;
    d_.host = filters->rewrite_host ? std::string(t_.Str(filters->rewrite_host->a)) : req_->host;
    d_.path = filters->rewrite_path ? ModifiedPath(filters->rewrite_path) + std::string(RequestQuery())
                                    : req_->path;
    d_.request_headers = req_->headers;
    for (const gwb::FilterRecord* e : filters->request_edits) {
      ApplyHeaderEdit(e->type, t_.Str(e->a), t_.Str(e->b), &d_.request_headers);
    }
    d_.response_headers = forward_ ? forward_->Forward(d_) : req_->backend_response_headers;
    for (const gwb::FilterRecord* e : filters->response_edits) {
      ApplyHeaderEdit(e->type, t_.Str(e->a), t_.Str(e->b), &d_.response_headers);
    }
    if (filters->cors_policy) {
      if (std::optional<std::string> origin = AllowedOrigin(*filters)) CorsCommon(*filters, *origin);
    }
    for (const gwb::FilterRecord* m : filters->mirrors) {
      const gwb::BackendRecord& b = t_.backends[m->backend];
      d_.mirrors.push_back({std::string(t_.Str(b.ns)), std::string(t_.Str(b.name)), b.port,
                            100.0 * m->num / m->den});
    }
  }

  const Router::Tables& t_;
  const Request* req_;
  PolicyState& state_;
  Forwarder* forward_;  // null: the backend's answer is req_->backend_response_headers
  Decision& d_;
  PolicyRun policies_;
  bool verbatim_lists_ = false;  // the CORS policy being answered has kCorsVerbatim
  bool echo_wildcards_ = false;  // ... and kCorsEchoWildcards
  Request edited_;  // the request after the policies' edits
  int listener_port_ = 0;
  bool ingress_ = false;  // the route is an Ingress
  std::string scheme_;  // the request's, else its listener's protocol
  std::string_view matched_prefix_;
};

}  // namespace

Decision Router::Decide(const Request& req) const { return Decide(req, own_state_.get()); }

PolicyVerdict Router::RunPolicies(uint32_t rule, const Request& req, PolicyState* state) const {
  PolicyVerdict v;
  uint32_t program = rule < t_->rule_programs.size() ? t_->rule_programs[rule] : gwb::kNone;
  if (program == gwb::kNone) return v;
  PolicyRun run;
  run.request = &req;
  RunPolicyProgram(*t_, program, *state, &run);
  v.status = run.status;
  v.denied = run.denied;
  v.rate_limited = run.rate_limited;
  return v;
}

size_t Router::rule_count() const { return t_->rules.size(); }

Decision Router::Decide(const Request& req, PolicyState* state) const { return Decide(req, state, nullptr); }

Decision Router::Decide(const Request& req, PolicyState* state, Forwarder* forward) const {
  Decision d;
  uint32_t listener = gwb::kNone;
  uint32_t match = Find(req, &listener);
  if (req.scheme == "https" && !req.sni.empty() && listener != gwb::kNone &&
      ListenerFor(req, req.sni) != listener) {
    d.status = 421;  // SNI chose another listener than Host (SEMANTICS.md (b))
    d.reason = "the TLS server name and the Host header select different listeners";
    return d;
  }
  if (match == gwb::kNone) {
    d.status = 404;
    d.reason = listener == gwb::kNone ? "no listener for this port, scheme and host" : "no route matched";
    return d;
  }
  Decider(*t_, req, *state, forward, &d).Run(match, listener);
  return d;
}

}  // namespace gwrt
