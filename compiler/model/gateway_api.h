// Copyright 2026 The gwc Authors.
//
// Typed views of Gateway API objects over their (defaulted) document trees:
// listeners, parent references and backend references with the defaults the
// specification gives, each keeping the node it came from for diagnostics.
// Views are built on demand and hold pointers into the tree; they never
// fail, fields that are missing or malformed are simply empty.

#ifndef GWC_MODEL_GATEWAY_API_H_
#define GWC_MODEL_GATEWAY_API_H_

#include <optional>
#include <string_view>
#include <vector>

#include "compiler/model/node.h"
#include "compiler/model/object.h"

namespace gwc {

inline constexpr std::string_view kGatewayApiGroup = "gateway.networking.k8s.io";

bool IsRouteKind(std::string_view kind);  // HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute

struct Listener {
  const Node* node = nullptr;
  const Object* owner = nullptr;  // the Gateway or ListenerSet
  std::string_view name;
  std::string_view protocol;
  std::string_view hostname;  // empty = any
  int port = 0;
  const Node* tls = nullptr;
  const Node* allowed_routes = nullptr;
};

// Listeners of a Gateway or ListenerSet (spec.listeners).
std::vector<Listener> ListenersOf(const Object& obj);

// A reference to an object by group, kind, namespace and name, with the
// spec's defaults applied (`default_group`/`default_kind` when absent, the
// referrer's namespace when absent).
struct ObjectRef {
  const Node* node = nullptr;  // the reference mapping
  std::string_view group;
  std::string_view kind;
  std::string_view ns;
  std::string_view name;
  std::string_view section;  // sectionName, empty if none
  std::optional<int> port;
  bool ns_explicit = false;
};

ObjectRef ReadRef(const Node* ref, std::string_view default_group, std::string_view default_kind,
                  std::string_view referrer_ns);

// spec.parentRefs of a route (defaults: gateway.networking.k8s.io, Gateway).
std::vector<ObjectRef> ParentRefsOf(const Object& route);
// spec.hostnames of a route.
std::vector<const Node*> HostnamesOf(const Object& route);

// Every backend a route references: rules[].backendRefs[], and the
// backendRef of RequestMirror filters at rule and backend level
// (defaults: core group, Service).
std::vector<ObjectRef> BackendRefsOf(const Object& route);
// The same for one rule of `route`, appended to `out`.
void AddRuleBackendRefs(const Object& route, const Node& rule, std::vector<ObjectRef>* out);

// spec.rules as a list (empty if absent).
std::vector<const Node*> RulesOf(const Object& route);

}  // namespace gwc

#endif  // GWC_MODEL_GATEWAY_API_H_
