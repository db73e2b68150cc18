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
#include "compiler/model/index.h"
#include "compiler/model/object.h"
#include "compiler/model/schema_registry.h"

namespace gwc {

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

// What the API server's own validation refuses in a networking.k8s.io/v1
// Ingress beyond its schema (ingress_spec_check.cc); per object, so that
// CheckObject records it in Object::api_errors.
void CheckIngressSpec(const Object& ing, DiagnosticSink* diags);
// Every cross-object analyzer (run by CheckAcrossObjects): one function per family, each in its own file.
void CheckDuplicates(const Index& index, DiagnosticSink* diags);        // refs_check.cc
void CheckReferences(const Index& index, DiagnosticSink* diags);        // refs_check.cc
void CheckListeners(const Index& index, DiagnosticSink* diags);         // listener_check.cc
void CheckAttachment(const Index& index, DiagnosticSink* diags);        // attachment_check.cc
void CheckPrecedence(const Index& index, DiagnosticSink* diags);        // precedence_check.cc
void CheckIngresses(const Index& index, DiagnosticSink* diags);         // ingress_check.cc

}  // namespace gwc

#endif  // GWC_CHECK_CHECK_H_
