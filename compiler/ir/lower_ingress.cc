// Copyright 2026 The gwc Authors.
//
// Ingress → IR: Ingresses grouped by class, each class's paths grouped by
// host (one virtual server each), read with the specification's meaning,
// handed to the class's dialect, then split back into one IR route per
// Ingress and host attached to that host's listeners.

#include "compiler/ir/lower_ingress.h"

#include <algorithm>
#include <map>
#include <set>
#include <deque>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "compiler/base/parallel.h"
#include "compiler/model/conflict_order.h"
#include "compiler/model/hostname.h"
#include "compiler/model/scalar.h"

namespace gwc {

namespace {

constexpr std::string_view kNetworkingGroup = "networking.k8s.io";

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
  const Object* service = index.Find("", "Service", b.ns, b.name);
  const Node* service_spec = service ? service->root->Get("spec") : nullptr;
  const IngressPort port = ReadIngressPort(svc->Get("port"));
  const std::optional<int64_t> n = port.number;
  const std::string_view port_name = n ? std::string_view() : port.name;
  if (n) {
    b.port = static_cast<int>(*n);
  } else if (!port_name.empty()) {
    // A named port: its number from the Service, when the input has it.
    const Node* ports = service_spec ? service_spec->Get("ports") : nullptr;
    for (uint32_t i = 0; ports && ports->IsSeq() && i < ports->size; ++i) {
      if (ports->values[i]->Str("name") != port_name) continue;
      if (const Node* p = ports->values[i]->Get("port")) b.port = static_cast<int>(ScalarInt(*p).value_or(0));
    }
  }
  // No such Service, or (when the input has it) no such port: GWC6002. An
  // ExternalName Service forwards any port.
  bool external = service_spec && service_spec->Str("type") == "ExternalName";
  if (index.Resolve("", "Service", b.ns, b.name) == Resolution::kMissing ||
      (!external && !index.ServiceHasPort(b.ns, b.name, n, port_name))) {
    b.problem = ir::BackendProblem::kNotFound;
  }
  return b;
}

// The specification's reading of one path.
ir::Match SpecMatch(const IngressPath& p) {
  ir::Match m;
  m.path_kind = p.type == "Exact" ? PathKind::kExact : PathKind::kPrefix;
  m.path_chars = p.value.size();
  m.path = p.value;
  if (m.path_kind == PathKind::kPrefix) {
    while (m.path.size() > 1 && m.path.back() == '/') m.path.pop_back();
  }
  return m;
}

// A rule for "whatever matches no path": PathPrefix "/" below every path.
ir::Rule DefaultRule(const Index& index, const Object& ing, const Node& backend, uint32_t rule_index) {
  ir::Rule r;
  r.index = rule_index;
  ir::Match any;
  any.path = "/";
  any.path_chars = 0;
  r.matches.push_back(any);
  r.backends.push_back(BackendOf(index, ing, &backend));
  return r;
}

const Node* SpecOf(const Object& ing, std::string_view field) {
  const Node* spec = ing.root->Get("spec");
  return spec ? spec->Get(field) : nullptr;
}

// One IngressClass: its Ingresses (oldest first) and their paths by host.
struct ClassPlan {
  std::string name;
  const IngressDialect* dialect = nullptr;
  std::vector<const Object*> ingresses;
  std::map<std::string, std::vector<IngressPath>> paths;               // by host, "" = none
  std::map<std::string, std::vector<std::string>, std::less<>> tls;    // host ("" = any) -> Secrets
  std::unordered_map<const Object*, uint32_t> path_counts;
};

// The order in which a tie between Ingresses goes (conflict_order.h).
std::vector<const Object*> SortedByAge(const std::vector<const Object*>& objects) {
  struct Keyed {
    std::optional<Instant> created;
    const Object* object;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(objects.size());
  for (const Object* o : objects) keyed.push_back({CreationTime(*o), o});
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    return WinsConflict(a.created, a.object->ns, a.object->name, b.created, b.object->ns, b.object->name);
  });
  std::vector<const Object*> out;
  out.reserve(keyed.size());
  for (const Keyed& k : keyed) out.push_back(k.object);
  return out;
}

