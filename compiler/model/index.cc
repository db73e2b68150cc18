// Copyright 2026 The gwc Authors.
//
// Building and querying the cross-object index.

#include "compiler/model/index.h"

#include "compiler/model/gateway_api.h"
#include "compiler/model/scalar.h"

namespace gwc {

size_t Index::KeyHash::operator()(const Key& k) const {
  std::hash<std::string_view> h;
  size_t v = h(k.name);
  for (std::string_view part : {k.ns, k.kind, k.group}) v = v * 1000003u ^ h(part);
  return v;
}

bool RefusedWhole(const Object& o) {
  if (o.api_errors.empty()) return false;
  if (o.group == "networking.k8s.io" || o.group == "extensions") return o.kind == "Ingress";
  if (o.group != kGatewayApiGroup) return false;
  return o.kind == "Gateway" || o.kind == "ListenerSet" || o.kind == "GatewayClass" || o.kind == "BackendTLSPolicy";
}

IngressPort ReadIngressPort(const Node* port) {
  if (!port || !port->IsMap()) return {};
  const Node* number = port->Get("number");
  std::optional<int64_t> n = number && !number->IsNull() ? ScalarInt(*number) : std::nullopt;
  const Node* name = port->Get("name");
  return {n == 0 ? std::nullopt : n, name && name->IsScalar() && !name->IsNull() ? name->text : std::string_view()};
}

Index::Index(const std::vector<Object>& objects, const std::vector<InventoryEntry>& inventory, Holds holds)
    : objects_(objects) {
  for (const Object& o : objects) {
    if (holds == Holds::kStored && RefusedWhole(o)) continue;
    auto [it, inserted] = by_identity_.emplace(Key{o.group, o.kind, o.ns, o.name}, &o);
    if (!inserted) it->second = nullptr;
    by_kind_[Key{o.group, o.kind, {}, {}}].push_back(&o);
  }
  for (const InventoryEntry& e : inventory) {
    inventory_.emplace(Key{e.group, e.kind, e.ns, e.name}, &e);
    inventory_kinds_.insert(Key{e.group, e.kind, {}, {}});
  }
}

const Object* Index::Find(std::string_view group, std::string_view kind, std::string_view ns,
                          std::string_view name) const {
  auto it = by_identity_.find(Key{group, kind, ns, name});
  return it == by_identity_.end() ? nullptr : it->second;
}

const InventoryEntry* Index::FindInventory(std::string_view group, std::string_view kind,
                                           std::string_view ns, std::string_view name) const {
  auto it = inventory_.find(Key{group, kind, ns, name});
  return it == inventory_.end() ? nullptr : it->second;
}

Resolution Index::Resolve(std::string_view group, std::string_view kind, std::string_view ns,
                          std::string_view name) const {
  auto it = by_identity_.find(Key{group, kind, ns, name});
  if (it != by_identity_.end()) return it->second ? Resolution::kFound : Resolution::kAmbiguous;
  if (FindInventory(group, kind, ns, name)) return Resolution::kInventory;
  Key kind_key{group, kind, {}, {}};
  if (by_kind_.count(kind_key) || inventory_kinds_.count(kind_key)) return Resolution::kMissing;
  return Resolution::kNotInInput;
}

const std::vector<const Object*>& Index::OfKind(std::string_view group,
                                                std::string_view kind) const {
  static const std::vector<const Object*> kEmpty;
  auto it = by_kind_.find(Key{group, kind, {}, {}});
  return it == by_kind_.end() ? kEmpty : it->second;
}

const Node* Index::ServicePort(std::string_view ns, std::string_view name, int64_t number) const {
  const Object* svc = Find("", "Service", ns, name);
  const Node* spec = svc ? svc->root->Get("spec") : nullptr;
  const Node* ports = spec ? spec->Get("ports") : nullptr;
  for (uint32_t i = 0; ports && ports->IsSeq() && i < ports->size; ++i) {
    const Node* port = ports->values[i]->Get("port");
    if (port && ScalarInt(*port) == number) return ports->values[i];
  }
  return nullptr;
}

bool Index::ServiceHasPort(std::string_view ns, std::string_view name,
                           std::optional<int64_t> number, std::string_view port_name) const {
  if (const Object* svc = Find("", "Service", ns, name)) {
    const Node* spec = svc->root->Get("spec");
    const Node* ports = spec ? spec->Get("ports") : nullptr;
    if (!ports || !ports->IsSeq()) return spec && spec->Str("type") == "ExternalName";
    for (uint32_t i = 0; i < ports->size; ++i) {
      const Node* p = ports->values[i];
      if (number) {
        const Node* port = p->Get("port");
        if (port && ScalarInt(*port) == *number) return true;
      } else if (!port_name.empty() && p->Str("name") == port_name) {
        return true;
      }
    }
    return !number && port_name.empty();
  }
  const InventoryEntry* inv = FindInventory("", "Service", ns, name);
  if (!inv || inv->ports.empty() || !number) return true;
  for (int p : inv->ports) {
    if (p == *number) return true;
  }
  return false;
}

}  // namespace gwc
