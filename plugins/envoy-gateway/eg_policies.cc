// Copyright 2026 The gwc Authors.

#include "plugins/envoy-gateway/eg_policies.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "compiler/check/report.h"
#include "compiler/model/gateway_api.h"
#include "compiler/model/scalar.h"
#include "compiler/model/secret.h"
#include "gwrt/jwks.h"

namespace gwc {

namespace {

constexpr std::string_view kEgGroup = "gateway.envoyproxy.io";

std::vector<std::string> Strings(const Node* seq) {
  std::vector<std::string> out;
  for (uint32_t i = 0; seq && seq->IsSeq() && i < seq->size; ++i) {
    if (seq->values[i]->IsScalar()) out.emplace_back(seq->values[i]->text);
  }
  return out;
}

// How specific a target is: a rule beats a route beats a Gateway.
enum Scope { kGatewayScope = 0, kRouteScope = 1, kRuleScope = 2 };

struct Chosen {
  const Object* policy = nullptr;
  Scope scope = kGatewayScope;
};

// Older first, then ns/name: Envoy Gateway keeps the oldest of conflicting policies.
bool Older(const Object& a, const Object& b) {
  std::string_view ta = a.metadata ? a.metadata->Str("creationTimestamp") : "";
  std::string_view tb = b.metadata ? b.metadata->Str("creationTimestamp") : "";
  return std::tie(ta, a.ns, a.name) < std::tie(tb, b.ns, b.name);
}

void Offer(Chosen* c, const Object* policy, Scope scope) {
  if (!c->policy || scope > c->scope || (scope == c->scope && Older(*policy, *c->policy))) *c = {policy, scope};
}

std::vector<const Node*> TargetRefs(const Object& policy) {
  std::vector<const Node*> out;
  const Node* spec = policy.root->Get("spec");
  if (!spec) return out;
  if (const Node* one = spec->Get("targetRef"); one && one->IsMap()) out.push_back(one);
  const Node* many = spec->Get("targetRefs");
  for (uint32_t i = 0; many && many->IsSeq() && i < many->size; ++i) out.push_back(many->values[i]);
  return out;
}

class Attacher {
 public:
  Attacher(const Index& index, ir::Program* program, std::vector<std::string>* warnings)
      : index_(index), program_(*program), warnings_(*warnings) {
    for (uint32_t i = 0; i < program_.consumers.size(); ++i) consumer_ids_.emplace(program_.consumers[i].name, i);
  }

  void Run() {
    // (route index, rule index) -> the chosen policy of each kind.
    std::map<std::pair<size_t, size_t>, Chosen> security, traffic;
    Collect("SecurityPolicy", &security);
    Collect("BackendTrafficPolicy", &traffic);
    for (const auto& [at, chosen] : security) Security(*chosen.policy, &Rule(at).policies);
    for (const auto& [at, chosen] : traffic) Traffic(*chosen.policy, &Rule(at).policies);
  }

 private:
  ir::Rule& Rule(std::pair<size_t, size_t> at) { return program_.routes[at.first].rules[at.second]; }

  void Collect(std::string_view kind, std::map<std::pair<size_t, size_t>, Chosen>* chosen) {
    for (const Object* policy : index_.OfKind(kEgGroup, kind)) {
      for (const Node* ref : TargetRefs(*policy)) {
        std::string_view group = ref->Str("group", kGatewayApiGroup), target = ref->Str("kind");
        std::string_view name = ref->Str("name"), section = ref->Str("sectionName");
        if (group != kGatewayApiGroup) continue;
        for (size_t r = 0; r < program_.routes.size(); ++r) {
          const ir::Route& route = program_.routes[r];
          bool route_kind = (target == "HTTPRoute" && route.kind == ir::RouteKind::kHttpRoute) ||
                            (target == "GRPCRoute" && route.kind == ir::RouteKind::kGrpcRoute);
          bool by_route = route_kind && route.ns == policy->ns && route.name == name;
          bool by_gateway = target == "Gateway" && OnGateway(r, policy->ns, name);
          if (!by_route && !by_gateway) continue;
          for (size_t i = 0; i < route.rules.size(); ++i) {
            if (by_route && !section.empty() && route.rules[i].name != section) continue;
            Scope scope = by_gateway ? kGatewayScope : section.empty() ? kRouteScope : kRuleScope;
            Offer(&(*chosen)[{r, i}], policy, scope);
          }
        }
      }
    }
  }

