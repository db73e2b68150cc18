// Copyright 2026 The gwc Authors.

#include "plugins/kong/kong_policies.h"

#include <algorithm>
#include <map>
#include <set>
#include <optional>
#include <string>

#include "compiler/check/report.h"
#include "compiler/ir/lower_ingress.h"
#include "compiler/model/gateway_api.h"
#include "compiler/model/scalar.h"
#include "compiler/model/secret.h"
#include "gwrt/jwks.h"
#include "plugins/common/annotations.h"

namespace gwc {

namespace {

constexpr std::string_view kKongGroup = "configuration.konghq.com";
constexpr std::string_view kPluginsAnnotation = "konghq.com/plugins";
constexpr std::string_view kKongController = "ingress-controllers.konghq.com/kong";

// Plugin name -> the instance that runs (the most specific scope wins).
using PluginSet = std::map<std::string, const Object*, std::less<>>;

std::vector<std::string> Strings(const Node* seq) {
  std::vector<std::string> out;
  for (uint32_t i = 0; seq && seq->IsSeq() && i < seq->size; ++i) {
    if (seq->values[i]->IsScalar()) out.emplace_back(seq->values[i]->text);
  }
  return out;
}

std::optional<int64_t> Int(const Node* config, std::string_view key) {
  const Node* n = config ? config->Get(key) : nullptr;
  return n && n->IsScalar() && !n->IsNull() ? ScalarInt(*n) : std::nullopt;
}

bool Bool(const Node* config, std::string_view key, bool fallback) {
  const Node* n = config ? config->Get(key) : nullptr;
  std::optional<bool> b = n && n->IsScalar() ? ScalarBool(*n) : std::nullopt;
  return b.value_or(fallback);
}

// Consumers and the credentials their Secrets hold.
struct ConsumerTable {
  std::vector<ir::Credential> keys, basics;
  std::vector<ir::JwtKey> jwt;  // jwt credentials: kid is the credential's key
  std::map<std::string, uint32_t, std::less<>> by_name;      // username and custom_id
  std::map<std::string, uint32_t, std::less<>> by_object;    // "ns/name" of the KongConsumer
};

// A jwt credential: key (what the key claim must say), algorithm, and the
// HMAC secret or the PEM public key.
void AddJwtCredential(const Object& secret, uint32_t consumer, ConsumerTable* table) {
  std::optional<std::string> key = SecretValue(secret, "key");
  std::optional<ir::JwtKey::Alg> alg = ir::JwtAlgNamed(SecretValue(secret, "algorithm").value_or("HS256"));
  if (!key || !alg) return;
  ir::JwtKey k;
  k.alg = *alg;
  k.kid = *key;
  k.consumer = consumer;
  if (*alg <= ir::JwtKey::kHs512) {
    k.material = SecretValue(secret, "secret").value_or("");
  } else if (auto pem = SecretValue(secret, "rsa_public_key")) {
    k.material = gwrt::PemPublicKeyDer(*pem).value_or("");
  }
  if (!k.material.empty()) table->jwt.push_back(std::move(k));
}

void AddCredential(const Object& secret, uint32_t consumer, ir::Consumer* c, ConsumerTable* table) {
  std::string_view type;
  if (const Node* labels = secret.Labels()) type = labels->Str("konghq.com/credential");
  std::optional<std::string> legacy = type.empty() ? SecretValue(secret, "kongCredType") : std::nullopt;
  if (legacy) type = *legacy;
  if (type == "key-auth") {
    if (auto key = SecretValue(secret, "key")) table->keys.push_back({KeyDigest(*key), consumer});
  } else if (type == "basic-auth") {
    auto user = SecretValue(secret, "username");
    auto password = SecretValue(secret, "password");
    if (user && password) table->basics.push_back({BasicDigest(*user, Sha1Bytes(*password)), consumer});
  } else if (type == "acl") {
    if (auto group = SecretValue(secret, "group")) c->groups.push_back(*group);
  } else if (type == "jwt") {
    AddJwtCredential(secret, consumer, table);
  }
}

ConsumerTable ReadConsumers(const Index& index, ir::Program* program) {
  ConsumerTable table;
  std::vector<const Object*> consumers = index.OfKind(kKongGroup, "KongConsumer");
  std::sort(consumers.begin(), consumers.end(), [](const Object* a, const Object* b) {
    return std::tie(a->ns, a->name) < std::tie(b->ns, b->name);
  });
  for (const Object* o : consumers) {
    ir::Consumer c;
    std::string_view username = o->root->Str("username"), custom_id = o->root->Str("custom_id");
    c.name = std::string(username.empty() ? custom_id : username);
    c.custom_id = std::string(custom_id);
    uint32_t id = static_cast<uint32_t>(program->consumers.size());
    for (const std::string& secret_name : Strings(o->root->Get("credentials"))) {
      if (const Object* secret = index.Find("", "Secret", o->ns, secret_name)) AddCredential(*secret, id, &c, &table);
    }
    if (!username.empty()) table.by_name.emplace(username, id);
    if (!custom_id.empty()) table.by_name.emplace(custom_id, id);
    table.by_object.emplace(std::string(o->ns) + "/" + std::string(o->name), id);
    program->consumers.push_back(std::move(c));
  }
  return table;
}

// The plugin `name` as seen from namespace `ns`: a KongPlugin there, else
// a KongClusterPlugin.
const Object* FindPlugin(const Index& index, std::string_view ns, std::string_view name) {
  if (const Object* p = index.Find(kKongGroup, "KongPlugin", ns, name)) return p;
  for (const Object* p : index.OfKind(kKongGroup, "KongClusterPlugin")) {  // cluster-scoped: by name
    if (p->name == name) return p;
  }
  return nullptr;
}

void AddAnnotated(const Index& index, const Object& target, PluginSet* set) {
  for (const std::string& name : SplitList(target.Annotation(kPluginsAnnotation), ',')) {
    const Object* p = FindPlugin(index, target.ns, name);
    if (!p || Bool(p->root, "disabled", false)) continue;
    (*set)[std::string(p->root->Str("plugin"))] = p;
  }
}

class RuleCompiler {
 public:
  RuleCompiler(const ConsumerTable& consumers, std::vector<std::string>* warnings)
      : consumers_(consumers), warnings_(*warnings) {}

