// Copyright 2026 The gwc Authors.
//
// The route IR: what a conformant controller would program, independent of
// where it came from (Gateway API, Ingress through a controller dialect,
// vendor resources later). Gateways hold listeners; each listener holds the
// routes attached to it with those of their hostnames that intersect the
// listener's. Routes hold rules with normalised matches, filters and
// weighted backends whose references are already resolved (an invalid
// backend keeps its place and weight, marked with why it cannot serve).
// Plain values only: the emitter and the reference matcher read the same IR.

#ifndef GWC_IR_IR_H_
#define GWC_IR_IR_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/model/conflict_order.h"
#include "compiler/model/precedence.h"

namespace gwc::ir {

enum class Protocol { kHttp, kHttps, kTls, kTcp, kUdp };
enum class RouteKind { kHttpRoute, kGrpcRoute, kIngress, kVirtualService };
using gwc::PathKind;  // model/precedence.h

// An optional value kept on the heap, for the large and rarely present
// parts of a rule (redirect, rewrite, CORS): a big input holds hundreds of
// thousands of rules, and inline they tripled a rule's size. The subset of
// std::optional's interface the IR uses; copies are deep.
template <typename T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(std::nullopt_t) {}  // NOLINT: converts like std::optional
  Boxed(T value) : p_(std::make_unique<T>(std::move(value))) {}  // NOLINT
  Boxed(const std::optional<T>& value) : p_(value ? std::make_unique<T>(*value) : nullptr) {}  // NOLINT
  Boxed(const Boxed& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;

  T& emplace() {
    p_ = std::make_unique<T>();
    return *p_;
  }
  void reset() { p_.reset(); }
  bool has_value() const { return p_ != nullptr; }
  explicit operator bool() const { return p_ != nullptr; }
  T& operator*() { return *p_; }
  const T& operator*() const { return *p_; }
  T* operator->() { return p_.get(); }
  const T* operator->() const { return p_.get(); }
  bool operator==(const Boxed& o) const { return has_value() == o.has_value() && (!p_ || *p_ == *o.p_); }

 private:
  std::unique_ptr<T> p_;
};

// One header or query-parameter condition. Header names are lower-cased;
// query names are case-sensitive.
struct Condition {
  std::string name;
  bool regex = false;  // RE2 full match; else exact value
  std::string value;

  bool operator==(const Condition&) const = default;
};

struct Match {
  PathKind path_kind = PathKind::kPrefix;
  std::string path;        // prefixes without trailing '/', except "/" itself
  // Characters of the value as written (precedence); 0: a catch-all tried
  // after every other match (an Ingress default backend, Istio's 404 for
  // a host none of whose rules match).
  size_t path_chars = 1;
  std::string method;      // empty: any
  std::vector<Condition> headers;
  std::vector<Condition> query;
  bool grpc_only = false;  // a GRPCRoute match: only gRPC requests
  // kPrefix compared as a plain string ("/api" also matches "/apis"), as
  // Istio's uri.prefix is; only in first-match routes.
  bool string_prefix = false;

  bool operator==(const Match&) const = default;
};

struct HeaderEdit {
  enum Op { kSet, kAdd, kRemove } op = kSet;
  std::string name, value;

  bool operator==(const HeaderEdit&) const = default;
};

// RequestRedirect and URLRewrite paths.
struct PathModifier {
  bool replace_prefix = false;  // ReplacePrefixMatch; else ReplaceFullPath
  std::string value;
  // Non-empty (URLRewrite only): every match of this RE2 pattern in the
  // path is replaced by `value`, in which \1..\9 are the captures.
  std::string regex{};

  bool operator==(const PathModifier&) const = default;
};

struct Redirect {
  std::optional<std::string> scheme, hostname;
  std::optional<int> port;
  std::optional<PathModifier> path;
  int status = 302;
  // The request's query follows the new path (Gateway API); ingress-nginx's
  // `return` redirects (permanent-redirect, app-root) send none.
  bool keep_query = true;

