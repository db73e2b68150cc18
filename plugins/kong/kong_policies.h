// Copyright 2026 The gwc Authors.
//
// Kong plugins as enforced policies, the way the Kong Ingress Controller
// configures Kong: KongPlugin / KongClusterPlugin attached with the
// konghq.com/plugins annotation on an HTTPRoute or a Kong-class Ingress
// (route scope), on a
// Service its rules send to (service scope), named by a rule's ExtensionRef
// (that rule), labelled global: "true" (every route), or on a KongConsumer
// (consumer scope). Of one plugin name only the most specific instance runs
// (route > service > global; consumer-scoped rate limits ahead of all).
// KongConsumers with their credential Secrets (key-auth, basic-auth, acl, jwt)
// become consumers; keys and passwords become digests.
// Modelled: key-auth, basic-auth, acl, ip-restriction, rate-limiting, cors,
// request-transformer and response-transformer (headers and query
// strings), request-size-limiting, jwt (consumer jwt credentials: HMAC
// secrets and RSA/EC public keys, selected by the key claim).

#ifndef GWC_PLUGINS_KONG_KONG_POLICIES_H_
#define GWC_PLUGINS_KONG_KONG_POLICIES_H_

#include "compiler/ir/policy_source.h"

namespace gwc {

class KongPolicies : public PolicySource {
 public:
  std::string_view name() const override { return "kong"; }
  void Attach(const Index& index, ir::Program* program, std::vector<std::string>* warnings) const override;
  bool Concerns(const Object& object) const override;
  void Check(const Index& index, DiagnosticSink* diags) const override;
};

}  // namespace gwc

#endif  // GWC_PLUGINS_KONG_KONG_POLICIES_H_
