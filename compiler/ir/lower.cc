// Copyright 2026 The gwc Authors.
//
// Gateway API → IR. Gateways and routes are visited in identity order so
// the IR (and the artifact built from it) does not depend on file order.

#include "compiler/ir/lower.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "compiler/base/strings.h"
#include "compiler/model/admission.h"
#include "compiler/model/backend_tls.h"
#include "compiler/model/conflict_order.h"
#include "compiler/model/gateway_api.h"
#include "compiler/model/hostname.h"
#include "compiler/model/listener_state.h"
#include "compiler/model/precedence.h"
#include "compiler/model/regex.h"
#include "compiler/model/rule_validity.h"
#include "compiler/model/scalar.h"

namespace gwc {

namespace {

std::vector<const Object*> SortedByIdentity(std::vector<const Object*> objects) {
  std::sort(objects.begin(), objects.end(), [](const Object* a, const Object* b) {
    return std::tie(a->ns, a->name, a->kind) < std::tie(b->ns, b->name, b->kind);
  });
  return objects;
}

ir::Protocol ProtocolOf(std::string_view p) {
  if (p == "HTTPS") return ir::Protocol::kHttps;
  if (p == "TLS") return ir::Protocol::kTls;
  if (p == "TCP") return ir::Protocol::kTcp;
  if (p == "UDP") return ir::Protocol::kUdp;
  return ir::Protocol::kHttp;
}

int64_t IntOr(const Node* n, std::string_view key, int64_t fallback) {
  const Node* v = n ? n->Get(key) : nullptr;
  std::optional<int64_t> i = v ? ScalarInt(*v) : std::nullopt;
  return i ? *i : fallback;
}

bool BoolOr(const Node* n, std::string_view key, bool fallback) {
  const Node* v = n ? n->Get(key) : nullptr;
  std::optional<bool> b = v ? ScalarBool(*v) : std::nullopt;
  return b ? *b : fallback;
}

std::vector<std::string> StringList(const Node* n, std::string_view key) {
  std::vector<std::string> out;
  const Node* list = n ? n->Get(key) : nullptr;
  if (!list || !list->IsSeq()) return out;
  for (uint32_t i = 0; i < list->size; ++i) out.emplace_back(list->values[i]->text);
  return out;
}

// ---- listeners ------------------------------------------------------------

// Where each (owner, listener name) went in the IR.
using ListenerSlots =
    std::map<std::pair<const Object*, std::string_view>, std::pair<uint32_t, uint32_t>>;

// Programs the HTTP and HTTPS listeners of every Gateway (its own, then
// its ListenerSets') that serve traffic (ListenerState::Serves).
void LowerGateways(const Index& index, ReferenceGrants* grants, ir::Program* program,
                   ListenerSlots* slots) {
  for (const Object* gw : SortedByIdentity(index.OfKind(kGatewayApiGroup, "Gateway"))) {
    ir::Gateway g{std::string(gw->ns), std::string(gw->name), {}};
    uint32_t gi = static_cast<uint32_t>(program->gateways.size());
    std::vector<ListenerState> states = GatewayListeners(index, *gw, grants);
    for (const ListenerState& s : states) {
      const Listener& l = s.listener;
      if (!s.Serves() || (l.protocol != "HTTP" && l.protocol != "HTTPS")) continue;
      if (l.owner != gw && !ListenerSetAccepted(states, *l.owner)) continue;
      slots->emplace(std::make_pair(l.owner, l.name),
                     std::make_pair(gi, static_cast<uint32_t>(g.listeners.size())));
      g.listeners.push_back(ir::Listener{std::string(l.name), std::string(l.hostname), l.port,
                                         ProtocolOf(l.protocol), {}});
    }
    program->gateways.push_back(std::move(g));
  }
}

// ---- backends and filters -------------------------------------------------

class RouteLowering {
 public:
  RouteLowering(const Index& index, ReferenceGrants* grants, const Object& route,
                const std::vector<const FilterExtension*>& extensions)
      : index_(index), grants_(grants), route_(route), extensions_(extensions) {}

