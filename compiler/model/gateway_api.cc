// Copyright 2026 The gwc Authors.
//
// Reading Gateway API views from document trees.

#include "compiler/model/gateway_api.h"

#include "compiler/model/scalar.h"

namespace gwc {

namespace {

const Node* SpecList(const Object& obj, std::string_view field) {
  const Node* spec = obj.root->Get("spec");
  const Node* list = spec ? spec->Get(field) : nullptr;
  return list && list->IsSeq() ? list : nullptr;
}

void AddMirrorRefs(const Node* filters, std::string_view ns, std::vector<ObjectRef>* out) {
  if (!filters || !filters->IsSeq()) return;
  for (uint32_t i = 0; i < filters->size; ++i) {
    const Node* mirror = filters->values[i]->Get("requestMirror");
    const Node* ref = mirror ? mirror->Get("backendRef") : nullptr;
    if (ref && ref->IsMap()) out->push_back(ReadRef(ref, "", "Service", ns));
  }
}

}  // namespace

bool IsRouteKind(std::string_view kind) {
  return kind == "HTTPRoute" || kind == "GRPCRoute" || kind == "TLSRoute" || kind == "TCPRoute" ||
         kind == "UDPRoute";
}

std::vector<Listener> ListenersOf(const Object& obj) {
  std::vector<Listener> out;
  const Node* list = SpecList(obj, "listeners");
  if (!list) return out;
  for (uint32_t i = 0; i < list->size; ++i) {
    const Node* l = list->values[i];
    if (!l->IsMap()) continue;
    Listener listener;
    listener.node = l;
    listener.owner = &obj;
    listener.name = l->Str("name");
    listener.protocol = l->Str("protocol");
    listener.hostname = l->Str("hostname");
    if (const Node* p = l->Get("port")) listener.port = static_cast<int>(ScalarInt(*p).value_or(0));
    listener.tls = l->Get("tls");
    listener.allowed_routes = l->Get("allowedRoutes");
    out.push_back(listener);
  }
  return out;
}

ObjectRef ReadRef(const Node* ref, std::string_view default_group, std::string_view default_kind,
                  std::string_view referrer_ns) {
  ObjectRef r;
  r.node = ref;
  const Node* group = ref->Get("group");
  r.group = group && group->IsScalar() && !group->IsNull() ? group->text
            : group                                        ? std::string_view()
                                                           : default_group;
  r.kind = ref->Str("kind", default_kind);
  r.name = ref->Str("name");
  r.ns = ref->Str("namespace");
  r.ns_explicit = !r.ns.empty();
  if (r.ns.empty()) r.ns = referrer_ns;
  r.section = ref->Str("sectionName");
  if (const Node* p = ref->Get("port")) {
    if (auto v = ScalarInt(*p)) r.port = static_cast<int>(*v);
  }
  return r;
}

std::vector<ObjectRef> ParentRefsOf(const Object& route) {
  std::vector<ObjectRef> out;
  const Node* list = SpecList(route, "parentRefs");
  if (!list) return out;
  for (uint32_t i = 0; i < list->size; ++i) {
    if (list->values[i]->IsMap()) {
      out.push_back(ReadRef(list->values[i], kGatewayApiGroup, "Gateway", route.ns));
    }
  }
  return out;
}

std::vector<const Node*> HostnamesOf(const Object& route) {
  std::vector<const Node*> out;
  const Node* list = SpecList(route, "hostnames");
  if (!list) return out;
  for (uint32_t i = 0; i < list->size; ++i) {
    if (list->values[i]->IsScalar()) out.push_back(list->values[i]);
  }
  return out;
}

std::vector<const Node*> RulesOf(const Object& route) {
  std::vector<const Node*> out;
  const Node* list = SpecList(route, "rules");
  if (!list) return out;
  for (uint32_t i = 0; i < list->size; ++i) {
    if (list->values[i]->IsMap()) out.push_back(list->values[i]);
  }
  return out;
}

std::vector<ObjectRef> BackendRefsOf(const Object& route) {
  std::vector<ObjectRef> out;
  for (const Node* rule : RulesOf(route)) AddRuleBackendRefs(route, *rule, &out);
  return out;
}

void AddRuleBackendRefs(const Object& route, const Node& rule, std::vector<ObjectRef>* out) {
  AddMirrorRefs(rule.Get("filters"), route.ns, out);
  const Node* refs = rule.Get("backendRefs");
  if (!refs || !refs->IsSeq()) return;
  for (uint32_t i = 0; i < refs->size; ++i) {
    const Node* ref = refs->values[i];
    if (!ref->IsMap()) continue;
    out->push_back(ReadRef(ref, "", "Service", route.ns));
    AddMirrorRefs(ref->Get("filters"), route.ns, out);
  }
}

}  // namespace gwc
