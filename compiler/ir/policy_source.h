// Copyright 2026 The gwc Authors.
//
// The plugin interface of a vendor's policies (Kong plugins and consumers,
// Envoy Gateway SecurityPolicy and BackendTrafficPolicy, ...): after the
// routes are lowered, each source adds what its objects enforce to the
// rules they attach to (ir::Policies) and the consumers their credentials
// name (ir::Program::consumers). Sources run in registry order; each only
// adds. Secret values become digests here and go nowhere else. Lint asks
// the same sources for their findings.

#ifndef GWC_IR_POLICY_SOURCE_H_
#define GWC_IR_POLICY_SOURCE_H_

#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/ir/ir.h"
#include "compiler/model/index.h"

namespace gwc {

class PolicySource {
 public:
  virtual ~PolicySource() = default;
  virtual std::string_view name() const = 0;
  // Attaches the policies of `index`'s objects to `program`. Notes on what
  // could not be modelled go to `warnings` (one line each).
  virtual void Attach(const Index& index, ir::Program* program, std::vector<std::string>* warnings) const = 0;
  // Whether `object` is one this source reads (lint builds the index for
  // Check only when some object is).
  virtual bool Concerns(const Object& object) const = 0;
  // Lint: attachments to missing objects, conflicting policies, and
  // policies that cannot work as written (8xxx findings).
  virtual void Check(const Index& index, DiagnosticSink* diags) const = 0;
};

}  // namespace gwc

#endif  // GWC_IR_POLICY_SOURCE_H_
