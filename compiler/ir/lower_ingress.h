// Copyright 2026 The gwc Authors.
//
// Lowering of networking.k8s.io/v1 Ingresses into the route IR the way an
// nginx-style controller programs them: one virtual server per host, so a
// request for a host some rule names is answered by that host's rules only
// (and the Ingress's defaultBackend), never by rules without host; those
// serve every other host. Paths follow the specification: Exact and
// element-wise Prefix, longest path first with Exact before an equal
// Prefix, the older Ingress winning a tie; host wildcards match exactly
// one label. Hosts listed under spec.tls are also served on 443.
//
// Each IngressClass becomes one Gateway of the IR, "ingress/<class>"
// (ingress/default for Ingresses without a class), with a listener per
// host and port (http-<host>, https-<host>) and catch-alls (http, https).
// A controller dialect (keyed by IngressClass spec.controller, see
// ingress_dialect.h) rewrites each host's rules into what its controller
// does; without one, ImplementationSpecific paths are read as Prefix and
// a warning says so.

#ifndef GWC_IR_LOWER_INGRESS_H_
#define GWC_IR_LOWER_INGRESS_H_

#include <string>
#include <vector>

#include "compiler/ir/ingress_dialect.h"
#include "compiler/ir/ir.h"
#include "compiler/model/index.h"

namespace gwc {

struct IngressLowering {
  std::vector<const IngressDialect*> dialects;  // not owned

  const IngressDialect* ForController(std::string_view controller) const;
};

// The IngressClass name an Ingress belongs to: spec.ingressClassName, the
// legacy annotation, else the one class marked default ("" when none).
std::string IngressClassOf(const Index& index, const Object& ingress);
// spec.controller of IngressClass `cls` ("" when unknown).
std::string IngressControllerOf(const Index& index, const std::string& cls);

// The dialect Ingresses of class `cls` are read with: the one for the
// IngressClass's controller; when the IngressClass is not in the input,
// the one whose annotations the class's Ingresses carry, if they carry
// only one dialect's (`inferred` then true); else nullptr.
const IngressDialect* IngressDialectOf(const Index& index, const IngressLowering& lowering, const std::string& cls,
                                       bool* inferred = nullptr);

// Appends a Gateway per IngressClass in use and a route per Ingress to
// `program`. `warnings` receives one line per ImplementationSpecific path
// lowered without a dialect and whatever the dialects note.
void LowerIngresses(const Index& index, const IngressLowering& options, ir::Program* program,
                    std::vector<std::string>* warnings);

}  // namespace gwc

#endif  // GWC_IR_LOWER_INGRESS_H_
