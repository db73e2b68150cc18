// Copyright 2026 The gwc Authors.
//
// --inventory FILE: objects that exist outside the input (a Gateway owned by
// another repository, Services created by Helm charts elsewhere), so that
// references to them are checked instead of reported as "not in the input".
// The file holds full Kubernetes objects (taken into the cross-object
// analyzers but not linted themselves), or short entries that name an
// object, or both:
//
//   objects:
//   - {kind: Gateway, namespace: infra, name: public}
//   - {kind: Service, namespace: shop, name: api, ports: [80, 8080]}
//   - {apiVersion: example.com/v1, kind: Backend, namespace: shop, name: b}

#ifndef GWC_DRIVER_INVENTORY_H_
#define GWC_DRIVER_INVENTORY_H_

#include <string>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/base/source.h"
#include "compiler/check/check.h"

namespace gwc {

// Reads the short entries of the inventory at `path`; documents that are
// Kubernetes objects are left for the loader and set `*has_objects`.
// Problems are GWC7002 diagnostics. Returns false if the file cannot be read.
bool LoadInventory(const std::string& path, SourceSet* sources,
                   std::vector<InventoryEntry>* entries, bool* has_objects,
                   DiagnosticSink* diags);

}  // namespace gwc

#endif  // GWC_DRIVER_INVENTORY_H_