  // Whether route `r` is attached to a listener of Gateway ns/name.
  bool OnGateway(size_t r, std::string_view ns, std::string_view name) const {
    for (const ir::Gateway& g : program_.gateways) {
      if (g.ns != ns || g.name != name) continue;
      for (const ir::Listener& l : g.listeners) {
        for (const ir::Attachment& a : l.routes) {
          if (a.route == r) return true;
        }
      }
    }
    return false;
  }

  uint32_t ConsumerNamed(const std::string& name) {
    auto [it, added] = consumer_ids_.emplace(name, static_cast<uint32_t>(program_.consumers.size()));
    if (added) program_.consumers.push_back({name, "", {}});
    return it->second;
  }

  void Warn(const Object& policy, const std::string& what) { warnings_.push_back(policy.Display() + ": " + what); }

  void Security(const Object& policy, ir::Policies* p) {
    const Node* spec = policy.root->Get("spec");
    if (!spec) return;
    if (const Node* n = spec->Get("apiKeyAuth")) ApiKeyAuth(policy, *n, p);
    if (const Node* n = spec->Get("basicAuth")) BasicAuth(policy, *n, p);
    if (const Node* n = spec->Get("cors")) Cors(*n, p);
    if (const Node* n = spec->Get("authorization")) Authorization(*n, p);
    if (const Node* n = spec->Get("jwt")) Jwt(policy, *n, p);
    for (const char* other : {"extAuth", "oidc"}) {
      if (spec->Get(other)) Warn(policy, std::string(other) + " is not enforced by gwc yet");
    }
  }

  void ApiKeyAuth(const Object& policy, const Node& n, ir::Policies* p) {
    ir::Authentication a;
    a.kind = ir::Authentication::kKey;
    const Node* from = n.Get("extractFrom");
    for (uint32_t i = 0; from && from->IsSeq() && i < from->size; ++i) {
      for (const std::string& h : Strings(from->values[i]->Get("headers"))) a.header_names.push_back(h);
      for (const std::string& q : Strings(from->values[i]->Get("params"))) a.query_names.push_back(q);
      if (from->values[i]->Get("cookies")) Warn(policy, "apiKeyAuth keys in cookies are not read by gwc");
    }
    std::map<std::string, bool> seen;  // client id -> taken (the first Secret wins)
    const Node* refs = n.Get("credentialRefs");
    for (uint32_t i = 0; refs && refs->IsSeq() && i < refs->size; ++i) {
      const Object* secret = index_.Find("", "Secret", refs->values[i]->Str("namespace", policy.ns),
                                         refs->values[i]->Str("name"));
      const Node* data = secret ? secret->root->Get("stringData") : nullptr;
      if (!data) data = secret ? secret->root->Get("data") : nullptr;
      for (uint32_t k = 0; data && data->IsMap() && k < data->size; ++k) {
        std::string id(data->keys[k].text);
        std::optional<std::string> key = SecretValue(*secret, id);
        if (!key || !seen.emplace(id, true).second) continue;
        a.credentials.push_back({KeyDigest(*key), ConsumerNamed(id)});
      }
    }
    a.hide_credentials = ScalarBool(n.Get("sanitize") ? *n.Get("sanitize") : Node{}).value_or(false);
    a.forward_header = std::string(n.Str("forwardClientIDHeader"));
    p->authentication.push_back(std::move(a));
  }

