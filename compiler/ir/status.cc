// Copyright 2026 The gwc Authors.
//
// Status conditions per kind. Attachment counts come from the same
// AttachToParent decisions the lowering uses.

#include "compiler/ir/status.h"

#include <algorithm>
#include <map>
#include <initializer_list>
#include <set>
#include <tuple>

#include "compiler/ir/lower.h"
#include "compiler/model/backend_tls.h"
#include "compiler/model/gateway_api.h"
#include "compiler/model/rule_validity.h"
#include "compiler/model/scalar.h"

namespace gwc {

namespace {

using ListenerKey = std::pair<const Object*, std::string_view>;

std::vector<const Object*> Sorted(std::vector<const Object*> v) {
  std::sort(v.begin(), v.end(), [](const Object* a, const Object* b) {
    return std::tie(a->ns, a->name) < std::tie(b->ns, b->name);
  });
  return v;
}

ObjectStatus Base(const Object& o) {
  ObjectStatus s;
  s.group = std::string(o.group);
  s.kind = std::string(o.kind);
  s.ns = std::string(o.ns);
  s.name = std::string(o.name);
  const Node* g = o.metadata ? o.metadata->Get("generation") : nullptr;
  if (std::optional<int64_t> v = g ? ScalarInt(*g) : std::nullopt) s.generation = *v;
  return s;
}

const char* ProblemReason(ir::BackendProblem p) {
  switch (p) {
    case ir::BackendProblem::kNone: return "ResolvedRefs";
    case ir::BackendProblem::kNotFound: return "BackendNotFound";
    case ir::BackendProblem::kRefNotPermitted: return "RefNotPermitted";
    case ir::BackendProblem::kInvalidKind: return "InvalidKind";
    case ir::BackendProblem::kUnsupportedProtocol: return "UnsupportedProtocol";
    case ir::BackendProblem::kBackendTlsInvalid: return "ResolvedRefs";  // the policy reports it
  }
  return "ResolvedRefs";
}

// Accepted routes per listener (by owner and name), for attachedRoutes.
class Attachments {
 public:
  void Add(const Object& route, const ParentAttachment& a) {
    if (!a.accepted) return;
    for (const Listener& l : a.listeners) routes_[{l.owner, l.name}].insert(&route);
  }
  int Count(const Listener& l) const {
    auto it = routes_.find({l.owner, l.name});
    return it == routes_.end() ? 0 : static_cast<int>(it->second.size());
  }

 private:
  std::map<ListenerKey, std::set<const Object*>> routes_;
};

class StatusBuilder {
 public:
  explicit StatusBuilder(const Index& index) : index_(index), grants_(index) {}

  std::vector<ObjectStatus> Run() {
    std::vector<ObjectStatus> out;
    for (const Object* c : Sorted(index_.OfKind(kGatewayApiGroup, "GatewayClass"))) {
      ObjectStatus s = Base(*c);
      if (ClassParametersResolve(*c)) {
        s.conditions.push_back({"Accepted", true, "Accepted", "accepted by the dry run"});
      } else {
        s.conditions.push_back({"Accepted", false, "InvalidParameters", "spec.parametersRef does not resolve"});
      }
      out.push_back(std::move(s));
    }
    std::vector<ObjectStatus> routes = Routes();
    for (const Object* gw : Sorted(index_.OfKind(kGatewayApiGroup, "Gateway"))) Gateway(*gw, &out);
    for (const Object* ls : Sorted(index_.OfKind(kGatewayApiGroup, "ListenerSet"))) {
      if (!admitted_sets_.count(ls)) out.push_back(RejectedListenerSet(*ls));
    }
    out.insert(out.end(), routes.begin(), routes.end());
    for (const Object* p : Sorted(index_.OfKind(kGatewayApiGroup, "BackendTLSPolicy"))) {
      out.push_back(BackendTlsPolicy(*p));
    }
    return out;
  }

 private:
  // ---- routes ----

  // The routes of `kinds`.
  std::vector<const Object*> RoutesOf(std::initializer_list<std::string_view> kinds) const {
    std::vector<const Object*> routes;
    for (std::string_view kind : kinds) {
      const auto& of_kind = index_.OfKind(kGatewayApiGroup, kind);
      routes.insert(routes.end(), of_kind.begin(), of_kind.end());
    }
    return routes;
  }

  // Every route of a kind some listener protocol supports (KindsForProtocol)
  // gets status: the HTTP family, and TLS, TCP and UDP routes, although gwc
  // routes no traffic of theirs.
  std::vector<ObjectStatus> Routes() {
    std::vector<ObjectStatus> out;
    for (const Object* r : Sorted(RoutesOf({"HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute"}))) {
      if (!RouteRefused(*r)) out.push_back(Route(*r));  // never stored, so no status
    }
    return out;
  }