// Returns the number of paths.
uint32_t CollectPaths(const Object& ing, ClassPlan* plan) {
  uint32_t count = 0;
  const Node* rules = SpecOf(ing, "rules");
  for (uint32_t i = 0; rules && rules->IsSeq() && i < rules->size; ++i) {
    const Node* http = rules->values[i]->Get("http");
    const Node* paths = http ? http->Get("paths") : nullptr;
    auto& host_paths = plan->paths[std::string(rules->values[i]->Str("host"))];
    for (uint32_t k = 0; paths && paths->IsSeq() && k < paths->size; ++k) {
      const Node* p = paths->values[k];
      host_paths.push_back({&ing, p, p->Str("pathType", "ImplementationSpecific"), std::string(p->Str("path", "/")), count++});
    }
  }
  const Node* tls = SpecOf(ing, "tls");
  for (uint32_t i = 0; tls && tls->IsSeq() && i < tls->size; ++i) {
    std::string secret = std::string(ing.ns) + "/" + std::string(tls->values[i]->Str("secretName"));
    const Node* hosts = tls->values[i]->Get("hosts");
    if (!hosts || !hosts->IsSeq() || hosts->size == 0) {  // every host of this Ingress
      for (uint32_t r = 0; rules && rules->IsSeq() && r < rules->size; ++r) {
        plan->tls[std::string(rules->values[r]->Str("host"))].push_back(secret);
      }
      if (!rules || !rules->IsSeq() || rules->size == 0) plan->tls[""].push_back(secret);
    }
    for (uint32_t h = 0; hosts && hosts->IsSeq() && h < hosts->size; ++h) {
      plan->tls[std::string(hosts->values[h]->text)].push_back(secret);
    }
  }
  return count;
}

// Builds the Gateway of one class and its routes.
class ClassLowering {
 public:
  ClassLowering(const Index& index, const ClassPlan& plan, ir::Program* program, std::vector<std::string>* warnings)
      : index_(index), plan_(plan), program_(program), warnings_(warnings), next_index_(plan.path_counts) {}