  ir::Backend Backend(const Node* ref_node) {
    return LowerBackendRef(index_, grants_, route_, ref_node);
  }

  ir::Filters Filters(const Node* list) {
    ir::Filters f;
    if (!list || !list->IsSeq()) return f;
    for (uint32_t i = 0; i < list->size; ++i) AddFilter(*list->values[i], &f);
    return f;
  }

 private:
  static void HeaderEdits(const Node* mod, std::vector<ir::HeaderEdit>* out) {
    if (!mod) return;
    // Of entries of one list with equivalent names (case-insensitive), the
    // first counts and the others are ignored (the CRD's HTTPHeader.name).
    for (auto [key, op] : {std::pair{"set", ir::HeaderEdit::kSet}, {"add", ir::HeaderEdit::kAdd}}) {
      const Node* list = mod->Get(key);
      if (!list || !list->IsSeq()) continue;
      std::set<std::string> names;
      for (uint32_t i = 0; i < list->size; ++i) {
        const Node* h = list->values[i];
        if (!names.insert(AsciiLower(h->Str("name"))).second) continue;
        out->push_back({op, std::string(h->Str("name")), std::string(h->Str("value"))});
      }
    }
    for (std::string& name : StringList(mod, "remove")) {
      out->push_back({ir::HeaderEdit::kRemove, std::move(name), {}});
    }
  }

  static std::optional<ir::PathModifier> PathModifier(const Node* path) {
    if (!path) return std::nullopt;
    if (path->Str("type") == "ReplacePrefixMatch") {
      return ir::PathModifier{true, std::string(path->Str("replacePrefixMatch"))};
    }
    return ir::PathModifier{false, std::string(path->Str("replaceFullPath"))};
  }

  void AddFilter(const Node& filter, ir::Filters* f) {
    std::string_view type = filter.Str("type");
    if (type == "RequestHeaderModifier") {
      HeaderEdits(filter.Get("requestHeaderModifier"), &f->request_headers);
    } else if (type == "ResponseHeaderModifier") {
      HeaderEdits(filter.Get("responseHeaderModifier"), &f->response_headers);
    } else if (type == "RequestRedirect") {
      const Node* r = filter.Get("requestRedirect");
      ir::Redirect redirect;
      if (r) {
        if (const Node* v = r->Get("scheme")) redirect.scheme = std::string(v->text);
        if (const Node* v = r->Get("hostname")) redirect.hostname = std::string(v->text);
        if (r->Get("port")) redirect.port = static_cast<int>(IntOr(r, "port", 0));
        redirect.path = PathModifier(r->Get("path"));
        redirect.status = static_cast<int>(IntOr(r, "statusCode", 302));
      }
      f->redirect = redirect;
    } else if (type == "URLRewrite") {
      const Node* r = filter.Get("urlRewrite");
      ir::Rewrite rewrite;
      if (r) {
        if (const Node* v = r->Get("hostname")) rewrite.hostname = std::string(v->text);
        rewrite.path = PathModifier(r->Get("path"));
      }
      f->rewrite = rewrite;
    } else if (type == "RequestMirror") {
      AddMirror(filter.Get("requestMirror"), f);
    } else if (type == "CORS") {
      const Node* c = filter.Get("cors");
      ir::Cors cors;
      cors.allow_origins = StringList(c, "allowOrigins");
      cors.allow_methods = StringList(c, "allowMethods");
      cors.allow_headers = StringList(c, "allowHeaders");
      cors.expose_headers = StringList(c, "exposeHeaders");
      cors.allow_credentials = BoolOr(c, "allowCredentials", false);
      cors.max_age = static_cast<int>(IntOr(c, "maxAge", 5));
      f->cors = cors;
    } else if (type != "ExtensionRef" || !LowerExtension(filter.Get("extensionRef"), f)) {
      // ExternalAuth, and extensions no plugin models: the spec forbids
      // skipping them (fail closed).
      f->fail_status = 500;
    }
  }