  bool operator==(const Redirect&) const = default;
};

struct Rewrite {
  std::optional<std::string> hostname;
  std::optional<PathModifier> path;

  bool operator==(const Rewrite&) const = default;
};

struct Cors {
  std::vector<std::string> allow_origins;
  std::vector<std::string> allow_methods, allow_headers, expose_headers;
  bool allow_credentials = false;
  int max_age = 5;
  // Vendor variations (policy CORS): the preflight's status (0: 204), no
  // allowHeaders means "echo what was asked", no Max-Age header at all.
  int preflight_status = 0;
  bool echo_request_headers = false;
  bool send_max_age = true;
  // Kong: lists sent as written, "*" answered as "*", and an origin with
  // regex characters is a regex the whole Origin must match.
  bool vendor_lists = false;
  bool echo_wildcards = false;  // Envoy: a "*" list answers with what the preflight asked

  bool operator==(const Cors&) const = default;
};

struct Backend;

struct Mirror {
  std::vector<Backend> target;  // exactly one element (a vector breaks the cycle)
  uint32_t numerator = 100, denominator = 100;

  bool operator==(const Mirror&) const;  // defined after Backend
};

struct Filters {
  std::vector<HeaderEdit> request_headers, response_headers;
  Boxed<Redirect> redirect;
  Boxed<Rewrite> rewrite;
  std::vector<Mirror> mirrors;
  Boxed<Cors> cors;
  int fail_status = 0;  // non-zero: an unresolvable filter answers with this status

  bool operator==(const Filters&) const = default;
};

enum class BackendProblem {
  kNone,
  kNotFound,
  kRefNotPermitted,
  kInvalidKind,
  kUnsupportedProtocol,
  kBackendTlsInvalid,  // its BackendTLSPolicy has no valid CA: connections fail (5xx)
};

struct Backend {
  std::string group, kind, ns, name;
  int port = 0;
  uint32_t weight = 1;
  BackendProblem problem = BackendProblem::kNone;
  std::string tls_hostname;  // BackendTLSPolicy hostname (SNI); empty: plain
  Filters filters;

  bool operator==(const Backend&) const = default;
};

// Written out: clang 14 recurses without end defaulting it through the
// Mirror -> Backend -> Filters -> Mirror cycle.
inline bool Mirror::operator==(const Mirror& o) const {
  return target == o.target && numerator == o.numerator && denominator == o.denominator;
}

// Policies a rule carries from its source. The first group is recorded
// from Ingress annotations for migration only (nginx's leaky buckets and
// its defaults are not modelled, so the runtime does not enforce them);
// everything after `enforced` is compiled into the rule's policy program
// (docs/bytecode.md) and enforced by the runtime.
struct RateLimit {
  uint32_t requests = 0;
  enum Unit { kSecond, kMinute } unit = kSecond;  // per client address

  bool operator==(const RateLimit&) const = default;
};

// A consumer (Kong KongConsumer, an Envoy Gateway client id or user):
// who a credential names. Program::consumers holds them.
struct Consumer {
  std::string name, custom_id;
  std::vector<std::string> groups;  // ACL groups

  bool operator==(const Consumer&) const = default;
};

// A credential as the artifact stores it: a SHA-256 digest (of the key; of
// "user:" + SHA-1(password) for Basic), never the secret.
struct Credential {
  std::string digest;  // 32 bytes
  uint32_t consumer = 0;

  bool operator==(const Credential&) const = default;
};

struct Authentication {
  enum Kind { kKey, kBasic } kind = kKey;
  std::vector<std::string> header_names, query_names;  // where a key may be; Basic: headers tried in order
  std::vector<Credential> credentials;
  bool hide_credentials = false;
  bool consumer_headers = false;  // X-Consumer-Username, ... (Kong)
  bool skip_options = false;      // OPTIONS requests pass (Kong run_on_preflight: false)
  std::string realm;              // WWW-Authenticate realm; empty: none
  std::string forward_header;     // the consumer's name to the backend
  std::optional<uint32_t> anonymous;
  int status = 401;

