// Copyright 2026 The gwc Authors.
//
// The check layer's entry point: schema validation (with defaulting), the
// Gateway API validation rules as native checks, and the semantic analyzers
// that look across objects (references, listeners, attachment, precedence,
// Ingress). Each family lives in its own file and reports into one sink.

#ifndef GWC_CHECK_CHECK_H_
#define GWC_CHECK_CHECK_H_

#include <string>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/model/object.h"
#include "compiler/model/schema_registry.h"

namespace gwc {

// Objects known to exist outside the input (--inventory): listed by kind,
// namespace and name. A Service entry may list its ports.
struct InventoryEntry {
  std::string group;
  std::string kind;
  std::string ns;
  std::string name;
  std::vector<int> ports;  // Services only; empty = unknown ports
};

struct CheckOptions {
  std::string default_namespace = "default";
  std::vector<InventoryEntry> inventory;
  unsigned threads = 0;  // per-object checks run in parallel; 0 = one per core
};

// Runs every check over `objects`. Per-object checks run in parallel;
// cross-object analyzers run after all objects are validated and defaulted.
// Objects' namespaces are resolved here (default namespace for namespaced
// kinds without one, empty for cluster-scoped kinds).
void CheckObjects(std::vector<Object>* objects, const SchemaRegistry& schemas,
                  const CheckOptions& options, DiagnosticSink* diags);

}  // namespace gwc

#endif  // GWC_CHECK_CHECK_H_