  // Adds what `plugin` enforces to `p`.
  void Add(const Object& plugin, ir::Policies* p) {
    std::string_view name = plugin.root->Str("plugin");
    const Node* config = plugin.root->Get("config");
    if (name == "key-auth") KeyAuth(config, p);
    else if (name == "basic-auth") BasicAuth(config, p);
    else if (name == "acl") Acl(config, p);
    else if (name == "ip-restriction") IpRestriction(config, p);
    else if (name == "rate-limiting") p->rate_limits.push_back(RateLimit(config));
    else if (name == "cors") Cors(config, p);
    else if (name == "request-transformer") Transform(config, ir::TransformEdit::kRequestHeader, p);
    else if (name == "response-transformer") Transform(config, ir::TransformEdit::kResponseHeader, p);
    else if (name == "request-size-limiting") SizeLimit(config, p);
    else if (name == "jwt") Jwt(config, p);
    else Warn(plugin, "plugin '" + std::string(name) + "' is not enforced by gwc");
  }

  ir::RateLimitPolicy RateLimit(const Node* config) {
    ir::RateLimitPolicy policy;
    static constexpr std::pair<std::string_view, uint32_t> kWindows[] = {
        {"second", 1}, {"minute", 60}, {"hour", 3600}, {"day", 86400}, {"month", 2592000}, {"year", 31536000}};
    std::string_view by = config ? config->Str("limit_by", "consumer") : "consumer";
    for (const auto& [unit, seconds] : kWindows) {
      std::optional<int64_t> n = Int(config, unit);
      if (!n || *n < 0) continue;
      ir::Limit l;
      l.requests = static_cast<uint64_t>(*n);
      l.window_s = seconds;
      l.key = by == "ip"           ? ir::Limit::kIp
              : by == "credential" ? ir::Limit::kCredential
              : by == "header"     ? ir::Limit::kHeader
              : by == "path"       ? ir::Limit::kPath
              : by == "service"    ? ir::Limit::kShared
                                   : ir::Limit::kConsumer;
      if (l.key == ir::Limit::kHeader) l.key_name = std::string(config->Str("header_name"));
      l.fallback_ip = true;  // Kong counts by address when the identifier is missing
      l.headers = Bool(config, "hide_client_headers", false) ? ir::Limit::kNoHeaders : ir::Limit::kKongHeaders;
      l.status = static_cast<int>(Int(config, "error_code").value_or(429));
      policy.windows.push_back(std::move(l));
    }
    return policy;
  }

