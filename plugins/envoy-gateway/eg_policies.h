// Copyright 2026 The gwc Authors.
//
// Envoy Gateway's SecurityPolicy and BackendTrafficPolicy as enforced
// policies, attached by targetRefs (or the older targetRef) to a Gateway,
// an HTTPRoute/GRPCRoute, or one named rule of one (sectionName). For each
// rule the most specific policy of a kind wins (rule > route > Gateway),
// the oldest among equals, as Envoy Gateway merges them.
// Modelled: SecurityPolicy apiKeyAuth (client ids from credentialRefs
// Secrets, the first Secret naming an id wins), basicAuth ({SHA} htpasswd),
// cors, authorization (ordered rules on client CIDRs and methods);
// jwt (providers as alternatives, optional; JWKS inline, from a ConfigMap,
// or remote: the URL is kept and gwrt is given its document with --jwks);
// BackendTrafficPolicy rateLimit.local (header Exact/Distinct and
// sourceCIDR Exact/Distinct selectors) and requestBuffer.limit. Not yet:
// extAuth, oidc, global rate limits (warnings).

#ifndef GWC_PLUGINS_ENVOY_GATEWAY_EG_POLICIES_H_
#define GWC_PLUGINS_ENVOY_GATEWAY_EG_POLICIES_H_

#include "compiler/ir/policy_source.h"

namespace gwc {

class EnvoyGatewayPolicies : public PolicySource {
 public:
  std::string_view name() const override { return "envoy-gateway"; }
  void Attach(const Index& index, ir::Program* program, std::vector<std::string>* warnings) const override;
  bool Concerns(const Object& object) const override;
  void Check(const Index& index, DiagnosticSink* diags) const override;
};

}  // namespace gwc

#endif  // GWC_PLUGINS_ENVOY_GATEWAY_EG_POLICIES_H_