  ObjectStatus Route(const Object& route) {
    ObjectStatus s = Base(route);
    // Rules a controller drops (rule_validity.h): none left, and the route
    // is not accepted; some, and it is PartiallyInvalid. Only the rules
    // kept resolve references.
    std::vector<const Node*> rules = RulesOf(route);
    std::optional<RuleProblem> first_problem;
    std::string dropped;
    size_t dropped_count = 0;
    std::vector<ObjectRef> kept_refs;
    for (const Node* rule : rules) {
      if (std::optional<RuleProblem> p = RuleProblemOf(route, *rule)) {
        if (!first_problem) first_problem = p;
        dropped += (dropped.empty() ? "" : "; ") + ("spec.rules[" + std::to_string(rule->index) + "]." + p->message);
        ++dropped_count;
      } else {
        AddRuleBackendRefs(route, *rule, &kept_refs);
      }
    }
    bool none_left = dropped_count > 0 && dropped_count == rules.size();
    Condition resolved{"ResolvedRefs", true, "ResolvedRefs", ""};
    for (const ObjectRef& ref : kept_refs) {
      ir::Backend b = LowerBackendRef(index_, &grants_, route, ref.node);
      // A backend whose BackendTLSPolicy is invalid resolves; the policy reports it.
      if (b.problem != ir::BackendProblem::kNone && b.problem != ir::BackendProblem::kBackendTlsInvalid) {
        resolved = {"ResolvedRefs", false, ProblemReason(b.problem),
                    "backend " + b.ns + "/" + b.name + " cannot be used"};
        break;
      }
    }
    for (const ObjectRef& ref : ParentRefsOf(route)) {
      if (ref.group != kGatewayApiGroup || (ref.kind != "Gateway" && ref.kind != "ListenerSet")) continue;
      ParentAttachment a = AttachToParent(index_, route, ref);
      if (!a.parent || a.reason == kUnknownAdmission) continue;
      if (a.accepted && a.parent->kind == "ListenerSet" && !ListenerSetAccepted(StatesOf(*a.parent), *a.parent)) {
        a.accepted = false;  // its listeners carry no routes
        a.reason = "NotAllowedByListeners";
        a.listeners.clear();
      }
      std::string accepted_message;
      if (a.accepted && none_left) {
        a.accepted = false;
        a.reason = first_problem->reason;
        a.listeners.clear();
        accepted_message = "Dropped every rule: " + dropped;
      }
      attachments_.Add(route, a);
      ParentStatus p;
      p.group = std::string(ref.group);
      p.kind = std::string(ref.kind);
      p.ns = std::string(ref.ns);
      p.name = std::string(ref.name);
      p.section = std::string(ref.section);
      p.port = ref.port;
      p.controller = ControllerOf(*a.parent);
      p.conditions.push_back({"Accepted", a.accepted, a.reason, accepted_message});
      p.conditions.push_back(resolved);
      if (a.accepted && dropped_count > 0) {
        p.conditions.push_back({"PartiallyInvalid", true, first_problem->reason, "Dropped Rule: " + dropped});
      }
      s.parents.push_back(std::move(p));
    }
    return s;
  }

  // The controllerName of the GatewayClass of `parent`, a Gateway or a
  // ListenerSet's Gateway; kControllerName when it is not in the input.
  std::string ControllerOf(const Object& parent) const {
    const Object* gw = parent.kind == "ListenerSet" ? GatewayOfListenerSet(index_, parent) : &parent;
    const Node* spec = gw ? gw->root->Get("spec") : nullptr;
    const Object* cls = spec ? index_.Find(kGatewayApiGroup, "GatewayClass", "", spec->Str("gatewayClassName")) : nullptr;
    const Node* cls_spec = cls ? cls->root->Get("spec") : nullptr;
    std::string_view name = cls_spec ? cls_spec->Str("controllerName") : "";
    return std::string(name.empty() ? kControllerName : name);
  }

  // ---- gateways and listener sets ----

  std::vector<ListenerStatus> ListenerStatuses(const std::vector<ListenerState>& states,
                                               const Object& owner, size_t* usable) {
    std::vector<ListenerStatus> out;
    for (const ListenerState& st : states) {
      if (st.listener.owner != &owner) continue;
      *usable += st.Usable();
      out.push_back({std::string(st.listener.name), st.supported_kinds,
                     attachments_.Count(st.listener), st.Conditions()});
    }
    return out;
  }