  bool LowerExtension(const Node* ref, ir::Filters* f) {
    if (!ref) return false;
    for (const FilterExtension* e : extensions_) {
      if (e->group() != ref->Str("group") || e->kind() != ref->Str("kind")) continue;
      const Object* obj = index_.Find(e->group(), e->kind(), route_.ns, ref->Str("name"));
      return obj && e->Lower(*obj, f);
    }
    return false;
  }

  void AddMirror(const Node* m, ir::Filters* f) {
    if (!m || !m->Get("backendRef")) return;
    ir::Mirror mirror;
    mirror.target.push_back(Backend(m->Get("backendRef")));
    if (m->Get("percent")) {
      mirror.numerator = static_cast<uint32_t>(std::clamp<int64_t>(IntOr(m, "percent", 100), 0, 100));
    } else if (const Node* fr = m->Get("fraction")) {
      mirror.denominator = static_cast<uint32_t>(std::max<int64_t>(IntOr(fr, "denominator", 100), 1));
      mirror.numerator = static_cast<uint32_t>(
          std::clamp<int64_t>(IntOr(fr, "numerator", 0), 0, mirror.denominator));
    }
    // An unresolved mirror target is not configured (SEMANTICS.md (e)).
    if (mirror.target.front().problem == ir::BackendProblem::kNone) f->mirrors.push_back(mirror);
  }

