// Copyright 2026 The gwc Authors.
//
// Lowering of networking.k8s.io/v1 Ingresses into the route IR with the
// Ingress specification's semantics: Exact and element-wise Prefix paths,
// longest path first with Exact before an equal Prefix, host wildcards
// matching exactly one label, defaultBackend for whatever matches no rule,
// and TLS hosts served on 443. Each IngressClass becomes one Gateway of
// the IR, "ingress/<class>" (ingress/default for Ingresses without a
// class), with listeners http:80 and https:443.
//
// ImplementationSpecific paths mean what the controller decides: a
// dialect (keyed by IngressClass spec.controller) lowers them. Plugins
// register dialects; without one the path is read as Prefix, as the
// specification's reference behaviour, and a warning says so.

#ifndef GWC_IR_LOWER_INGRESS_H_
#define GWC_IR_LOWER_INGRESS_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "compiler/model/index.h"

namespace gwc {

// Lowers one ImplementationSpecific path of `ingress` into a match.
// Returns false when the dialect cannot express it (the path is skipped
// and `warnings` says why).
using IngressPathDialect =
    std::function<bool(const Object& ingress, std::string_view path, ir::Match* match)>;

struct IngressLowering {
  std::map<std::string, IngressPathDialect, std::less<>> dialects;  // by controller name
};

// Appends a Gateway per IngressClass in use and a route per Ingress to
// `program`. `warnings` receives one line per ImplementationSpecific path
// lowered without a dialect.
void LowerIngresses(const Index& index, const IngressLowering& options, ir::Program* program,
                    std::vector<std::string>* warnings);

}  // namespace gwc

#endif  // GWC_IR_LOWER_INGRESS_H_
