// Copyright 2026 The gwc Authors.
//
// Namespace selectors over the Namespace objects of the input, and whether a
// Gateway admits a ListenerSet.

#include "compiler/model/admission.h"

#include <algorithm>

#include "compiler/model/hostname.h"

namespace gwc {

namespace {

// A namespace as a selector sees it: its name and, when its Namespace
// object is in the input, that object's labels (null: it has none).
struct NamespaceView {
  std::string_view name;
  bool in_input;
  const Node* labels;
};

// Label `key` of namespace `ns`; every namespace has
// kubernetes.io/metadata.name. `known` is set false when the Namespace
// object is not in the input and the selector needs more than that label.
std::string_view LabelOf(const NamespaceView& ns, std::string_view key, bool* present, bool* known) {
  if (key == "kubernetes.io/metadata.name") {
    *present = true;
    return ns.name;
  }
  if (!ns.in_input) *known = false;
  const Node* v = ns.labels ? ns.labels->Get(key) : nullptr;
  *present = v != nullptr;
  return v ? v->text : std::string_view();
}

bool ExpressionMatches(const Node* expr, const NamespaceView& ns, bool* known) {
  std::string_view key = expr->Str("key"), op = expr->Str("operator");
  bool present = false;
  std::string_view value = LabelOf(ns, key, &present, known);
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

bool SelectorMatches(const Node* selector, const NamespaceView& ns, bool* known) {
  if (!selector || !selector->IsMap()) return false;
  const Node* ml = selector->Get("matchLabels");
  for (uint32_t i = 0; ml && ml->IsMap() && i < ml->size; ++i) {
    bool present = false;
    std::string_view v = LabelOf(ns, ml->keys[i].text, &present, known);
    if (!present || v != ml->values[i]->text) return false;
  }
  const Node* exprs = selector->Get("matchExpressions");
  for (uint32_t i = 0; exprs && exprs->IsSeq() && i < exprs->size; ++i) {
    if (!ExpressionMatches(exprs->values[i], ns, known)) return false;
  }
  return true;
}

}  // namespace

bool NamespaceSelected(const Index& index, const Node* selector, std::string_view ns,
                       bool* known) {
  const Object* object = index.Find("", "Namespace", "", ns);
  return SelectorMatches(selector, {ns, object != nullptr, object ? object->Labels() : nullptr}, known);
}

bool ListenerSetAdmitted(const Index& index, const Object& gateway, const Object& listener_set,
                         std::string* from) {
  const Node* spec = gateway.root->Get("spec");
  const Node* al = spec ? spec->Get("allowedListeners") : nullptr;
  const Node* ns = al ? al->Get("namespaces") : nullptr;
  std::string_view f = ns ? ns->Str("from") : std::string_view();
  *from = f.empty() ? "None (the default)" : std::string(f);
  if (f == "All") return true;
  if (f == "Same") return gateway.ns == listener_set.ns;
  if (f == "Selector") {
    bool known = true;
    return NamespaceSelected(index, ns->Get("selector"), listener_set.ns, &known) || !known;
  }
  return false;
}

namespace {

bool KindAllowed(const Listener& l, const Object& route) {
  std::vector<std::string> carried = KindsForProtocol(l.protocol);
  if (route.group != kGatewayApiGroup || std::find(carried.begin(), carried.end(), route.kind) == carried.end()) {
    return false;
  }
  const Node* kinds = l.allowed_routes ? l.allowed_routes->Get("kinds") : nullptr;
  if (!kinds || !kinds->IsSeq() || kinds->size == 0) return true;
  for (uint32_t i = 0; i < kinds->size; ++i) {
    const Node* k = kinds->values[i];
    if (k->Str("kind") == route.kind && k->Str("group", kGatewayApiGroup) == route.group) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> KindsForProtocol(std::string_view protocol) {
  if (protocol == "HTTP" || protocol == "HTTPS") return {"HTTPRoute", "GRPCRoute"};
  if (protocol == "TLS") return {"TLSRoute"};
  if (protocol == "TCP") return {"TCPRoute"};
  if (protocol == "UDP") return {"UDPRoute"};
  return {};
}

Admission AdmitRoute(const Index& index, const Listener& l, const Object& route) {
  if (!KindAllowed(l, route)) return Admission::kWrongKind;
  const Node* ns = l.allowed_routes ? l.allowed_routes->Get("namespaces") : nullptr;
  std::string_view from = ns ? ns->Str("from", "Same") : "Same";
  if (from == "All") return Admission::kAdmitted;
  if (from == "Same") {
    return route.ns == l.owner->ns ? Admission::kAdmitted : Admission::kWrongNamespace;
  }
  if (from == "Selector") {
    bool known = true;
    bool match = NamespaceSelected(index, ns->Get("selector"), route.ns, &known);
    if (match) return Admission::kAdmitted;
    return known ? Admission::kWrongNamespace : Admission::kUnknown;
  }
  return Admission::kWrongNamespace;
}

bool RouteHostnamesIntersect(const Listener& l, const Object& route) {
  std::vector<const Node*> hostnames = HostnamesOf(route);
  if (hostnames.empty() || l.hostname.empty()) return true;
  for (const Node* h : hostnames) {
    if (IntersectHostnames(l.hostname, h->text)) return true;
  }
  return false;
}

ReferenceGrants::ReferenceGrants(const Index& index) {
  for (const Object* g : index.OfKind(kGatewayApiGroup, "ReferenceGrant")) {
    if (!g->api_errors.empty()) continue;  // the API server would refuse it: it grants nothing
    by_ns_[std::string(g->ns)].push_back(g);
  }
}

const Object* ReferenceGrants::Permitting(const Object& from, std::string_view to_group,
                                          std::string_view to_kind, std::string_view to_ns,
                                          std::string_view to_name) {
  auto it = by_ns_.find(to_ns);
  if (it == by_ns_.end()) return nullptr;
  for (const Object* g : it->second) {
    if (Allows(*g, from, to_group, to_kind, to_name)) {
      used_.insert(g);
      return g;
    }
  }
  return nullptr;
}

bool ReferenceGrants::Allows(const Object& grant, const Object& from, std::string_view to_group,
                             std::string_view to_kind, std::string_view to_name) {
  const Node* spec = grant.root->Get("spec");
  if (!spec) return false;
  bool from_ok = false, to_ok = false;
  if (const Node* f = spec->Get("from"); f && f->IsSeq()) {
    for (uint32_t i = 0; i < f->size; ++i) {
      const Node* e = f->values[i];
      from_ok |= e->Str("group") == from.group && e->Str("kind") == from.kind &&
                 e->Str("namespace") == from.ns;
    }
  }
  if (const Node* t = spec->Get("to"); t && t->IsSeq()) {
    for (uint32_t i = 0; i < t->size; ++i) {
      const Node* e = t->values[i];
      std::string_view name = e->Str("name");
      to_ok |= e->Str("group") == to_group && e->Str("kind") == to_kind &&
               (name.empty() || name == to_name);
    }
  }
  return from_ok && to_ok;
}

const Object* GatewayOfListenerSet(const Index& index, const Object& listener_set) {
  const Node* spec = listener_set.root->Get("spec");
  const Node* parent = spec ? spec->Get("parentRef") : nullptr;
  if (!parent || !parent->IsMap()) return nullptr;
  ObjectRef ref = ReadRef(parent, kGatewayApiGroup, "Gateway", listener_set.ns);
  return ref.group == kGatewayApiGroup && ref.kind == "Gateway"
             ? index.Find(kGatewayApiGroup, "Gateway", ref.ns, ref.name) : nullptr;
}

ParentAttachment AttachToParent(const Index& index, const Object& route, const ObjectRef& ref) {
  ParentAttachment out;
  std::vector<Listener> selected = ListenersSelectedBy(index, ref, &out.parent);
  if (!out.parent) return out;
  if (selected.empty()) {
    out.reason = "NoMatchingParent";
    return out;
  }
  // A ListenerSet its Gateway does not take (or that has none) adds no
  // listener to attach to.
  if (out.parent->kind == "ListenerSet") {
    const Object* gateway = GatewayOfListenerSet(index, *out.parent);
    std::string from;
    if (!gateway || !ListenerSetAdmitted(index, *gateway, *out.parent, &from)) {
      out.reason = "NotAllowedByListeners";
      return out;
    }
  }
  bool admitted = false, unknown = false;
  for (const Listener& l : selected) {
    Admission a = AdmitRoute(index, l, route);
    unknown |= a == Admission::kUnknown;
    if (a != Admission::kAdmitted) continue;
    admitted = true;
    if (RouteHostnamesIntersect(l, route)) out.listeners.push_back(l);
  }
  out.accepted = !out.listeners.empty();
  out.reason = out.accepted ? "Accepted"
               : unknown    ? std::string(kUnknownAdmission)
               : admitted   ? "NoMatchingListenerHostname"
                            : "NotAllowedByListeners";
  return out;
}

std::vector<Listener> ListenersSelectedBy(const Index& index, const ObjectRef& ref,
                                          const Object** parent) {
  std::vector<Listener> out;
  *parent = index.Find(ref.group, ref.kind, ref.ns, ref.name);
  if (!*parent) return out;
  for (const Listener& l : ListenersOf(**parent)) {
    if (!ref.section.empty() && l.name != ref.section) continue;
    if (ref.port && l.port != *ref.port) continue;
    out.push_back(l);
  }
  return out;
}

}  // namespace gwc