  void BasicAuth(const Object& policy, const Node& n, ir::Policies* p) {
    ir::Authentication a;
    a.kind = ir::Authentication::kBasic;
    a.header_names = {"authorization"};
    const Node* users = n.Get("users");
    const Object* secret = users ? index_.Find("", "Secret", users->Str("namespace", policy.ns), users->Str("name")) : nullptr;
    std::optional<std::string> htpasswd = secret ? SecretValue(*secret, ".htpasswd") : std::nullopt;
    for (std::string_view rest = htpasswd ? std::string_view(*htpasswd) : ""; !rest.empty();) {
      std::string_view line = rest.substr(0, rest.find('\n'));
      rest.remove_prefix(std::min(rest.size(), line.size() + 1));
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view hash = line.substr(colon + 1);
      while (!hash.empty() && (hash.back() == '\r' || hash.back() == ' ')) hash.remove_suffix(1);
      std::optional<std::string> sha1 = hash.starts_with("{SHA}") ? Base64Decode(hash.substr(5)) : std::nullopt;
      if (!sha1 || sha1->size() != 20) {
        Warn(policy, "basicAuth user " + std::string(line.substr(0, colon)) + " has no {SHA} hash; Envoy Gateway accepts only those");
        continue;
      }
      std::string user(line.substr(0, colon));
      a.credentials.push_back({BasicDigest(user, *sha1), ConsumerNamed(user)});
    }
    a.forward_header = std::string(n.Str("forwardUsernameHeader"));
    p->authentication.push_back(std::move(a));
  }

  // Every provider, as alternatives: Envoy accepts a token any of them
  // verifies. `optional` lets requests without a token through (one that
  // fails still fails). Envoy's jwt_authn defaults: Authorization: Bearer
  // and the access_token parameter, 60 s of clock skew.
  void Jwt(const Object& policy, const Node& n, ir::Policies* p) {
    const Node* providers = n.Get("providers");
    for (uint32_t i = 0; providers && providers->IsSeq() && i < providers->size; ++i) {
      p->jwt.push_back(Provider(policy, *providers->values[i]));
    }
    p->jwt_any = true;
    p->jwt_optional = n.Get("optional") && ScalarBool(*n.Get("optional")).value_or(false);
  }

  ir::JwtProvider Provider(const Object& policy, const Node& pr) {
    ir::JwtProvider j;
    j.issuer = std::string(pr.Str("issuer"));
    j.audiences = Strings(pr.Get("audiences"));
    j.subject_consumer = true;
    j.clock_skew_s = 60;
    const Node* claims = pr.Get("claimToHeaders");
    for (uint32_t i = 0; claims && claims->IsSeq() && i < claims->size; ++i) {
      j.claim_headers.emplace_back(std::string(claims->values[i]->Str("claim")), std::string(claims->values[i]->Str("header")));
    }
    if (const Node* from = pr.Get("extractFrom")) {
      const Node* headers = from->Get("headers");
      for (uint32_t i = 0; headers && headers->IsSeq() && i < headers->size; ++i) {
        j.header_names.emplace_back(headers->values[i]->Str("name"));
      }
      j.query_names = Strings(from->Get("params"));
    } else {
      j.header_names = {"authorization"};
      j.query_names = {"access_token"};
    }
    j.keys = ProviderKeys(policy, pr);
    return j;
  }