 private:
  void Warn(const Object& plugin, const std::string& what) {
    warnings_.push_back(plugin.Display() + ": " + what);
  }

  std::optional<uint32_t> Anonymous(const Node* config) const {
    std::string_view a = config ? config->Str("anonymous") : "";
    auto it = consumers_.by_name.find(a);
    return a.empty() || it == consumers_.by_name.end() ? std::nullopt : std::optional<uint32_t>(it->second);
  }

  void KeyAuth(const Node* config, ir::Policies* p) {
    ir::Authentication a;
    a.kind = ir::Authentication::kKey;
    std::vector<std::string> names = Strings(config ? config->Get("key_names") : nullptr);
    if (names.empty()) names = {"apikey"};
    if (Bool(config, "key_in_header", true)) a.header_names = names;
    if (Bool(config, "key_in_query", true)) a.query_names = names;
    a.credentials = consumers_.keys;
    a.hide_credentials = Bool(config, "hide_credentials", false);
    a.consumer_headers = true;
    a.realm = std::string(config ? config->Str("realm") : "");
    a.anonymous = Anonymous(config);
    a.skip_options = !Bool(config, "run_on_preflight", true);
    p->authentication.push_back(std::move(a));
  }

  void BasicAuth(const Node* config, ir::Policies* p) {
    ir::Authentication a;
    a.kind = ir::Authentication::kBasic;
    a.header_names = {"proxy-authorization", "authorization"};  // Kong tries the proxy's first
    a.credentials = consumers_.basics;
    a.hide_credentials = Bool(config, "hide_credentials", false);
    a.consumer_headers = true;
    a.realm = std::string(config ? config->Str("realm", "service") : "service");
    a.anonymous = Anonymous(config);
    p->authentication.push_back(std::move(a));
  }

  void Jwt(const Node* config, ir::Policies* p) {
    ir::JwtProvider j;
    j.header_names = Strings(config ? config->Get("header_names") : nullptr);
    if (!config || !config->Get("header_names")) j.header_names = {"authorization"};
    j.query_names = Strings(config ? config->Get("uri_param_names") : nullptr);
    if (!config || !config->Get("uri_param_names")) j.query_names = {"jwt"};
    j.key_claim = std::string(config ? config->Str("key_claim_name", "iss") : "iss");
    std::vector<std::string> verify = Strings(config ? config->Get("claims_to_verify") : nullptr);
    j.verify_exp = std::find(verify.begin(), verify.end(), "exp") != verify.end();
    j.require_exp = j.verify_exp;
    j.exp_inclusive = true;
    j.verify_nbf = std::find(verify.begin(), verify.end(), "nbf") != verify.end();
    j.max_lifetime_s = static_cast<uint32_t>(std::max<int64_t>(Int(config, "maximum_expiration").value_or(0), 0));
    bool base64 = Bool(config, "secret_is_base64", false);
    for (ir::JwtKey k : consumers_.jwt) {
      if (base64 && k.alg <= ir::JwtKey::kHs512) k.material = Base64Decode(k.material).value_or("");
      if (!k.material.empty()) j.keys.push_back(std::move(k));
    }
    j.consumer_headers = true;
    j.skip_options = !Bool(config, "run_on_preflight", true);
    j.anonymous = Anonymous(config);
    p->jwt.push_back(std::move(j));
  }