  void Gateway(const Object& gw, std::vector<ObjectStatus>* out) {
    ObjectStatus s = Base(gw);
    std::vector<ListenerState> states = GatewayListeners(index_, gw, &grants_);
    size_t usable = 0;
    s.listeners = ListenerStatuses(states, gw, &usable);
    size_t own = s.listeners.size();
    const Node* spec = gw.root->Get("spec");
    Condition accepted{"Accepted", true, "Accepted", ""};
    if (own > 0 && usable == 0) {
      accepted = {"Accepted", false, "ListenersNotValid", "no listener is valid"};
    } else if (usable < own) {
      accepted = {"Accepted", true, "ListenersNotValid", "some listeners are not valid"};
    }
    if (!AddressesSupported(spec)) {
      accepted = {"Accepted", false, "UnsupportedAddress", "an address type is not supported"};
    }
    if (!ParametersResolve(gw, spec)) {
      accepted = {"Accepted", false, "InvalidParameters", "spec.infrastructure.parametersRef does not resolve"};
    }
    s.conditions.push_back(accepted);
    s.conditions.push_back({"Programmed", accepted.status, accepted.status ? "Programmed" : "Invalid", ""});
    // ResolvedRefs sums up the Gateway's own references and its listeners'.
    Condition resolved = ClientCertificate(gw, spec);
    bool listeners_resolved = std::all_of(states.begin(), states.end(), [&](const ListenerState& st) {
      return st.listener.owner != &gw || st.resolved;
    });
    if (resolved.status && !listeners_resolved) {
      resolved = {"ResolvedRefs", false, "ListenersNotResolved", "a listener has references that do not resolve"};
    }
    s.conditions.push_back(resolved);
    if (InsecureFallback(gw, states)) {
      s.conditions.push_back({"InsecureFrontendValidationMode", true, "ConfigurationChanged",
                              "client certificates are validated with AllowInsecureFallback"});
    }
    int sets = 0;
    std::vector<ObjectStatus> set_statuses;
    for (const Object* ls : AdmittedListenerSets(index_, gw)) {
      admitted_sets_.insert(ls);
      ObjectStatus ss = Base(*ls);
      // A ListenerSet is accepted when one of its listeners is programmed
      // (one whose only listener lacks its certificate is not).
      size_t ls_usable = 0;
      ss.listeners = ListenerStatuses(states, *ls, &ls_usable);
      bool ok = ListenerSetAccepted(states, *ls) && accepted.status;
      const char* reason = ok ? "Accepted" : accepted.status ? "ListenersNotValid" : "ParentNotAccepted";
      ss.conditions.push_back({"Accepted", ok, reason, ""});
      ss.conditions.push_back({"Programmed", ok, ok ? "Programmed" : reason, ""});
      sets += ok;
      set_statuses.push_back(std::move(ss));
    }
    s.attached_listener_sets = sets;
    out->push_back(std::move(s));
    out->insert(out->end(), set_statuses.begin(), set_statuses.end());
  }

  ObjectStatus RejectedListenerSet(const Object& ls) {
    ObjectStatus s = Base(ls);
    const char* why = GatewayOfListenerSet(index_, ls) ? "its parent Gateway does not allow it"
                                                       : "its parent Gateway is not in the input";
    s.conditions.push_back({"Accepted", false, "NotAllowed", why});
    s.conditions.push_back({"Programmed", false, "NotAllowed", ""});
    return s;
  }

  static bool InsecureFallback(const Object& gw, const std::vector<ListenerState>& states) {
    for (const ListenerState& st : states) {
      if (st.listener.protocol != "HTTPS") continue;
      const Node* v = FrontendValidation(gw, st.listener.port);
      if (v && v->Str("mode") == "AllowInsecureFallback") return true;
    }
    return false;
  }

  // spec.addresses: IPAddress (the default) and Hostname are supported.
  static bool AddressesSupported(const Node* spec) {
    const Node* list = spec ? spec->Get("addresses") : nullptr;
    for (uint32_t i = 0; list && list->IsSeq() && i < list->size; ++i) {
      std::string_view type = list->values[i]->Str("type", "IPAddress");
      if (type != "IPAddress" && type != "Hostname") return false;
    }
    return true;
  }

  // Whether a parametersRef (absent: nothing to resolve) names an object
  // of the input; `ns` is its namespace.
  bool RefResolves(const Node* ref, std::string_view ns) const {
    if (!ref) return true;
    return index_.Resolve(ref->Str("group"), ref->Str("kind"), ns, ref->Str("name")) != Resolution::kMissing &&
           index_.Find(ref->Str("group"), ref->Str("kind"), ns, ref->Str("name"));
  }

  bool ParametersResolve(const Object& gw, const Node* spec) {
    const Node* infra = spec ? spec->Get("infrastructure") : nullptr;
    return RefResolves(infra ? infra->Get("parametersRef") : nullptr, gw.ns);
  }

