// Copyright 2026 The gwc Authors.
//
// Route attachment as a conformant controller decides it (SEMANTICS.md (c)):
// each parentRef selects listeners by sectionName and port; a listener
// accepts the route if its allowedRoutes admits the route's kind and
// namespace and the hostnames intersect. The findings carry the status
// reason the route would get: NoMatchingParent, NotAllowedByListeners,
// NoMatchingListenerHostname. ListenerSets need their Gateway's
// allowedListeners.

#include <string>

#include "compiler/check/hostname.h"
#include "compiler/check/index.h"
#include "compiler/check/report.h"
#include "compiler/model/gateway_api.h"

namespace gwc {

namespace {

enum class Admission { kAdmitted, kWrongKind, kWrongNamespace, kUnknown };

// Namespace labels of `ns` as a lookup; every namespace has
// kubernetes.io/metadata.name. `known` is false when the Namespace object
// is not in the input and the selector needs more than that label.
std::string_view LabelOf(const Node* labels, std::string_view ns, std::string_view key,
                         bool* present, bool* known) {
  if (key == "kubernetes.io/metadata.name") {
    *present = true;
    return ns;
  }
  if (!labels) {
    *known = false;
    *present = false;
    return {};
  }
  const Node* v = labels->Get(key);
  *present = v != nullptr;
  return v ? v->text : std::string_view();
}

bool ExpressionMatches(const Node* expr, const Node* labels, std::string_view ns, bool* known) {
  std::string_view key = expr->Str("key"), op = expr->Str("operator");
  bool present = false;
  std::string_view value = LabelOf(labels, ns, key, &present, known);
  const Node* values = expr->Get("values");
  bool in_values = false;
  for (uint32_t i = 0; values && values->IsSeq() && i < values->size; ++i) {
    in_values |= present && values->values[i]->text == value;
  }
  if (op == "In") return in_values;
  if (op == "NotIn") return !in_values;
  if (op == "Exists") return present;
  if (op == "DoesNotExist") return !present;
  return false;
}

bool SelectorMatches(const Node* selector, const Node* labels, std::string_view ns, bool* known) {
  if (!selector || !selector->IsMap()) return false;
  const Node* ml = selector->Get("matchLabels");
  for (uint32_t i = 0; ml && ml->IsMap() && i < ml->size; ++i) {
    bool present = false;
    std::string_view v = LabelOf(labels, ns, ml->keys[i]->text, &present, known);
    if (!present || v != ml->values[i]->text) return false;
  }
  const Node* exprs = selector->Get("matchExpressions");
  for (uint32_t i = 0; exprs && exprs->IsSeq() && i < exprs->size; ++i) {
    if (!ExpressionMatches(exprs->values[i], labels, ns, known)) return false;
  }
  return true;
}

bool KindAllowed(const Listener& l, const Object& route) {
  const Node* kinds = l.allowed_routes ? l.allowed_routes->Get("kinds") : nullptr;
  if (kinds && kinds->IsSeq() && kinds->size > 0) {
    for (uint32_t i = 0; i < kinds->size; ++i) {
      const Node* k = kinds->values[i];
      if (k->Str("kind") == route.kind && k->Str("group", kGatewayApiGroup) == route.group) {
        return true;
      }
    }
    return false;
  }
  std::string_view p = l.protocol;
  if (p == "HTTP" || p == "HTTPS") return route.kind == "HTTPRoute" || route.kind == "GRPCRoute";
  if (p == "TLS") return route.kind == "TLSRoute" || route.kind == "TCPRoute";
  if (p == "TCP") return route.kind == "TCPRoute";
  if (p == "UDP") return route.kind == "UDPRoute";
  return true;  // implementation-specific protocol: no opinion
}

Admission Admit(const Index& index, const Listener& l, const Object& route) {
  if (!KindAllowed(l, route)) return Admission::kWrongKind;
  const Node* ns = l.allowed_routes ? l.allowed_routes->Get("namespaces") : nullptr;
  std::string_view from = ns ? ns->Str("from", "Same") : "Same";
  if (from == "All") return Admission::kAdmitted;
  if (from == "Same") {
    return route.ns == l.owner->ns ? Admission::kAdmitted : Admission::kWrongNamespace;
  }
  if (from == "Selector") {
    bool known = true;
    bool match = SelectorMatches(ns->Get("selector"), index.NamespaceLabels(route.ns), route.ns,
                                 &known);
    if (match) return Admission::kAdmitted;
    return known ? Admission::kWrongNamespace : Admission::kUnknown;
  }
  return Admission::kWrongNamespace;
}

bool HostnamesIntersect(const Listener& l, const Object& route) {
  std::vector<const Node*> hostnames = HostnamesOf(route);
  if (hostnames.empty() || l.hostname.empty()) return true;
  for (const Node* h : hostnames) {
    if (IntersectHostnames(l.hostname, h->text)) return true;
  }
  return false;
}

void ReportNoListener(const Object& route, const ObjectRef& ref, DiagnosticSink* diags) {
  const Node* at = ref.node->Get("sectionName");
  if (!at) at = ref.node->Get("port");
  std::string what;
  if (!ref.section.empty()) what += "sectionName '" + std::string(ref.section) + "'";
  if (ref.port) what += std::string(what.empty() ? "" : " and ") + "port " + std::to_string(*ref.port);
  Report(diags, DiagCode::kNoMatchingParent, route, at ? at : ref.node,
         std::string(ref.kind) + " " + std::string(ref.ns) + "/" + std::string(ref.name) +
             " has no listener with " + what);
}

void CheckParentRef(const Index& index, const Object& route, const ObjectRef& ref,
                    DiagnosticSink* diags) {
  if (ref.name.empty() || ref.group != kGatewayApiGroup) return;
  if (ref.kind != "Gateway" && ref.kind != "ListenerSet") return;
  const Object* parent = index.Find(ref.group, ref.kind, ref.ns, ref.name);
  if (!parent) {
    Resolution r = index.Resolve(ref.group, ref.kind, ref.ns, ref.name);
    if (r == Resolution::kMissing) {
      Report(diags, DiagCode::kParentNotFound, route, ref.node->Get("name"),
             std::string(ref.kind) + " " + std::string(ref.ns) + "/" + std::string(ref.name) +
                 " is not in the input or the inventory");
    } else if (r == Resolution::kNotInInput) {
      Report(diags, DiagCode::kNotInInput, route, ref.node,
             std::string(ref.kind) + " " + std::string(ref.ns) + "/" + std::string(ref.name) +
                 " cannot be checked: the input has no " + std::string(ref.kind) + " objects",
             {}, "list it in an --inventory file if it lives elsewhere");
    }
    return;
  }
  std::vector<Listener> selected;
  for (const Listener& l : ListenersOf(*parent)) {
    if (!ref.section.empty() && l.name != ref.section) continue;
    if (ref.port && l.port != *ref.port) continue;
    selected.push_back(l);
  }
  if (selected.empty()) {
    if (!ref.section.empty() || ref.port) ReportNoListener(route, ref, diags);
    return;
  }
  bool admitted_somewhere = false, hostname_ok_somewhere = false;
  for (const Listener& l : selected) {
    Admission a = Admit(index, l, route);
    if (a == Admission::kUnknown) return;  // Namespace labels not in the input
    if (a != Admission::kAdmitted) continue;
    admitted_somewhere = true;
    if (HostnamesIntersect(l, route)) hostname_ok_somewhere = true;
  }
  std::string parent_name = parent->Display();
  if (!admitted_somewhere) {
    Report(diags, DiagCode::kNotAllowedByListeners, route, ref.node->Get("name"),
           "no listener of " + parent_name + " admits " + route.Display() +
               " (allowedRoutes: namespace or kind not allowed)",
           {Related(selected.front().node, "listener '" + std::string(selected.front().name) + "'")});
  } else if (!hostname_ok_somewhere) {
    std::vector<const Node*> hostnames = HostnamesOf(route);
    Report(diags, DiagCode::kNoMatchingListenerHostname, route,
           hostnames.empty() ? ref.node : hostnames.front()->parent,
           "none of the route's hostnames intersects a hostname of the listeners of " +
               parent_name + " it attaches to",
           {Related(selected.front().node->Get("hostname"),
                    "listener hostname '" + std::string(selected.front().hostname) + "'")});
  }
}

void CheckListenerSetParent(const Index& index, const Object& ls, DiagnosticSink* diags) {
  const Node* spec = ls.root->Get("spec");
  const Node* parent = spec ? spec->Get("parentRef") : nullptr;
  if (!parent || !parent->IsMap()) return;
  ObjectRef ref = ReadRef(parent, kGatewayApiGroup, "Gateway", ls.ns);
  const Object* gw = index.Find(ref.group, ref.kind, ref.ns, ref.name);
  if (!gw) {
    Resolution r = index.Resolve(ref.group, ref.kind, ref.ns, ref.name);
    if (r == Resolution::kMissing) {
      Report(diags, DiagCode::kParentNotFound, ls, parent->Get("name"),
             "Gateway " + std::string(ref.ns) + "/" + std::string(ref.name) + " is not in the input");
    } else if (r == Resolution::kNotInInput) {
      Report(diags, DiagCode::kNotInInput, ls, parent,
             "Gateway " + std::string(ref.ns) + "/" + std::string(ref.name) +
                 " cannot be checked: the input has no Gateway objects");
    }
    return;
  }
  const Node* gspec = gw->root->Get("spec");
  const Node* al = gspec ? gspec->Get("allowedListeners") : nullptr;
  const Node* ns = al ? al->Get("namespaces") : nullptr;
  std::string_view from = ns ? ns->Str("from", "None") : "None";
  bool ok = from == "All" || (from == "Same" && gw->ns == ls.ns);
  if (from == "Selector") {
    bool known = true;
    ok = SelectorMatches(ns->Get("selector"), index.NamespaceLabels(ls.ns), ls.ns, &known) || !known;
  }
  if (!ok) {
    Report(diags, DiagCode::kListenerSetNotAllowed, ls, parent->Get("name"),
           gw->Display() + " does not allow ListenerSets from namespace '" + std::string(ls.ns) +
               "' (spec.allowedListeners.namespaces.from is " + std::string(from) + ")");
  }
}

}  // namespace

void CheckAttachment(const Index& index, DiagnosticSink* diags) {
  for (const Object& o : index.objects()) {
    if (o.group != kGatewayApiGroup) continue;
    if (IsRouteKind(o.kind)) {
      for (const ObjectRef& ref : ParentRefsOf(o)) CheckParentRef(index, o, ref, diags);
    } else if (o.kind == "ListenerSet") {
      CheckListenerSetParent(index, o, diags);
    }
  }
}

}  // namespace gwc
