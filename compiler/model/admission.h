// Copyright 2026 The gwc Authors.
//
// Admission decisions shared by the analyzers and the lowering: label
// selectors over Namespaces, allowedListeners for ListenerSets, which
// listeners a parentRef selects and whether they admit a route, and
// ReferenceGrants.

#ifndef GWC_MODEL_ADMISSION_H_
#define GWC_MODEL_ADMISSION_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/model/index.h"
#include "compiler/model/gateway_api.h"

namespace gwc {

// Whether the label selector selects namespace `ns`. Every namespace carries
// kubernetes.io/metadata.name; other labels come from the Namespace object.
// `known` is set false when that object is not in the input and the selector
// needs other labels (the result is then false).
bool NamespaceSelected(const Index& index, const Node* selector, std::string_view ns,
                       bool* known);

// Whether `gateway` admits `listener_set` (spec.allowedListeners, default
// None). `from` receives the policy in words, for messages. A Selector over
// Namespaces that are not in the input admits (nothing is known against it).
bool ListenerSetAdmitted(const Index& index, const Object& gateway, const Object& listener_set,
                         std::string* from);

// The Gateway a ListenerSet names in spec.parentRef, or null when it is
// not in the input.
const Object* GatewayOfListenerSet(const Index& index, const Object& listener_set);

// The listeners of the parent `ref` names that it selects by sectionName
// and port (all of them when it sets neither). Empty when the parent is not
// in the input or no listener matches; `parent` receives the parent or null.
std::vector<Listener> ListenersSelectedBy(const Index& index, const ObjectRef& ref,
                                          const Object** parent);

// The route kinds a listener of `protocol` can carry in this
// implementation (empty for a protocol it does not support).
std::vector<std::string> KindsForProtocol(std::string_view protocol);

// Whether listener `l` admits `route` by its allowedRoutes: kind (one its
// protocol carries and, when kinds are listed, a listed one) and namespace
// (Same, All, Selector). A protocol gwc does not support admits nothing.
// kUnknown: a Selector needs labels of a Namespace not in the input.
enum class Admission { kAdmitted, kWrongKind, kWrongNamespace, kUnknown };
Admission AdmitRoute(const Index& index, const Listener& l, const Object& route);

// Whether some route hostname intersects the listener's (either side
// empty = any).
bool RouteHostnamesIntersect(const Listener& l, const Object& route);

// How a route attaches to the parent one of its parentRefs names
// (SEMANTICS.md (c)). `parent` is null when the parent is not in the input
// (then a controller writes no status for the ref).
struct ParentAttachment {
  const Object* parent = nullptr;
  bool accepted = false;
  // Accepted, NoMatchingParent, NotAllowedByListeners or
  // NoMatchingListenerHostname; kUnknownAdmission when a Selector needs
  // labels of a Namespace that is not in the input.
  std::string reason;
  std::vector<Listener> listeners;  // the listeners that accept the route
};
inline constexpr std::string_view kUnknownAdmission = "Unknown";
ParentAttachment AttachToParent(const Index& index, const Object& route, const ObjectRef& ref);

// ReferenceGrants by target namespace (SEMANTICS.md (d)), except those the
// API server would refuse (Object::api_errors); records which grants were
// used.
class ReferenceGrants {
 public:
  explicit ReferenceGrants(const Index& index);
  // The grant that lets `from` refer to the target, or nullptr.
  const Object* Permitting(const Object& from, std::string_view to_group, std::string_view to_kind,
                           std::string_view to_ns, std::string_view to_name);
  bool Used(const Object* g) const { return used_.count(g) > 0; }

 private:
  static bool Allows(const Object& grant, const Object& from, std::string_view to_group,
                     std::string_view to_kind, std::string_view to_name);
  std::map<std::string, std::vector<const Object*>, std::less<>> by_ns_;
  std::set<const Object*> used_;
};

}  // namespace gwc

#endif  // GWC_MODEL_ADMISSION_H_
