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

// The checks that look at one object alone: namespace resolution (the
// default namespace for namespaced kinds without one, none for
// cluster-scoped kinds), metadata, schema validation with defaulting, the
// Gateway API rules and rule semantics. Thread-safe for distinct objects of
// distinct files (defaulting writes into the object's file arena); the
// frontend runs it on each file right after parsing it.
void CheckObject(Object* obj, const SchemaRegistry& schemas, const CheckOptions& options,
                 DiagnosticSink* diags);

// The analyzers that look across objects (references, listeners,
// attachment, precedence, Ingress). Runs after CheckObject on every object;
// the analyzers run in parallel with each other.
void CheckAcrossObjects(const std::vector<Object>& objects, const CheckOptions& options,
                        DiagnosticSink* diags);

}  // namespace gwc

#endif  // GWC_CHECK_CHECK_H_