  void Run() {
    gateway_ = static_cast<uint32_t>(program_->gateways.size());
    program_->gateways.push_back({"ingress", plan_.name.empty() ? "default" : plan_.name, {}});
    for (uint32_t i = 0; i < plan_.ingresses.size(); ++i) order_[plan_.ingresses[i]] = i;
    // Hosts are independent: read and rewritten on all cores, then
    // gathered in host order.
    std::vector<const std::pair<const std::string, std::vector<IngressPath>>*> hosts;
    for (const auto& host : plan_.paths) hosts.push_back(&host);
    std::vector<std::vector<IngressRule>> lowered(hosts.size());
    std::vector<std::vector<std::string>> notes(hosts.size());
    ParallelFor(hosts.size(), 0, [&](size_t i) {
      const auto& [host, paths] = *hosts[i];
      lowered[i] = SpecRules(paths, &notes[i]);
      if (plan_.dialect) plan_.dialect->LowerHost(index_, host, paths, &lowered[i], &notes[i]);
    });
    std::vector<Placed> placed;
    for (size_t i = 0; i < hosts.size(); ++i) {
      warnings_->insert(warnings_->end(), notes[i].begin(), notes[i].end());
      for (IngressRule& r : lowered[i]) {
        if (r.rule.matches.empty()) continue;
        if (r.rule.index == kAddedRule) r.rule.index = next_index_[r.ingress]++;
        placed.push_back({order_[r.ingress], hosts[i]->first, &r.rule});
      }
    }
    std::deque<ir::Rule> defaults;
    AddDefaultBackends(&defaults, &placed);
    AddAliasRedirects(&defaults, &placed);
    // Routes in the IR's order: by Ingress age, then host; a route's rules
    // in the order they were placed.
    std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
      return std::tie(a.ingress, a.host) < std::tie(b.ingress, b.host);
    });
    bool fallback = plan_.dialect && plan_.dialect->HostlessRulesBackNamedHosts();
    per_host_http_ = !fallback && std::any_of(placed.begin(), placed.end(), [](const Placed& p) { return p.host.empty(); });
    std::vector<std::pair<size_t, size_t>> groups;  // [begin, end) of each route's rules in `placed`
    for (size_t begin = 0, end; begin < placed.size(); begin = end) {
      for (end = begin; end < placed.size() && placed[end].ingress == placed[begin].ingress &&
                        placed[end].host == placed[begin].host;
           ++end) {
      }
      groups.emplace_back(begin, end);
    }
    // Routes are built on all cores; listeners are made in route order.
    std::vector<RoutePlan> plans(groups.size());
    ParallelFor(groups.size(), 0, [&](size_t i) {
      auto [begin, end] = groups[i];
      std::vector<ir::Rule> rules;
      for (size_t k = begin; k < end; ++k) rules.push_back(std::move(*placed[k].rule));
      plans[i] = PlanRoute(*plan_.ingresses[placed[begin].ingress], placed[begin].host, std::move(rules));
    });
    for (RoutePlan& p : plans) Place(std::move(p));
  }

 private:
  // A rule of (Ingress by age, host), before it moves into its route.
  // Hosts are views of the plan's keys and the Ingresses' trees.
  struct Placed {
    uint32_t ingress;
    std::string_view host;
    ir::Rule* rule;
  };


 private:
  std::vector<IngressRule> SpecRules(const std::vector<IngressPath>& paths, std::vector<std::string>* warnings) const {
    std::vector<IngressRule> rules;
    for (const IngressPath& p : paths) {
      IngressRule r{p.ingress, {}};
      r.rule.index = p.index;
      r.rule.matches.push_back(SpecMatch(p));
      r.rule.backends.push_back(BackendOf(index_, *p.ingress, p.node->Get("backend")));
      if (p.type == "ImplementationSpecific" && !plan_.dialect) {
        warnings->push_back(p.ingress->Display() + ": ImplementationSpecific path '" + p.value +
                             "' read as Prefix (no dialect for controller '" +
                             IngressControllerOf(index_, plan_.name) + "')");
      }
      rules.push_back(std::move(r));
    }
    return rules;
  }

  // The hosts a dialect redirects to an Ingress's host (AliasRedirect):
  // every path of the alias answers with a redirect to the same path and
  // query on the Ingress's host, in the request's scheme.
  void AddAliasRedirects(std::deque<ir::Rule>* storage, std::vector<Placed>* placed) {
    if (!plan_.dialect) return;
    for (const auto& [host, paths] : plan_.paths) {
      for (const IngressPath& p : paths) {
        std::optional<std::pair<std::string, int>> alias = plan_.dialect->AliasRedirect(*p.ingress, host);
        if (!alias || plan_.paths.count(alias->first) || !alias_hosts_.insert(alias->first).second) continue;
        ir::Rule r;
        r.index = next_index_[p.ingress]++;
        ir::Match any;
        any.path = "/";
        r.matches.push_back(any);
        r.filters.redirect = ir::Redirect{std::nullopt, host, std::nullopt, std::nullopt, alias->second};
        storage->push_back(std::move(r));
        placed->push_back({order_[p.ingress], *alias_hosts_.find(alias->first), &storage->back()});
      }
    }
  }

  // An Ingress's defaultBackend answers what none of its paths match, on
  // each of its hosts and (unless its dialect says otherwise) on hosts no
  // rule names.
  void AddDefaultBackends(std::deque<ir::Rule>* storage, std::vector<Placed>* placed) {
    for (const Object* ing : plan_.ingresses) {
      const Node* def = SpecOf(*ing, "defaultBackend");
      if (!def) continue;
      std::set<std::string_view> hosts;
      if (!plan_.dialect || plan_.dialect->DefaultBackendIsCatchAll(*ing)) hosts.insert("");
      const Node* rules = SpecOf(*ing, "rules");
      for (uint32_t i = 0; rules && rules->IsSeq() && i < rules->size; ++i) hosts.insert(rules->values[i]->Str("host"));
      for (std::string_view host : hosts) {
        storage->push_back(DefaultRule(index_, *ing, *def, next_index_[ing]));
        placed->push_back({order_[ing], host, &storage->back()});
      }
      ++next_index_[ing];
    }
  }

  // The route of one Ingress on one host, and the ports it is served on: a
  // redirecting copy on plain HTTP when the dialect says so.
  struct RoutePlan {
    std::string_view host;
    std::vector<int> https_ports, http_ports;  // serving `route`
    std::vector<int> redirect_ports;           // serving `redirect`
    ir::Route route, redirect;
  };

  RoutePlan PlanRoute(const Object& ing, std::string_view host, std::vector<ir::Rule> rules) const {
    RoutePlan p;
    p.host = host;
    bool has_tls = plan_.tls.count(host) > 0;
    // An alias host's redirect is the answer itself, in either scheme.
    bool alias = alias_hosts_.count(host) > 0;
    std::optional<int> redirect =
        plan_.dialect && !alias ? plan_.dialect->HttpsRedirect(ing, has_tls) : std::nullopt;
    if (has_tls || (plan_.dialect && plan_.dialect->ServesEveryHostOverHttps())) p.https_ports = PortsOf(ing, true);
    (redirect ? p.redirect_ports : p.http_ports) = PortsOf(ing, false);
    if (redirect) {
      int status = *redirect;
      std::vector<ir::Rule> redirects(rules.size());
      for (size_t i = 0; i < rules.size(); ++i) {
        redirects[i].index = rules[i].index;
        redirects[i].name = rules[i].name;
        redirects[i].matches = rules[i].matches;
        if (status >= 300 && status < 400) {
          redirects[i].filters.redirect = ir::Redirect{"https", std::nullopt, std::nullopt, std::nullopt, status};
        } else {
          redirects[i].filters.fail_status = status;
        }
      }
      p.redirect = RouteOf(ing, std::move(redirects));
    }
    p.route = RouteOf(ing, std::move(rules));
    return p;
  }

  static ir::Route RouteOf(const Object& ing, std::vector<ir::Rule> rules) {
    ir::Route route;
    route.kind = ir::RouteKind::kIngress;
    route.ns = std::string(ing.ns);
    route.name = std::string(ing.name);
    route.created = CreationTime(ing);
    route.rules = std::move(rules);
    return route;
  }

  // Adds the planned routes to the program and to their host's listeners.
  void Place(RoutePlan p) {
    std::vector<uint32_t> listeners;  // those serving the rules as they are
    for (int port : p.https_ports) listeners.push_back(Listener(p.host, true, port));
    for (int port : p.http_ports) listeners.push_back(Listener(p.host, false, port));
    if (!p.redirect_ports.empty()) {
      std::vector<uint32_t> http;
      for (int port : p.redirect_ports) http.push_back(Listener(p.host, false, port));
      AddRoute(p.host, http, std::move(p.redirect));
    }
    if (!listeners.empty()) AddRoute(p.host, listeners, std::move(p.route));
  }

  std::vector<int> PortsOf(const Object& ing, bool https) const {
    std::vector<int> ports = plan_.dialect ? plan_.dialect->Ports(ing, https) : std::vector<int>{};
    return ports.empty() ? std::vector<int>{https ? 443 : 80} : ports;
  }

  // Adds `route` for `host`, attached to each of `listeners`.
  void AddRoute(std::string_view host, const std::vector<uint32_t>& listeners, ir::Route route) {
    for (uint32_t listener : listeners) {
      ir::Listener& l = program_->gateways[gateway_].listeners[listener];
      ir::Attachment a{static_cast<uint32_t>(program_->routes.size()), {}};
      if (!host.empty()) a.hostnames.emplace_back(host);
      l.routes.push_back(std::move(a));
    }
    program_->routes.push_back(std::move(route));
  }

  // The listener for `host` on 80 or 443, created on first use. Plain HTTP
  // shares one listener unless some route serves hosts no rule names:
  // then each host needs its own, so that those routes do not also answer
  // for it.
  uint32_t Listener(std::string_view host, bool https, int port) {
    if (!https && !per_host_http_) host = {};
    auto [it, fresh] = listeners_.try_emplace({host, port}, 0);
    if (!fresh) return it->second;
    std::string base = https ? "https" : "http";
    if (!host.empty()) base += "-" + ListenerSlug(host);
    if (port != (https ? 443 : 80)) base += "-" + std::to_string(port);
    std::string name = base;
    for (int n = 2; !names_.insert(name).second; ++n) name = base + "-" + std::to_string(n);
    ir::Listener l{name, std::string(host), port, https ? ir::Protocol::kHttps : ir::Protocol::kHttp, {}, true};
    if (auto tls = plan_.tls.find(host); https && tls != plan_.tls.end()) {
      l.certificates = tls->second;
    } else if (https) {
      l.default_certificate = true;
    }
    auto& listeners = program_->gateways[gateway_].listeners;
    it->second = static_cast<uint32_t>(listeners.size());
    listeners.push_back(std::move(l));
    return it->second;
  }

  const Index& index_;
  const ClassPlan& plan_;
  ir::Program* program_;
  std::vector<std::string>* warnings_;
  uint32_t gateway_ = 0;
  std::unordered_map<const Object*, uint32_t> next_index_;  // for rules after the paths
  std::unordered_map<const Object*, uint32_t> order_;       // position in plan_.ingresses
  std::map<std::pair<std::string_view, int>, uint32_t> listeners_;  // (host, port)
  std::set<std::string, std::less<>> alias_hosts_;  // AddAliasRedirects' hosts (stable strings)
  std::unordered_set<std::string> names_;
  bool per_host_http_ = true;
};

}  // namespace