  void Acl(const Node* config, ir::Policies* p) {
    ir::Acl& acl = p->acl ? *p->acl : p->acl.emplace();
    acl.allow = Strings(config ? config->Get("allow") : nullptr);
    acl.deny = Strings(config ? config->Get("deny") : nullptr);
    acl.hide_groups_header = Bool(config, "hide_groups_header", false);
  }

  void IpRestriction(const Node* config, ir::Policies* p) {
    p->ip_allow = Strings(config ? config->Get("allow") : nullptr);
    p->ip_deny = Strings(config ? config->Get("deny") : nullptr);
    p->ip_status = static_cast<int>(Int(config, "status").value_or(403));
  }

  void Cors(const Node* config, ir::Policies* p) {
    ir::Cors& c = p->cors.emplace();
    c.allow_origins = Strings(config ? config->Get("origins") : nullptr);
    if (c.allow_origins.empty()) c.allow_origins = {"*"};
    c.allow_methods = Strings(config ? config->Get("methods") : nullptr);
    if (c.allow_methods.empty()) c.allow_methods = {"GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"};
    c.allow_headers = Strings(config ? config->Get("headers") : nullptr);
    c.expose_headers = Strings(config ? config->Get("exposed_headers") : nullptr);
    c.allow_credentials = Bool(config, "credentials", false);
    std::optional<int64_t> max_age = Int(config, "max_age");
    c.max_age = static_cast<int>(max_age.value_or(0));
    c.send_max_age = max_age.has_value();
    c.preflight_status = 200;
    c.echo_request_headers = true;
    c.vendor_lists = true;
  }

  // Kong's order: remove, rename, replace, add, append; "name:value" items.
  void Transform(const Node* config, ir::TransformEdit::Where headers, ir::Policies* p) {
    using E = ir::TransformEdit;
    static constexpr std::pair<std::string_view, E::Verb> kVerbs[] = {
        {"remove", E::kRemove}, {"rename", E::kRename}, {"replace", E::kReplace}, {"add", E::kAddIfAbsent}, {"append", E::kAdd}};
    for (const auto& [verb_name, verb] : kVerbs) {
      const Node* section = config ? config->Get(verb_name) : nullptr;
      for (E::Where where : {headers, E::kQuery}) {
        if (where == E::kQuery && headers == E::kResponseHeader) continue;
        const char* field = where == E::kQuery ? "querystring" : "headers";
        for (const std::string& item : Strings(section ? section->Get(field) : nullptr)) {
          size_t colon = item.find(':');
          E e;
          e.where = where;
          e.verb = verb;
          e.a = item.substr(0, colon);
          if (colon != std::string::npos) e.b = item.substr(colon + 1);
          p->edits.push_back(std::move(e));
        }
      }
    }
  }

  void SizeLimit(const Node* config, ir::Policies* p) {
    int64_t size = Int(config, "allowed_payload_size").value_or(128);
    std::string_view unit = config ? config->Str("size_unit", "megabytes") : "megabytes";
    int64_t scale = unit == "bytes" ? 1 : unit == "kilobytes" ? 1024 : 1024 * 1024;
    p->body_limit = static_cast<uint64_t>(std::max<int64_t>(size, 0) * scale);
    p->body_needs_length = Bool(config, "require_content_length", false);
  }

