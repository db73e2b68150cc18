// Copyright 2026 The gwc Authors.
//
// Ingress → IR.

#include "compiler/ir/lower_ingress.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "compiler/model/scalar.h"

namespace gwc {

namespace {

constexpr std::string_view kNetworkingGroup = "networking.k8s.io";

// The IngressClass name an Ingress belongs to: spec.ingressClassName, the
// legacy annotation, else the one class marked default ("" when none).
std::string ClassOf(const Index& index, const Object& ing) {
  const Node* spec = ing.root->Get("spec");
  if (std::string_view name = spec ? spec->Str("ingressClassName") : ""; !name.empty()) {
    return std::string(name);
  }
  if (std::string_view a = ing.Annotation("kubernetes.io/ingress.class"); !a.empty()) {
    return std::string(a);
  }
  std::string found;
  int defaults = 0;
  for (const Object* c : index.OfKind(kNetworkingGroup, "IngressClass")) {
    if (c->Annotation("ingressclass.kubernetes.io/is-default-class") == "true") {
      found = std::string(c->name);
      ++defaults;
    }
  }
  return defaults == 1 ? found : "";
}

std::string ControllerOf(const Index& index, const std::string& cls) {
  const Object* c = cls.empty() ? nullptr : index.Find(kNetworkingGroup, "IngressClass", "", cls);
  const Node* spec = c ? c->root->Get("spec") : nullptr;
  return std::string(spec ? spec->Str("controller") : "");
}

ir::Backend BackendOf(const Index& index, const Object& ing, const Node* backend) {
  ir::Backend b;
  b.kind = "Service";
  b.ns = std::string(ing.ns);
  const Node* svc = backend ? backend->Get("service") : nullptr;
  if (!svc) {
    b.problem = ir::BackendProblem::kInvalidKind;  // a resource backend: not routable here
    return b;
  }
  b.name = std::string(svc->Str("name"));
  const Node* port = svc->Get("port");
  const Node* number = port ? port->Get("number") : nullptr;
  if (std::optional<int64_t> n = number ? ScalarInt(*number) : std::nullopt) {
    b.port = static_cast<int>(*n);
  } else if (std::string_view port_name = port ? port->Str("name") : ""; !port_name.empty()) {
    // A named port: its number from the Service, when the input has it.
    const Object* s = index.Find("", "Service", ing.ns, b.name);
    const Node* ports = s && s->root->Get("spec") ? s->root->Get("spec")->Get("ports") : nullptr;
    for (uint32_t i = 0; ports && ports->IsSeq() && i < ports->size; ++i) {
      if (ports->values[i]->Str("name") != port_name) continue;
      if (const Node* p = ports->values[i]->Get("port")) b.port = static_cast<int>(ScalarInt(*p).value_or(0));
    }
  }
  if (index.Resolve("", "Service", b.ns, b.name) == Resolution::kMissing) {
    b.problem = ir::BackendProblem::kNotFound;
  }
  return b;
}

// One path of an Ingress rule as a match; false when it is skipped.
bool PathMatch(const IngressLowering& options, const std::string& controller, const Object& ing,
               const Node& path, ir::Match* m, std::vector<std::string>* warnings) {
  std::string_view type = path.Str("pathType", "ImplementationSpecific");
  std::string value(path.Str("path", "/"));
  if (type == "ImplementationSpecific") {
    auto dialect = options.dialects.find(controller);
    if (dialect != options.dialects.end()) {
      if (dialect->second(ing, value, m)) return true;
      warnings->push_back(ing.Display() + ": path '" + value + "' cannot be lowered for " + controller);
      return false;
    }
    warnings->push_back(ing.Display() + ": ImplementationSpecific path '" + value +
                        "' read as Prefix (no dialect for controller '" + controller + "')");
  }
  m->path_kind = type == "Exact" ? PathKind::kExact : PathKind::kPrefix;
  m->path_chars = value.size();
  if (m->path_kind == PathKind::kPrefix) {
    while (value.size() > 1 && value.back() == '/') value.pop_back();
  }
  m->path = value;
  return true;
}

struct IngressGateway {
  uint32_t gateway;
  bool tls = false;
};

// One IR route per host of the Ingress (its rules for that host, "" for
// rules without host and the defaultBackend), attached to both listeners
// of the class's Gateway.
void LowerIngress(const Index& index, const IngressLowering& options, const Object& ing,
                  uint32_t gateway, ir::Program* program, std::vector<std::string>* warnings) {
  std::string controller = ControllerOf(index, ClassOf(index, ing));
  std::map<std::string, std::vector<ir::Rule>> by_host;
  uint32_t next_index = 0;  // rules numbered across the Ingress's paths
  const Node* spec = ing.root->Get("spec");
  const Node* rules = spec ? spec->Get("rules") : nullptr;
  for (uint32_t i = 0; rules && rules->IsSeq() && i < rules->size; ++i) {
    const Node* rule = rules->values[i];
    const Node* http = rule->Get("http");
    const Node* paths = http ? http->Get("paths") : nullptr;
    for (uint32_t k = 0; paths && paths->IsSeq() && k < paths->size; ++k) {
      ir::Rule r;
      r.index = next_index++;
      ir::Match m;
      if (!PathMatch(options, controller, ing, *paths->values[k], &m, warnings)) continue;
      r.matches.push_back(m);
      r.backends.push_back(BackendOf(index, ing, paths->values[k]->Get("backend")));
      by_host[std::string(rule->Str("host"))].push_back(std::move(r));
    }
  }
  if (const Node* def = spec ? spec->Get("defaultBackend") : nullptr) {
    ir::Rule r;
    r.index = next_index++;
    ir::Match any;
    any.path = "/";
    any.path_chars = 0;  // below every path of every rule
    r.matches.push_back(any);
    r.backends.push_back(BackendOf(index, ing, def));
    by_host[""].push_back(std::move(r));
  }
  for (auto& [host, host_rules] : by_host) {
    ir::Route route;
    route.kind = ir::RouteKind::kIngress;
    route.ns = std::string(ing.ns);
    route.name = std::string(ing.name);
    route.created = std::string(ing.metadata ? ing.metadata->Str("creationTimestamp") : "");
    route.rules = std::move(host_rules);
    uint32_t route_index = static_cast<uint32_t>(program->routes.size());
    program->routes.push_back(std::move(route));
    for (ir::Listener& l : program->gateways[gateway].listeners) {
      ir::Attachment a{route_index, {}};
      if (!host.empty()) a.hostnames.push_back(host);
      l.routes.push_back(std::move(a));
    }
  }
}

}  // namespace

void LowerIngresses(const Index& index, const IngressLowering& options, ir::Program* program,
                    std::vector<std::string>* warnings) {
  std::vector<const Object*> ingresses = index.OfKind(kNetworkingGroup, "Ingress");
  std::sort(ingresses.begin(), ingresses.end(), [](const Object* a, const Object* b) {
    return std::tie(a->ns, a->name) < std::tie(b->ns, b->name);
  });
  std::map<std::string, uint32_t> gateways;  // class -> IR gateway
  for (const Object* ing : ingresses) {
    std::string cls = ClassOf(index, *ing);
    auto [it, fresh] = gateways.try_emplace(cls, static_cast<uint32_t>(program->gateways.size()));
    if (fresh) {
      ir::Gateway g{"ingress", cls.empty() ? "default" : cls, {}};
      g.listeners.push_back({"http", "", 80, ir::Protocol::kHttp, {}, true});
      g.listeners.push_back({"https", "", 443, ir::Protocol::kHttps, {}, true});
      program->gateways.push_back(std::move(g));
    }
    LowerIngress(index, options, *ing, it->second, program, warnings);
  }
}

}  // namespace gwc
