// Copyright 2026 The gwc Authors.
//
// `gwc status PATH...`: prints the status a conformant controller would
// set on each Gateway, ListenerSet, route, GatewayClass and
// BackendTLSPolicy of the input, as Kubernetes objects (apiVersion, kind,
// metadata, status) in YAML or JSON.

#ifndef GWC_DRIVER_STATUS_CMD_H_
#define GWC_DRIVER_STATUS_CMD_H_

#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "compiler/driver/compile.h"
#include "compiler/ir/status.h"

namespace gwc {

// The Kubernetes form of one object's status.
nlohmann::json StatusToJson(const ObjectStatus& s);

// Runs the command; `json` selects JSON (one array) over YAML (a stream of
// documents). Returns the exit code: 0, or 2 when an input could not be
// read whole (its errors printed on `err`) or nothing was read.
int RunStatus(const CompileOptions& options, bool json, std::ostream& out, std::ostream& err);

}  // namespace gwc

#endif  // GWC_DRIVER_STATUS_CMD_H_
