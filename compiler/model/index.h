// Copyright 2026 The gwc Authors.
//
// The cross-object index the semantic analyzers and the lowering share: objects by identity
// and by kind, Namespace labels, and the inventory of objects that live
// outside the input. Built once after per-object checks; read-only after.

#ifndef GWC_MODEL_INDEX_H_
#define GWC_MODEL_INDEX_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/model/object.h"

namespace gwc {

// An object known to exist outside the input (--inventory), by kind,
// namespace and name. A Service entry may list its ports.
struct InventoryEntry {
  std::string group;
  std::string kind;
  std::string ns;
  std::string name;
  std::vector<int> ports;  // Services only; empty = unknown ports
};

// How a reference's target resolved.
enum class Resolution {
  kFound,       // in the input
  kAmbiguous,   // defined more than once in the input (GWC4001): exists, details unknown
  kInventory,   // listed in --inventory
  kMissing,     // the input has objects of this kind, but not this one
  kNotInInput,  // the input has no object of this kind at all
};

// Whether `o` is a Gateway, ListenerSet, GatewayClass, BackendTLSPolicy or Ingress
// with an API error (Object::api_errors): the cluster would not have
// stored it, so no controller sees it. Routes are not: rule_validity.h
// decides per rule (ReferenceGrants: admission.h).
bool RefusedWhole(const Object& o);

// An Ingress backend's service port (`port` may be null): its number,
// unset when absent, null or 0 (the API server's "no number"), and its
// name, empty when absent or null. The arguments ServiceHasPort takes.
struct IngressPort {
  std::optional<int64_t> number;
  std::string_view name;
};
IngressPort ReadIngressPort(const Node* port);

class Index {
 public:
  // Which objects an Index holds: all of the input (what lint reviews), or
  // those a cluster would have stored (what a controller and the compiler
  // see): without the ones RefusedWhole names.
  enum class Holds { kAll, kStored };
  Index(const std::vector<Object>& objects, const std::vector<InventoryEntry>& inventory,
        Holds holds = Holds::kAll);

  // The object with this identity (ns empty for cluster-scoped), or nullptr
  // when there is none or several (then which one counts is unknowable).
  const Object* Find(std::string_view group, std::string_view kind, std::string_view ns,
                     std::string_view name) const;
  Resolution Resolve(std::string_view group, std::string_view kind, std::string_view ns,
                     std::string_view name) const;
  // Objects of one kind in input order.
  const std::vector<const Object*>& OfKind(std::string_view group, std::string_view kind) const;
  // The inventory entry with this identity, or nullptr.
  const InventoryEntry* FindInventory(std::string_view group, std::string_view kind,
                                      std::string_view ns, std::string_view name) const;
  // Whether Service ns/name has the port given by number (or, when `number`
  // is unset, by name): from its spec.ports in the input, or from its
  // inventory entry's port numbers. True whenever that cannot be known (no
  // such Service, an ExternalName Service, an inventory entry without ports,
  // a port name checked against the inventory).
  bool ServiceHasPort(std::string_view ns, std::string_view name, std::optional<int64_t> number,
                      std::string_view port_name = {}) const;
  // The spec.ports entry numbered `number` of Service ns/name in the input,
  // or null (no such Service in the input, or no such port).
  const Node* ServicePort(std::string_view ns, std::string_view name, int64_t number) const;
  const std::vector<Object>& objects() const { return objects_; }

 private:
  // An identity as views into the objects' trees (no copies on lookup).
  struct Key {
    std::string_view group, kind, ns, name;
    bool operator==(const Key& o) const {
      return group == o.group && kind == o.kind && ns == o.ns && name == o.name;
    }
  };
  struct KeyHash {
    size_t operator()(const Key& k) const;
  };
  const std::vector<Object>& objects_;
  std::unordered_map<Key, const Object*, KeyHash> by_identity_;  // null: ambiguous
  std::unordered_map<Key, std::vector<const Object*>, KeyHash> by_kind_;
  std::unordered_map<Key, const InventoryEntry*, KeyHash> inventory_;
  std::unordered_set<Key, KeyHash> inventory_kinds_;
};

}  // namespace gwc

#endif  // GWC_MODEL_INDEX_H_
