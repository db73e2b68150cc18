// Copyright 2026 The gwc Authors.
//
// Gateway API's CRD validation rules (x-kubernetes-validations, written in
// CEL upstream) as native checks, one function per family of kinds. They run
// per object, after schema validation has applied the CRD defaults, so they
// see what the API server's CEL rules see (a backendRef without kind has
// kind Service, a listener tls block without mode has mode Terminate). The
// catalogue and the mapping of each upstream rule to a code is in
// docs/cel-rules.md.

#ifndef GWC_CHECK_RULES_H_
#define GWC_CHECK_RULES_H_

#include "compiler/base/diag.h"
#include "compiler/model/object.h"
#include "compiler/model/schema_registry.h"

namespace gwc {

// Gateway, ListenerSet and GatewayClass rules (G1-G15, ListenerSet rules).
void CheckGatewayRules(const Object& obj, DiagnosticSink* diags);
// HTTPRoute, GRPCRoute, TLSRoute, TCPRoute and UDPRoute rules (H*, F*, R*, M*)
// of `channel`: the experimental CRDs also tell parentRefs apart by port
// and require unique rule names.
void CheckRouteRules(const Object& obj, Channel channel, DiagnosticSink* diags);
// BackendTLSPolicy, XBackend and XBackendTrafficPolicy rules (B*, x-k8s).
void CheckPolicyRules(const Object& obj, DiagnosticSink* diags);
// RegularExpression values (paths, headers, query params, gRPC methods):
// RE2 syntax, and PCRE-only constructs named explicitly.
void CheckRouteRegexes(const Object& obj, DiagnosticSink* diags);

// Valid-but-wrong route rules: no backends, all-zero weights, header
// modifier conflicts, CORS credentials for every origin, filter
// combinations (rule_semantics.cc).
void CheckRuleSemantics(const Object& obj, DiagnosticSink* diags);

}  // namespace gwc

#endif  // GWC_CHECK_RULES_H_
