// Copyright 2026 The gwc Authors.
//
// Istio's ingress routing (networking.istio.io Gateway and VirtualService,
// versions v1, v1beta1 and v1alpha3) in the route IR, the way an Istio
// ingress gateway programs Envoy:
//
//  * each Gateway becomes an IR gateway of the same namespace and name with
//    a listener per server host and port (HTTP, HTTP2, GRPC: HTTP, or HTTPS
//    with a `tls` section; HTTPS servers terminate TLS with credentialName);
//    an HTTP server with tls.httpsRedirect answers everything with a 301 to
//    https. A host "ns/name" admits only VirtualServices of namespace ns
//    ("." the Gateway's, "*" any, which is also the default);
//  * each VirtualService bound to Gateways (spec.gateways) is one
//    first-match route (ir::Route::first_match): its http rules, and the
//    matches of each, are tried in order; uri prefixes are plain string
//    prefixes; it is attached to every server whose hosts its hosts
//    intersect;
//  * a VirtualService Istio's validation rejects (route with redirect,
//    rewrite with redirect, directResponse with either, mirror with
//    mirrors, a rule with nothing to do) routes nothing, with a warning.
//
// What is read but not modelled (retries, fault injection, subsets, TLS
// and TCP routes, mesh-only VirtualServices, ...) is recorded per field as
// an IstioNote, which a migration turns into its report.

#ifndef GWC_PLUGINS_ISTIO_ISTIO_H_
#define GWC_PLUGINS_ISTIO_ISTIO_H_

#include <string>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/ir/ingress_dialect.h"
#include "compiler/ir/ir.h"
#include "compiler/model/index.h"

namespace gwc {

// What became of one field of one Istio object.
struct IstioNote {
  std::string object;  // "VirtualService shop/reviews"
  std::string field;   // "spec.http[0].retries"
  AnnotationFate fate = AnnotationFate::kIgnored;
  std::string detail;
};

// Appends an IR gateway per Istio Gateway and a first-match route per
// VirtualService bound to one to `program`. `warnings` gets one line per
// object Istio would reject or that names a Gateway not in the input;
// `notes` (may be null) what became of each field that is not translated
// as it is. Deterministic: the result does not depend on input order.
void LowerIstio(const Index& index, ir::Program* program, std::vector<std::string>* warnings,
                std::vector<IstioNote>* notes);

// Lint of one VirtualService: rules Istio's validation rejects (GWC8001)
// and matches an earlier match of the same VirtualService makes
// unreachable (GWC8002). Other objects are ignored.
void CheckIstioObject(const Object& object, DiagnosticSink* diags);

}  // namespace gwc

#endif  // GWC_PLUGINS_ISTIO_ISTIO_H_
