// Copyright 2026 The gwc Authors.
//
// The `status` a conformant controller would write on each GatewayClass,
// Gateway, ListenerSet, HTTPRoute, GRPCRoute and BackendTLSPolicy of the
// input (SEMANTICS.md (g)), computed from the same admission, listener and
// backend decisions the lowering programs, so status and routing agree.
// Plain data; the driver renders it as YAML or JSON.

#ifndef GWC_IR_STATUS_H_
#define GWC_IR_STATUS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/model/index.h"
#include "compiler/model/listener_state.h"

namespace gwc {

struct ListenerStatus {
  std::string name;
  std::vector<std::string> supported_kinds;
  int attached_routes = 0;
  std::vector<Condition> conditions;
};

// The controller name written into route parents and policy ancestors
// whose GatewayClass is not in the input.
inline constexpr std::string_view kControllerName = "gwc.dev/dry-run";

// One entry of a route's status.parents or a policy's status.ancestors.
struct ParentStatus {
  std::string group, kind, ns, name, section;
  std::optional<int> port;
  std::vector<Condition> conditions;
  // The controllerName of the parent's GatewayClass (kControllerName when
  // the class is not in the input): the controller that writes this entry.
  std::string controller = std::string(kControllerName);
};

struct ObjectStatus {
  std::string group, kind, ns, name;
  int64_t generation = 1;  // observedGeneration of every condition
  std::vector<Condition> conditions;
  std::vector<ListenerStatus> listeners;  // Gateway, ListenerSet
  std::optional<int> attached_listener_sets;  // Gateway
  std::vector<ParentStatus> parents;      // routes: parents; policies: ancestors
};

// Status of every object of a kind listed above, in identity order.
std::vector<ObjectStatus> ComputeStatus(const Index& index);

}  // namespace gwc

#endif  // GWC_IR_STATUS_H_
