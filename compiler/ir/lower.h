// Copyright 2026 The gwc Authors.
//
// Lowering of Gateway API objects into the route IR, deciding what a
// conformant controller would program: which listeners each Gateway has
// (its own, then those of the ListenerSets it admits), which routes attach
// to which listeners (parentRefs, sectionName, port, allowedRoutes,
// hostname intersection), and each route rule's matches, filters and
// backends with their references resolved (ReferenceGrants included).
// Every Gateway in the input is lowered: the input is taken to be one
// controller's view.

#ifndef GWC_IR_LOWER_H_
#define GWC_IR_LOWER_H_

#include <vector>

#include "compiler/ir/filter_extension.h"
#include "compiler/ir/ir.h"
#include "compiler/model/admission.h"
#include "compiler/model/index.h"

namespace gwc {

// Builds the IR of every Gateway in `index`. Never fails: objects that a
// controller would reject (unknown parents, listeners that admit nothing)
// simply contribute nothing; invalid backends keep their weight and are
// marked. ExtensionRef filters are read by the plugin for their kind in
// `extensions`. Deterministic: the result does not depend on input order.
ir::Program LowerGatewayApi(const Index& index, const std::vector<const FilterExtension*>& extensions = {});

// One backendRef of `route` (rule, backend or mirror) with its reference
// resolved: kind, ReferenceGrant, existence (SEMANTICS.md (f)).
ir::Backend LowerBackendRef(const Index& index, ReferenceGrants* grants, const Object& route,
                            const Node* ref);

}  // namespace gwc

#endif  // GWC_IR_LOWER_H_