  bool operator==(const Authentication&) const = default;
};

struct Limit {
  uint64_t requests = 0;
  uint32_t window_s = 1;
  enum Key { kIp = 1, kConsumer, kCredential, kHeader, kPath, kShared } key = kIp;
  std::string key_name;  // kHeader's header; with `match`, the selector's header
  std::string match;     // only requests whose key_name header equals it
  std::vector<std::string> cidrs;  // only clients in these; empty: all
  bool fallback_ip = false;        // no consumer/header: count by address (Kong)
  enum Headers { kNoHeaders, kKongHeaders, kDraftHeaders } headers = kNoHeaders;
  int status = 429;

  bool operator==(const Limit&) const = default;
};

// Windows checked together (a Kong plugin's second/minute/...); with
// `consumer`, only for that consumer, ahead of the general ones.
struct RateLimitPolicy {
  std::vector<Limit> windows;
  std::optional<uint32_t> consumer;

  bool operator==(const RateLimitPolicy&) const = default;
};

struct Acl {
  std::vector<std::string> allow, deny;  // consumer groups
  bool hide_groups_header = false;       // no X-Consumer-Groups to the backend

  bool operator==(const Acl&) const = default;
};

// A key a JWT may be signed with. `material` is the HMAC secret itself
// (it cannot be stored as a digest) or a DER SubjectPublicKeyInfo; it is
// written only into the artifact's KeyMaterial section.
struct JwtKey {
  enum Alg { kHs256 = 1, kHs384, kHs512, kRs256, kRs384, kRs512, kEs256, kEs384, kRemoteJwks } alg = kHs256;
  std::string material;               // kRemoteJwks: the URL of the key set
  std::string kid;                    // kid, or the key claim's value (Kong); empty: any
  std::optional<uint32_t> consumer;   // its owner (Kong credentials)

  bool operator==(const JwtKey&) const = default;
};

// The algorithm a JWS "alg" names ("RS256", ...); nullopt for others ("none").
std::optional<JwtKey::Alg> JwtAlgNamed(std::string_view name);

struct JwtProvider {
  std::vector<std::string> header_names, query_names;  // "Bearer " stripped from header values
  std::vector<JwtKey> keys;
  std::string issuer;                   // empty: any
  std::vector<std::string> audiences;   // empty: any
  std::vector<std::pair<std::string, std::string>> claim_headers;  // claim ("a.b"), header
  std::string key_claim;                // non-empty: this claim names the key (Kong "iss")
  bool verify_exp = true, verify_nbf = true, require_exp = false, exp_inclusive = false;
  bool subject_consumer = false;        // sub names the consumer (Envoy Gateway)
  bool consumer_headers = false;        // X-Consumer-Username (Kong)
  bool skip_options = false;
  uint32_t max_lifetime_s = 0, clock_skew_s = 0;
  std::optional<uint32_t> anonymous;
  int status = 401;

  bool operator==(const JwtProvider&) const = default;
};

// Ordered authorization (Envoy Gateway): the first rule that matches
// decides; none matching, the default.
struct AuthzRule {
  bool allow = true;
  std::vector<std::string> cidrs;    // empty: any client
  std::vector<std::string> methods;  // empty: any method

  bool operator==(const AuthzRule&) const = default;
};

struct Authorization {
  std::vector<AuthzRule> rules;
  bool default_allow = false;

  bool operator==(const Authorization&) const = default;
};

// A request/response transformer verb on a header or query parameter.
struct TransformEdit {
  enum Where { kRequestHeader, kQuery, kResponseHeader } where = kRequestHeader;
  enum Verb { kSet, kAdd, kRemove, kReplace, kAddIfAbsent, kRename } verb = kSet;
  std::string a, b;  // name and value; kRename: from and to