  const ConsumerTable& consumers_;
  std::vector<std::string>& warnings_;
};

// Rule `rule`'s ExtensionRef KongPlugins in the HTTPRoute object.
void AddExtensionRefs(const Index& index, const Object& route, uint32_t rule, PluginSet* set) {
  const Node* spec = route.root->Get("spec");
  const Node* rules = spec ? spec->Get("rules") : nullptr;
  if (!rules || !rules->IsSeq() || rule >= rules->size) return;
  const Node* filters = rules->values[rule]->Get("filters");
  for (uint32_t i = 0; filters && filters->IsSeq() && i < filters->size; ++i) {
    const Node* ref = filters->values[i]->Get("extensionRef");
    if (!ref || ref->Str("group") != kKongGroup || ref->Str("kind") != "KongPlugin") continue;
    const Object* p = index.Find(kKongGroup, "KongPlugin", route.ns, ref->Str("name"));
    if (p && !Bool(p->root, "disabled", false)) (*set)[std::string(p->root->Str("plugin"))] = p;
  }
}

// The object a route was lowered from: an HTTPRoute or GRPCRoute, or an
// Ingress that Kong serves (its IngressClass's controller is Kong's).
const Object* RouteObject(const Index& index, const ir::Route& route) {
  switch (route.kind) {
    case ir::RouteKind::kHttpRoute: return index.Find(kGatewayApiGroup, "HTTPRoute", route.ns, route.name);
    case ir::RouteKind::kGrpcRoute: return index.Find(kGatewayApiGroup, "GRPCRoute", route.ns, route.name);
    case ir::RouteKind::kIngress: {
      const Object* ing = index.Find("networking.k8s.io", "Ingress", route.ns, route.name);
      if (!ing) return nullptr;
      std::string cls = IngressClassOf(index, *ing);
      std::string controller = IngressControllerOf(index, cls);
      return controller == kKongController || (controller.empty() && cls == "kong") ? ing : nullptr;
    }
    default: return nullptr;
  }
}

}  // namespace

void KongPolicies::Attach(const Index& index, ir::Program* program, std::vector<std::string>* warnings) const {
  bool any = !index.OfKind(kKongGroup, "KongPlugin").empty() || !index.OfKind(kKongGroup, "KongClusterPlugin").empty();
  if (!any) return;
  ConsumerTable consumers = ReadConsumers(index, program);
  RuleCompiler compiler(consumers, warnings);

  PluginSet global;
  for (const Object* p : index.OfKind(kKongGroup, "KongClusterPlugin")) {
    const Node* labels = p->Labels();
    if (labels && labels->Str("global") == "true" && !Bool(p->root, "disabled", false)) {
      global[std::string(p->root->Str("plugin"))] = p;
    }
  }
  // Consumer-scoped rate limits, ahead of the route's own.
  std::vector<ir::RateLimitPolicy> per_consumer;
  for (const Object* o : index.OfKind(kKongGroup, "KongConsumer")) {
    PluginSet own;
    AddAnnotated(index, *o, &own);
    auto it = own.find("rate-limiting");
    if (it == own.end()) continue;
    ir::RateLimitPolicy rl = compiler.RateLimit(it->second->root->Get("config"));
    rl.consumer = consumers.by_object.at(std::string(o->ns) + "/" + std::string(o->name));
    per_consumer.push_back(std::move(rl));
  }
  std::sort(per_consumer.begin(), per_consumer.end(),
            [](const auto& a, const auto& b) { return *a.consumer < *b.consumer; });

  for (ir::Route& route : program->routes) {
    const Object* obj = RouteObject(index, route);
    if (!obj) continue;
    for (ir::Rule& rule : route.rules) {
      PluginSet set = global;
      for (const ir::Backend& b : rule.backends) {
        if (b.kind != "Service" || !b.group.empty()) continue;
        if (const Object* svc = index.Find("", "Service", b.ns, b.name)) AddAnnotated(index, *svc, &set);
      }
      AddAnnotated(index, *obj, &set);
      AddExtensionRefs(index, *obj, rule.index, &set);
      if (set.empty()) continue;
      for (const auto& [name, plugin] : set) compiler.Add(*plugin, &rule.policies);
      if (!rule.policies.authentication.empty() && !per_consumer.empty()) {
        rule.policies.rate_limits.insert(rule.policies.rate_limits.begin(), per_consumer.begin(), per_consumer.end());
      }
    }
  }
}

bool KongPolicies::Concerns(const Object& object) const {
  return object.group == kKongGroup || !object.Annotation(kPluginsAnnotation).empty();
}

namespace {

// The credential kind each authentication plugin needs a consumer to hold.
std::string_view CredentialKindOf(std::string_view plugin) {
  return plugin == "key-auth" || plugin == "basic-auth" || plugin == "jwt" ? plugin : std::string_view();
}

std::string_view CredentialKind(const Object& secret) {
  const Node* labels = secret.Labels();
  std::string_view type = labels ? labels->Str("konghq.com/credential") : "";
  if (type.empty()) {
    const Node* data = secret.root->Get("stringData");
    type = data ? data->Str("kongCredType") : "";
  }
  return type;
}

void CheckCors(const Object& plugin, DiagnosticSink* diags) {
  const Node* config = plugin.root->Get("config");
  const Node* credentials = config ? config->Get("credentials") : nullptr;
  if (!credentials || !ScalarBool(*credentials).value_or(false)) return;
  std::vector<std::string> origins = Strings(config->Get("origins"));
  if (!origins.empty() && std::find(origins.begin(), origins.end(), "*") == origins.end()) return;
  Report(diags, DiagCode::kCorsWildcardCredentials, plugin, credentials,
         "credentials: true with " + std::string(origins.empty() ? "no origins (every origin)" : "origin \"*\""));
}

}  // namespace

void KongPolicies::Check(const Index& index, DiagnosticSink* diags) const {
  std::set<std::string, std::less<>> held;  // credential kinds some consumer holds
  for (const Object* consumer : index.OfKind(kKongGroup, "KongConsumer")) {
    const Node* creds = consumer->root->Get("credentials");
    for (uint32_t i = 0; creds && creds->IsSeq() && i < creds->size; ++i) {
      const Object* secret = index.Find("", "Secret", consumer->ns, creds->values[i]->text);
      Resolution r = index.Resolve("", "Secret", consumer->ns, creds->values[i]->text);
      if (!secret && r != Resolution::kMissing && r != Resolution::kNotInInput) continue;
      if (!secret) {
        Report(diags, DiagCode::kPolicyPluginMissing, *consumer, creds->values[i],
               "credential Secret " + std::string(consumer->ns) + "/" + std::string(creds->values[i]->text) +
                   " is not in the input");
        continue;
      }
      held.emplace(CredentialKind(*secret));
    }
  }
  std::set<const Object*> used;
  for (const Object& o : index.objects()) {
    std::string_view list = o.Annotation(kPluginsAnnotation);
    if (list.empty()) continue;
    const Node* value = o.Annotations()->Get(kPluginsAnnotation);
    std::map<std::string, std::string, std::less<>> kinds;  // plugin type -> first instance
    for (const std::string& name : SplitList(list, ',')) {
      const Object* p = FindPlugin(index, o.ns, name);
      if (!p && index.Resolve(kKongGroup, "KongPlugin", o.ns, name) == Resolution::kAmbiguous) continue;
      if (!p) {
        Report(diags, DiagCode::kPolicyPluginMissing, o, value,
               "konghq.com/plugins names '" + name + "': no KongPlugin in namespace " + std::string(o.ns) +
                   " and no KongClusterPlugin has that name");
        continue;
      }
      used.insert(p);
      auto [it, first] = kinds.emplace(std::string(p->root->Str("plugin")), name);
      if (!first) {
        Report(diags, DiagCode::kPolicyConflict, o, value,
               "plugins '" + it->second + "' and '" + name + "' are both " + it->first + "; Kong runs one of them");
      }
    }
  }
  for (const Object* p : index.OfKind(kKongGroup, "KongClusterPlugin")) {
    const Node* labels = p->Labels();
    if (labels && labels->Str("global") == "true") used.insert(p);
  }
  for (const char* kind : {"KongPlugin", "KongClusterPlugin"}) {
    for (const Object* p : index.OfKind(kKongGroup, kind)) {
      std::string_view plugin = p->root->Str("plugin");
      if (plugin == "cors") CheckCors(*p, diags);
      std::string_view needs = CredentialKindOf(plugin);
      if (!needs.empty() && used.count(p) && !held.count(needs)) {
        Report(diags, DiagCode::kKeyAuthWithoutConsumers, *p, p->root->Get("plugin"),
               std::string(plugin) + " is attached but no KongConsumer has a " + std::string(needs) + " credential");
      }
    }
  }
}

}  // namespace gwc