  // A provider's keys: an inline JWKS, one in a ConfigMap (its "jwks"
  // value, else its first), or a remote JWKS endpoint, which stays a URL
  // that gwrt maps to a document (`--jwks URL=FILE`).
  std::vector<ir::JwtKey> ProviderKeys(const Object& policy, const Node& pr) {
    std::vector<ir::JwtKey> keys;
    if (const Node* remote = pr.Get("remoteJWKS")) {
      if (std::string uri(remote->Str("uri")); !uri.empty()) keys.push_back({ir::JwtKey::kRemoteJwks, uri, "", {}});
      return keys;
    }
    const Node* local = pr.Get("localJWKS");
    std::string_view text = local ? local->Str("inline") : "";
    if (const Node* ref = local ? local->Get("valueRef") : nullptr) {
      std::string_view name = ref->Str("name");
      const Object* map = ref->Str("kind") == "ConfigMap" ? index_.Find("", "ConfigMap", policy.ns, name) : nullptr;
      const Node* data = map ? map->root->Get("data") : nullptr;
      if (data && data->IsMap() && data->size > 0) text = data->Get("jwks") ? data->Str("jwks") : data->values[0]->text;
      if (text.empty()) {
        Warn(policy, "jwt localJWKS.valueRef: no ConfigMap " + std::string(policy.ns) + "/" + std::string(name) +
                         " with a JWKS among the inputs; every token is refused");
      }
    }
    std::vector<std::string> problems;
    std::optional<std::vector<gwrt::JwkKey>> jwks = gwrt::ReadJwks(text, &problems);
    if (!jwks && !text.empty()) Warn(policy, "jwt localJWKS is not a JWKS document; every token is refused");
    for (const std::string& problem : problems) Warn(policy, problem);
    for (const gwrt::JwkKey& k : jwks.value_or(std::vector<gwrt::JwkKey>{})) {
      if (std::optional<ir::JwtKey::Alg> alg = ir::JwtAlgNamed(k.alg)) keys.push_back({*alg, k.material, k.kid, {}});
    }
    return keys;
  }

  void Cors(const Node& n, ir::Policies* p) {
    ir::Cors& c = p->cors.emplace();
    c.allow_origins = Strings(n.Get("allowOrigins"));
    c.allow_methods = Strings(n.Get("allowMethods"));
    c.allow_headers = Strings(n.Get("allowHeaders"));
    c.expose_headers = Strings(n.Get("exposeHeaders"));
    c.allow_credentials = n.Get("allowCredentials") && ScalarBool(*n.Get("allowCredentials")).value_or(false);
    std::optional<int64_t> ms = n.Get("maxAge") ? ParseGepDuration(n.Str("maxAge")) : std::nullopt;
    c.max_age = ms ? static_cast<int>(*ms / 1000) : 86400;  // Envoy Gateway's default: a day
    c.preflight_status = 200;
    c.echo_wildcards = true;
  }

  void Authorization(const Node& n, ir::Policies* p) {
    ir::Authorization& a = p->authorization.emplace();
    a.default_allow = n.Str("defaultAction", "Deny") == "Allow";
    const Node* rules = n.Get("rules");
    for (uint32_t i = 0; rules && rules->IsSeq() && i < rules->size; ++i) {
      const Node* r = rules->values[i];
      ir::AuthzRule rule;
      rule.allow = r->Str("action") == "Allow";
      const Node* principal = r->Get("principal");
      rule.cidrs = Strings(principal ? principal->Get("clientCIDRs") : nullptr);
      const Node* operation = r->Get("operation");
      rule.methods = Strings(operation ? operation->Get("methods") : nullptr);
      a.rules.push_back(std::move(rule));
    }
  }

  void Traffic(const Object& policy, ir::Policies* p) {
    const Node* spec = policy.root->Get("spec");
    if (!spec) return;
    if (const Node* buffer = spec->Get("requestBuffer")) {
      if (std::optional<int64_t> limit = ParseQuantity(buffer->Str("limit"))) p->body_limit = static_cast<uint64_t>(*limit);
    }
    const Node* rate = spec->Get("rateLimit");
    if (!rate) return;
    const Node* local = rate->Get("local");
    if (!local) {
      Warn(policy, "rateLimit.global needs Envoy Gateway's rate-limit service; not enforced by gwc");
      return;
    }
    ir::RateLimitPolicy rl;
    const Node* rules = local->Get("rules");
    for (uint32_t i = 0; rules && rules->IsSeq() && i < rules->size; ++i) {
      if (std::optional<ir::Limit> l = LocalRule(policy, *rules->values[i])) rl.windows.push_back(std::move(*l));
    }
    if (!rl.windows.empty()) p->rate_limits.push_back(std::move(rl));
  }

