// Copyright 2026 The gwc Authors.
//
// CRD files given by the user: `gwc schema import` (print compact schemas)
// and `gwc lint --crd FILE` (validate against them at run time).

#ifndef GWC_DRIVER_CRD_H_
#define GWC_DRIVER_CRD_H_

#include <string>
#include <vector>

#include "compiler/base/status.h"
#include "compiler/model/schema_import.h"
#include "compiler/model/schema_registry.h"

namespace gwc {

// Imports every CustomResourceDefinition document of `path`. Fails if the
// file is unreadable, is not YAML, or holds no CRD; other documents are skipped.
Result<std::vector<ImportedSchema>> ImportCrdFile(const std::string& path);

// Imports each file and adds its kinds to `registry`.
Status AddUserCrds(const std::vector<std::string>& paths, SchemaRegistry* registry);

}  // namespace gwc

#endif  // GWC_DRIVER_CRD_H_
