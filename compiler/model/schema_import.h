// Copyright 2026 The gwc Authors.
//
// The CRD importer: a CustomResourceDefinition's openAPIV3Schema (read by the
// frontend into a Node tree) to gwc's compact schema JSON. Descriptions,
// examples and x-kubernetes-validations are dropped; the CEL rules are
// counted so the import record can say how many native checks stand in for
// them. Used by `gwc schema import`, by ci/import-schemas.sh to regenerate
// schemas/, and at run time for --crd.

#ifndef GWC_MODEL_SCHEMA_IMPORT_H_
#define GWC_MODEL_SCHEMA_IMPORT_H_

#include <string>

#include "compiler/base/status.h"
#include "compiler/model/node.h"

namespace gwc {

struct ImportedSchema {
  std::string group;
  std::string kind;
  std::string plural;
  std::string compact_json;  // one line, deterministic
  int cel_rules_dropped = 0;
};

// Imports the CRD whose document root is `crd`. Fails with InvalidArgument
// when the document is not an apiextensions.k8s.io CustomResourceDefinition
// or has no versions with schemas.
Result<ImportedSchema> ImportCrd(const Node& crd);

}  // namespace gwc

#endif  // GWC_MODEL_SCHEMA_IMPORT_H_