  std::optional<ir::Limit> LocalRule(const Object& policy, const Node& r) {
    static constexpr std::pair<std::string_view, uint32_t> kUnits[] = {
        {"Second", 1}, {"Minute", 60}, {"Hour", 3600}, {"Day", 86400}, {"Week", 604800}, {"Month", 2592000}, {"Year", 31536000}};
    const Node* limit = r.Get("limit");
    std::optional<int64_t> requests = limit && limit->Get("requests") ? ScalarInt(*limit->Get("requests")) : std::nullopt;
    std::string_view unit = limit ? limit->Str("unit") : "";
    auto u = std::find_if(std::begin(kUnits), std::end(kUnits), [&](const auto& x) { return x.first == unit; });
    if (!requests || *requests < 0 || u == std::end(kUnits)) return std::nullopt;
    ir::Limit l;
    l.requests = static_cast<uint64_t>(*requests);
    l.window_s = u->second;
    l.key = ir::Limit::kShared;
    l.headers = ir::Limit::kDraftHeaders;
    const Node* selectors = r.Get("clientSelectors");
    for (uint32_t i = 0; selectors && selectors->IsSeq() && i < selectors->size; ++i) {
      const Node* s = selectors->values[i];
      const Node* headers = s->Get("headers");
      for (uint32_t h = 0; headers && headers->IsSeq() && h < headers->size; ++h) {
        const Node* hn = headers->values[h];
        l.key_name = std::string(hn->Str("name"));
        std::string_view type = hn->Str("type", "Exact");
        if (type == "Distinct") l.key = ir::Limit::kHeader;
        else if (type == "Exact") l.match = std::string(hn->Str("value"));
        else Warn(policy, "rate limit header selector of type " + std::string(type) + " is not enforced by gwc");
      }
      if (const Node* cidr = s->Get("sourceCIDR")) {
        l.cidrs = {std::string(cidr->Str("value"))};
        if (cidr->Str("type", "Exact") == "Distinct") l.key = ir::Limit::kIp;
      }
    }
    return l;
  }

