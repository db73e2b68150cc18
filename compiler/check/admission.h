// Copyright 2026 The gwc Authors.
//
// Admission decisions shared by the listener and attachment analyzers:
// label selectors over Namespaces, and allowedListeners for ListenerSets.

#ifndef GWC_CHECK_ADMISSION_H_
#define GWC_CHECK_ADMISSION_H_

#include <string>
#include <string_view>

#include <vector>

#include "compiler/check/index.h"
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

// The listeners of the parent `ref` names that it selects by sectionName
// and port (all of them when it sets neither). Empty when the parent is not
// in the input or no listener matches; `parent` receives the parent or null.
std::vector<Listener> ListenersSelectedBy(const Index& index, const ObjectRef& ref,
                                          const Object** parent);

}  // namespace gwc

#endif  // GWC_CHECK_ADMISSION_H_