  // A GatewayClass's parametersRef: namespaced kinds name their namespace.
  bool ClassParametersResolve(const Object& c) const {
    const Node* spec = c.root->Get("spec");
    const Node* ref = spec ? spec->Get("parametersRef") : nullptr;
    return RefResolves(ref, ref ? ref->Str("namespace") : "");
  }

  Condition ClientCertificate(const Object& gw, const Node* spec) {
    const Node* tls = spec ? spec->Get("tls") : nullptr;
    const Node* backend = tls ? tls->Get("backend") : nullptr;
    const Node* ref_node = backend ? backend->Get("clientCertificateRef") : nullptr;
    Condition ok{"ResolvedRefs", true, "ResolvedRefs", ""};
    if (!ref_node) return ok;
    ObjectRef ref = ReadRef(ref_node, "", "Secret", gw.ns);
    Condition bad{"ResolvedRefs", false, "InvalidClientCertificateRef",
                  "spec.tls.backend.clientCertificateRef is not a usable TLS Secret"};
    if (!ref.group.empty() || ref.kind != "Secret") return bad;
    if (ref.ns != gw.ns && !grants_.Permitting(gw, "", "Secret", ref.ns, ref.name)) {
      return {"ResolvedRefs", false, "RefNotPermitted", "no ReferenceGrant allows the client certificate"};
    }
    const Object* secret = index_.Find("", "Secret", ref.ns, ref.name);
    bool missing = index_.Resolve("", "Secret", ref.ns, ref.name) == Resolution::kMissing;
    if (missing || (secret && !UsableTlsSecret(*secret))) return bad;
    return ok;
  }

  // ---- BackendTLSPolicy ----

  // Gateways whose accepted routes send traffic to Service ns/name.
  std::set<std::pair<std::string, std::string>> GatewaysUsing(std::string_view ns, std::string_view name) {
    std::set<std::pair<std::string, std::string>> out;
    // The kinds whose traffic a Gateway opens TLS to the backend for (the
    // policy's Extended support; gwc terminates no TLSRoute traffic).
    for (const Object* r : RoutesOf({"HTTPRoute", "GRPCRoute"})) {
      if (RouteRefused(*r)) continue;
      std::vector<ObjectRef> refs;
      for (const Node* rule : RulesOf(*r)) {
        if (!RuleProblemOf(*r, *rule)) AddRuleBackendRefs(*r, *rule, &refs);
      }
      bool uses = false;
      for (const ObjectRef& b : refs) uses |= b.ns == ns && b.name == name && b.group.empty();
      if (!uses) continue;
      for (const ObjectRef& ref : ParentRefsOf(*r)) {
        ParentAttachment a = AttachToParent(index_, *r, ref);
        for (const Listener& l : a.listeners) {
          const Object* gw = l.owner;
          if (gw->kind == "ListenerSet") continue;  // its Gateway is reached through its own refs
          out.insert({std::string(gw->ns), std::string(gw->name)});
        }
      }
    }
    return out;
  }

  ObjectStatus BackendTlsPolicy(const Object& policy) {
    ObjectStatus s = Base(policy);
    PolicyVerdict verdict = JudgeBackendTlsPolicy(index_, policy);
    const Node* spec = policy.root->Get("spec");
    const Node* targets = spec ? spec->Get("targetRefs") : nullptr;
    std::set<std::pair<std::string, std::string>> ancestors;
    for (uint32_t i = 0; targets && targets->IsSeq() && i < targets->size; ++i) {
      const Node* t = targets->values[i];
      if (!t->Str("group").empty() || t->Str("kind") != "Service") continue;
      for (const auto& g : GatewaysUsing(policy.ns, t->Str("name"))) ancestors.insert(g);
    }
    for (const auto& [ns, name] : ancestors) {
      ParentStatus p{std::string(kGatewayApiGroup), "Gateway", ns, name, "", std::nullopt,
                     {verdict.accepted, verdict.resolved}};
      if (const Object* gw = index_.Find(kGatewayApiGroup, "Gateway", ns, name)) p.controller = ControllerOf(*gw);
      s.parents.push_back(std::move(p));
    }
    return s;
  }

  const Index& index_;
  ReferenceGrants grants_;
  Attachments attachments_;
  std::set<const Object*> admitted_sets_;
  std::map<const Object*, std::vector<ListenerState>> states_;  // by Gateway, StatesOf

  // The listener states of the Gateway of `listener_set` (computed once).
  const std::vector<ListenerState>& StatesOf(const Object& listener_set) {
    const Object* gw = GatewayOfListenerSet(index_, listener_set);
    auto [it, fresh] = states_.try_emplace(gw);
    if (fresh && gw) it->second = GatewayListeners(index_, *gw, &grants_);
    return it->second;
  }
};

}  // namespace

std::vector<ObjectStatus> ComputeStatus(const Index& index) { return StatusBuilder(index).Run(); }

}  // namespace gwc