  const Index& index_;
  ir::Program& program_;
  std::vector<std::string>& warnings_;
  std::map<std::string, uint32_t, std::less<>> consumer_ids_;
};

}  // namespace

void EnvoyGatewayPolicies::Attach(const Index& index, ir::Program* program, std::vector<std::string>* warnings) const {
  if (index.OfKind(kEgGroup, "SecurityPolicy").empty() && index.OfKind(kEgGroup, "BackendTrafficPolicy").empty()) return;
  Attacher(index, program, warnings).Run();
}

bool EnvoyGatewayPolicies::Concerns(const Object& object) const { return object.group == kEgGroup; }

namespace {

void CheckSecurity(const Index& index, const Object& policy, const Node& spec, DiagnosticSink* diags) {
  if (const Node* cors = spec.Get("cors")) {
    const Node* credentials = cors->Get("allowCredentials");
    std::vector<std::string> origins = Strings(cors->Get("allowOrigins"));
    if (credentials && ScalarBool(*credentials).value_or(false) &&
        std::find(origins.begin(), origins.end(), "*") != origins.end()) {
      Report(diags, DiagCode::kCorsWildcardCredentials, policy, credentials, "allowCredentials with allowOrigins \"*\"");
    }
  }
  const Node* jwt = spec.Get("jwt");
  const Node* providers = jwt ? jwt->Get("providers") : nullptr;
  for (uint32_t i = 0; providers && providers->IsSeq() && i < providers->size; ++i) {
    const Node* audiences = providers->values[i]->Get("audiences");
    if (!audiences || !audiences->IsSeq() || audiences->size == 0) {
      Report(diags, DiagCode::kJwtWithoutAudience, policy, providers->values[i],
             "provider '" + std::string(providers->values[i]->Str("name")) + "' has no audiences");
    }
  }
  auto secret = [&](const Node* ref) -> const Object* {
    const Object* s = index.Find("", "Secret", ref->Str("namespace", policy.ns), ref->Str("name"));
    if (!s) {
      Report(diags, DiagCode::kPolicyPluginMissing, policy, ref,
             "Secret " + std::string(ref->Str("namespace", policy.ns)) + "/" + std::string(ref->Str("name")) +
                 " is not in the input");
    }
    return s;
  };
  if (const Node* api = spec.Get("apiKeyAuth")) {
    const Node* refs = api->Get("credentialRefs");
    bool any = false, missing = false;
    for (uint32_t i = 0; refs && refs->IsSeq() && i < refs->size; ++i) {
      const Object* s = secret(refs->values[i]);
      missing |= !s;
      const Node* data = s ? s->root->Get("stringData") : nullptr;
      const Node* raw = s ? s->root->Get("data") : nullptr;
      any |= (data && data->IsMap() && data->size) || (raw && raw->IsMap() && raw->size);
    }
    if (!any && !missing) Report(diags, DiagCode::kKeyAuthWithoutConsumers, policy, api, "no credentialRefs Secret holds a key");
  }
  if (const Node* basic = spec.Get("basicAuth")) {
    const Node* users = basic->Get("users");
    const Object* s = users ? secret(users) : nullptr;
    std::optional<std::string> htpasswd = s ? SecretValue(*s, ".htpasswd") : std::nullopt;
    if (s && (!htpasswd || htpasswd->find(":{SHA}") == std::string::npos)) {
      Report(diags, DiagCode::kKeyAuthWithoutConsumers, policy, users, "the .htpasswd Secret holds no {SHA} user");
    }
  }
}

}  // namespace

void EnvoyGatewayPolicies::Check(const Index& index, DiagnosticSink* diags) const {
  for (const char* kind : {"SecurityPolicy", "BackendTrafficPolicy"}) {
    std::map<std::string, const Object*> by_target;  // group/kind/ns/name/section -> the policy that wins
    std::vector<const Object*> policies = index.OfKind(kEgGroup, kind);
    std::sort(policies.begin(), policies.end(), [](const Object* a, const Object* b) { return Older(*a, *b); });
    for (const Object* policy : policies) {
      for (const Node* ref : TargetRefs(*policy)) {
        std::string_view group = ref->Str("group", kGatewayApiGroup), target = ref->Str("kind"), name = ref->Str("name");
        if (group != kGatewayApiGroup || name.empty()) continue;
        Resolution r = index.Resolve(group, target, policy->ns, name);
        if (r == Resolution::kMissing || r == Resolution::kNotInInput) {
          Report(diags, DiagCode::kPolicyPluginMissing, *policy, ref,
                 std::string(target) + " " + std::string(policy->ns) + "/" + std::string(name) + " is not in the input");
          continue;
        }
        if (r != Resolution::kFound) continue;
        std::string key = std::string(target) + "/" + std::string(name) + "/" + std::string(ref->Str("sectionName"));
        auto [it, first] = by_target.emplace(key, policy);
        if (!first) {
          Report(diags, DiagCode::kPolicyConflict, *policy, ref,
                 std::string(kind) + " " + std::string(it->second->name) + " already targets " + std::string(target) +
                     " " + std::string(name) + " and is older; this one is ignored there");
        }
      }
      const Node* spec = policy->root->Get("spec");
      if (spec && std::string_view(kind) == "SecurityPolicy") CheckSecurity(index, *policy, *spec, diags);
    }
  }
}

}  // namespace gwc