const IngressDialect* IngressLowering::ForController(std::string_view controller) const {
  for (const IngressDialect* d : dialects) {
    if (d->controller() == controller) return d;
  }
  return nullptr;
}

std::string IngressClassOf(const Index& index, const Object& ing) {
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

std::string IngressControllerOf(const Index& index, const std::string& cls) {
  const Object* c = cls.empty() ? nullptr : index.Find(kNetworkingGroup, "IngressClass", "", cls);
  const Node* spec = c ? c->root->Get("spec") : nullptr;
  return std::string(spec ? spec->Str("controller") : "");
}

const IngressDialect* IngressDialectOf(const Index& index, const IngressLowering& lowering, const std::string& cls,
                                       bool* inferred) {
  if (inferred) *inferred = false;
  std::string controller = IngressControllerOf(index, cls);
  if (!controller.empty()) return lowering.ForController(controller);
  std::set<const IngressDialect*> seen;
  for (const Object* ing : index.OfKind(kNetworkingGroup, "Ingress")) {
    const Node* anns = ing->Annotations();
    if (!anns || !anns->IsMap() || IngressClassOf(index, *ing) != cls) continue;
    for (uint32_t i = 0; i < anns->size; ++i) {
      for (const IngressDialect* d : lowering.dialects) {
        if (anns->keys[i].text.starts_with(d->annotation_prefix())) seen.insert(d);
      }
    }
  }
  if (seen.size() != 1) return nullptr;
  if (inferred) *inferred = true;
  return *seen.begin();
}

void LowerIngresses(const Index& index, const IngressLowering& options, ir::Program* program,
                    std::vector<std::string>* warnings) {
  std::vector<const Object*> ingresses = SortedByAge(index.OfKind(kNetworkingGroup, "Ingress"));
  std::map<std::string, ClassPlan> classes;
  for (const Object* ing : ingresses) {
    std::string cls = IngressClassOf(index, *ing);
    ClassPlan& plan = classes[cls];
    plan.name = cls;
    plan.ingresses.push_back(ing);
    plan.path_counts[ing] = CollectPaths(*ing, &plan);
  }
  for (auto& [cls, plan] : classes) {
    bool inferred = false;
    plan.dialect = IngressDialectOf(index, options, cls, &inferred);
    if (inferred) {
      warnings->push_back("IngressClass '" + cls + "' is not in the input; its Ingresses carry " +
                          std::string(plan.dialect->annotation_prefix()) + " annotations, so they are read as " +
                          std::string(plan.dialect->controller()) + " reads them");
    }
  }
  for (const auto& [name, plan] : classes) ClassLowering(index, plan, program, warnings).Run();
}

}  // namespace gwc