  bool operator==(const TransformEdit&) const = default;
};

struct Policies {
  std::optional<RateLimit> rate_limit;
  std::vector<std::string> allow_cidrs, deny_cidrs;  // client addresses
  std::optional<uint64_t> max_request_bytes;

  // enforced:
  std::vector<std::string> ip_allow, ip_deny;
  int ip_status = 403;
  Boxed<Cors> cors;
  std::vector<Authentication> authentication;
  std::vector<JwtProvider> jwt;  // each must pass, or (jwt_any) any one
  bool jwt_any = false;          // the providers are alternatives (Envoy Gateway)
  bool jwt_optional = false;     // a request without any token passes
  Boxed<Acl> acl;
  Boxed<Authorization> authorization;
  std::vector<RateLimitPolicy> rate_limits;
  std::optional<uint64_t> body_limit;
  bool body_needs_length = false;
  std::vector<TransformEdit> edits;

  bool empty() const { return !rate_limit && allow_cidrs.empty() && deny_cidrs.empty() && !max_request_bytes; }
  bool enforced() const {
    return !ip_allow.empty() || !ip_deny.empty() || cors || !authentication.empty() || !jwt.empty() || acl ||
           authorization ||
           !rate_limits.empty() ||
           body_limit || !edits.empty();
  }
  bool operator==(const Policies&) const = default;
};

struct Rule {
  uint32_t index = 0;  // position in the route's rules
  std::string name;    // rules[].name, may be empty
  std::vector<Match> matches;
  Filters filters;
  std::vector<Backend> backends;
  std::optional<uint32_t> request_timeout_ms, backend_timeout_ms;
  Policies policies{};

  bool operator==(const Rule&) const = default;
};

struct Route {
  RouteKind kind = RouteKind::kHttpRoute;
  std::string ns, name;
  std::optional<Instant> created;  // metadata.creationTimestamp; nullopt: unknown
  std::vector<Rule> rules;
  // Rules, and the matches of a rule, are tried in order and the first
  // that accepts the request wins (Istio VirtualService), instead of
  // Gateway API precedence. RankFirstMatchRoutes (first_match.h) turns
  // such routes into ranked regex matches before the table is built.
  bool first_match = false;
};

// A route attached to a listener, with the hostnames it is programmed for:
// the route's hostnames that intersect the listener's, as written (their
// specificity is the route's precedence); empty = any host the listener
// accepts.
struct Attachment {
  uint32_t route = 0;  // index into Program::routes
  std::vector<std::string> hostnames;
};

struct Listener {
  std::string name;
  std::string hostname;  // empty: any
  int port = 0;
  Protocol protocol = Protocol::kHttp;
  std::vector<Attachment> routes;
  // Ingress semantics: a route hostname "*.x" matches exactly one label
  // before ".x" (Gateway API wildcards match one or more).
  bool single_label_wildcards = false;
  // TLS certificates of an HTTPS listener as "ns/name" Secrets (filled by
  // the Ingress lowering, which migration reads; empty when not known).
  std::vector<std::string> certificates{};
  // An HTTPS listener the controller serves with its own default
  // certificate (no Ingress tls entry names the host): nothing to migrate.
  bool default_certificate = false;
};

struct Gateway {
  std::string ns, name;
  std::vector<Listener> listeners;  // the Gateway's own, then attached ListenerSets'
  // For a migration, the GatewayClass of the Gateway written for this one,
  // which keeps its namespace and name (an Istio Gateway); empty: the
  // migration names it (one per IngressClass).
  std::string migrate_class{};
};

struct Program {
  std::vector<Gateway> gateways;
  std::vector<Route> routes;
  std::vector<Consumer> consumers;  // named by credentials and consumer-scoped policies
};

// Route-level precedence tie-breakers (SEMANTICS.md (a) 6): true when `a`
// wins over `b` (older creationTimestamp, then "ns/name").
bool RouteBefore(const Route& a, const Route& b);

}  // namespace gwc::ir

#endif  // GWC_IR_IR_H_
