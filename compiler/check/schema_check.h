// Copyright 2026 The gwc Authors.
//
// Structural schema validation of one object, the way the API server applies
// a CRD schema: null fields are pruned, defaults are applied (into the tree,
// as nodes marked `defaulted`), then types, unknown fields, required fields,
// enums, patterns, limits, list-map/set uniqueness and formats are checked.
// Plain YAML scalars that Kubernetes reads as booleans or numbers in a
// string field are reported as implicit-type traps.

#ifndef GWC_CHECK_SCHEMA_CHECK_H_
#define GWC_CHECK_SCHEMA_CHECK_H_

#include "compiler/base/diag.h"
#include "compiler/model/object.h"
#include "compiler/model/schema_registry.h"

namespace gwc {

enum class SchemaOutcome {
  kValidated,    // a schema was found and applied
  kUnknownKind,  // no schema: reported as info, nothing else checked
  kNotServed,    // the version is not served: reported, not validated
};

// Validates and defaults `obj` against its kind's schema. Returns what
// happened so later checks can skip objects of unknown kinds.
SchemaOutcome CheckSchema(Object* obj, const SchemaRegistry& schemas, DiagnosticSink* diags);

// The kind's schema for `obj`, or nullptr (for scope lookups).
const KindSchema* FindKindSchema(const Object& obj, const SchemaRegistry& schemas);

}  // namespace gwc

#endif  // GWC_CHECK_SCHEMA_CHECK_H_