  const Index& index_;
  ReferenceGrants* grants_;
  const Object& route_;
  const std::vector<const FilterExtension*>& extensions_;
};

// ---- matches --------------------------------------------------------------

std::vector<ir::Condition> Conditions(const std::vector<std::pair<std::string, std::string>>& in) {
  std::vector<ir::Condition> out;
  for (const auto& [name, typed] : in) {
    out.push_back({name, typed.rfind("R:", 0) == 0, typed.substr(2)});
  }
  return out;
}

ir::Match HttpMatch(const Node& node) {
  NormalizedMatch n = NormalizeMatch(node);
  ir::Match m;
  m.path_kind = n.path_kind;
  m.path = n.path;
  m.path_chars = n.path_chars;
  m.method = n.method;
  m.headers = Conditions(n.headers);
  m.query = Conditions(n.query);
  return m;
}

// A gRPC match of every call (no service, no method): the last in gRPC
// precedence, which counts service then method characters before headers
// (SEMANTICS (a)). A regex of no characters, so that it is tried after the
// method-only matches, which are regexes too (PathPrefix "/" would be tried
// before every regex).
void MatchEveryCall(ir::Match* m) {
  m->path_kind = PathKind::kRegex;
  m->path = "/.*";
  m->path_chars = 0;
}

// A gRPC method match as a path match on "/service/method".
ir::Match GrpcMatch(const Node& node) {
  NormalizedMatch n = NormalizeGrpcMatch(node);
  const Node* method = node.Get("method");
  std::string service(method ? method->Str("service") : "");
  std::string name(method ? method->Str("method") : "");
  bool regex = method && method->Str("type", "Exact") == "RegularExpression";
  ir::Match m;
  m.grpc_only = true;
  m.headers = Conditions(n.headers);
  m.path_chars = n.path_chars;
  if (regex) {
    m.path_kind = PathKind::kRegex;
    // Each part grouped: an alternation in one must not take in the other.
    m.path = "/(?:" + (service.empty() ? "[^/]+" : Re2Spelling(service)) + ")/(?:" +
             (name.empty() ? "[^/]+" : Re2Spelling(name)) + ")";
  } else if (!service.empty() && !name.empty()) {
    m.path_kind = PathKind::kExact;
    m.path = "/" + service + "/" + name;
  } else if (!service.empty()) {
    m.path_kind = PathKind::kPrefix;
    m.path = "/" + service;
  } else if (!name.empty()) {
    m.path_kind = PathKind::kRegex;
    std::string quoted;
    for (char c : name) {
      if (!isalnum(static_cast<unsigned char>(c)) && c != '_') quoted += '\\';
      quoted += c;
    }
    m.path = "/[^/]+/" + quoted;
  } else {
    MatchEveryCall(&m);
  }
  return m;
}

ir::Rule LowerRule(RouteLowering* lowering, const Object& route, const Node& rule, uint32_t index) {
  ir::Rule r;
  r.index = index;
  r.name = std::string(rule.Str("name"));
  bool grpc = route.kind == "GRPCRoute";
  if (const Node* matches = rule.Get("matches"); matches && matches->IsSeq() && matches->size) {
    for (uint32_t i = 0; i < matches->size; ++i) {
      const Node& m = *matches->values[i];
      r.matches.push_back(grpc ? GrpcMatch(m) : HttpMatch(m));
    }
  } else {
    ir::Match any;
    any.path = "/";
    any.grpc_only = grpc;
    if (grpc) MatchEveryCall(&any);
    r.matches.push_back(any);
  }
  r.filters = lowering->Filters(rule.Get("filters"));
  if (const Node* refs = rule.Get("backendRefs"); refs && refs->IsSeq()) {
    for (uint32_t i = 0; i < refs->size; ++i) {
      ir::Backend b = lowering->Backend(refs->values[i]);
      b.filters = lowering->Filters(refs->values[i]->Get("filters"));
      r.backends.push_back(std::move(b));
    }
  }
  if (const Node* t = rule.Get("timeouts")) {
    auto ms = [&](std::string_view key) -> std::optional<uint32_t> {
      const Node* v = t->Get(key);
      std::optional<int64_t> d = v ? ParseGepDuration(v->text) : std::nullopt;
      if (!d) return std::nullopt;
      return static_cast<uint32_t>(std::min<int64_t>(*d, 0xFFFFFFFEll));
    };
    r.request_timeout_ms = ms("request");
    r.backend_timeout_ms = ms("backendRequest");
  }
  return r;
}

// ---- attachment -----------------------------------------------------------

// The route hostnames programmed on listener `l`: those that intersect the
// listener's, as the route wrote them (precedence counts the route's own
// hostnames, SEMANTICS (a) 0; the listener already limits the hosts that
// reach them). Empty: any host the listener accepts.
std::vector<std::string> ProgrammedHostnames(const Listener& l, const Object& route) {
  std::vector<std::string> out;
  for (const Node* h : HostnamesOf(route)) {
    if (IntersectHostnames(l.hostname, h->text)) out.emplace_back(h->text);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void AttachRoute(const Index& index, const Object& route, uint32_t route_index,
                 const ListenerSlots& slots, ir::Program* program, bool* attached) {
  std::set<std::pair<uint32_t, uint32_t>> seen;
  for (const ObjectRef& ref : ParentRefsOf(route)) {
    if (ref.group != kGatewayApiGroup || (ref.kind != "Gateway" && ref.kind != "ListenerSet")) {
      continue;
    }
    for (const Listener& l : AttachToParent(index, route, ref).listeners) {
      auto slot = slots.find({l.owner, l.name});
      if (slot == slots.end() || !seen.insert(slot->second).second) continue;
      auto [gi, li] = slot->second;
      program->gateways[gi].listeners[li].routes.push_back(
          ir::Attachment{route_index, ProgrammedHostnames(l, route)});
      *attached = true;
    }
  }
}

// Whether a Service port can carry a route's traffic: a UDPRoute's runs
// over UDP, every other kind's over TCP, and gRPC needs HTTP/2, which a
// WebSocket port does not speak (SEMANTICS (f): an incompatible protocol
// is UnsupportedProtocol).
bool CarriesRouteTraffic(const Node& service_port, std::string_view route_kind) {
  std::string_view protocol = service_port.Str("protocol", "TCP");
  if (protocol != (route_kind == "UDPRoute" ? "UDP" : "TCP")) return false;
  std::string_view app = service_port.Str("appProtocol");
  return route_kind != "GRPCRoute" || (app != "kubernetes.io/ws" && app != "kubernetes.io/wss");
}

}  // namespace

ir::Backend LowerBackendRef(const Index& index, ReferenceGrants* grants, const Object& route,
                            const Node* ref_node) {
  ObjectRef ref = ReadRef(ref_node, "", "Service", route.ns);
  ir::Backend b;
  b.group = std::string(ref.group);
  b.kind = std::string(ref.kind);
  b.ns = std::string(ref.ns);
  b.name = std::string(ref.name);
  b.port = ref.port.value_or(0);
  b.weight = static_cast<uint32_t>(std::clamp<int64_t>(IntOr(ref_node, "weight", 1), 0, 1000000));
  if (!ref.group.empty() || ref.kind != "Service") {
    b.problem = ir::BackendProblem::kInvalidKind;
  } else if (ref.ns != route.ns &&
             !grants->Permitting(route, ref.group, ref.kind, ref.ns, ref.name)) {
    b.problem = ir::BackendProblem::kRefNotPermitted;
  } else if (index.Resolve(ref.group, ref.kind, ref.ns, ref.name) == Resolution::kMissing) {
    b.problem = ir::BackendProblem::kNotFound;
  } else if (ref.port && index.Find("", "Service", ref.ns, ref.name) &&
             !index.ServiceHasPort(ref.ns, ref.name, *ref.port)) {
    b.problem = ir::BackendProblem::kNotFound;  // no such Service port (lint GWC4013)
  } else if (const Node* sp = ref.port ? index.ServicePort(ref.ns, ref.name, *ref.port) : nullptr;
             sp && !CarriesRouteTraffic(*sp, route.kind)) {
    b.problem = ir::BackendProblem::kUnsupportedProtocol;
  } else if (const Object* policy = BackendTlsPolicyFor(index, ref.ns, ref.name, b.port)) {
    PolicyVerdict verdict = JudgeBackendTlsPolicy(index, *policy);
    const Node* spec = policy->root->Get("spec");
    const Node* validation = spec ? spec->Get("validation") : nullptr;
    b.tls_hostname = std::string(validation ? validation->Str("hostname") : "");
    if (!verdict.accepted.status && verdict.accepted.reason != "Conflicted") {
      b.problem = ir::BackendProblem::kBackendTlsInvalid;
    }
  }
  return b;
}

ir::Program LowerGatewayApi(const Index& index, const std::vector<const FilterExtension*>& extensions) {
  ir::Program program;
  ListenerSlots slots;
  ReferenceGrants grants(index);
  LowerGateways(index, &grants, &program, &slots);
  std::vector<const Object*> routes = index.OfKind(kGatewayApiGroup, "HTTPRoute");
  const std::vector<const Object*>& grpc = index.OfKind(kGatewayApiGroup, "GRPCRoute");
  routes.insert(routes.end(), grpc.begin(), grpc.end());
  for (const Object* route : SortedByIdentity(std::move(routes))) {
    if (RouteRefused(*route)) continue;  // the cluster would not store it (rule_validity.h)
    bool attached = false;
    uint32_t route_index = static_cast<uint32_t>(program.routes.size());
    AttachRoute(index, *route, route_index, slots, &program, &attached);
    if (!attached) continue;
    ir::Route r;
    r.kind = route->kind == "GRPCRoute" ? ir::RouteKind::kGrpcRoute : ir::RouteKind::kHttpRoute;
    r.ns = std::string(route->ns);
    r.name = std::string(route->name);
    r.created = CreationTime(*route);
    RouteLowering lowering(index, &grants, *route, extensions);
    std::vector<const Node*> rules = RulesOf(*route);
    for (uint32_t i = 0; i < rules.size(); ++i) {
      if (RuleProblemOf(*route, *rules[i])) continue;  // a controller drops it (rule_validity.h)
      r.rules.push_back(LowerRule(&lowering, *route, *rules[i], i));
    }
    program.routes.push_back(std::move(r));
  }
  return program;
}

}  // namespace gwc
