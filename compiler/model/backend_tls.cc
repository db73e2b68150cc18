// Copyright 2026 The gwc Authors.
//
// BackendTLSPolicy validation and target lookup.

#include "compiler/model/backend_tls.h"

#include <tuple>

#include "compiler/model/conflict_order.h"
#include "compiler/model/gateway_api.h"

namespace gwc {

namespace {

bool TargetsService(const Object& policy, std::string_view service, std::string_view section,
                    bool any_section) {
  const Node* spec = policy.root->Get("spec");
  const Node* targets = spec ? spec->Get("targetRefs") : nullptr;
  for (uint32_t i = 0; targets && targets->IsSeq() && i < targets->size; ++i) {
    const Node* t = targets->values[i];
    if (!t->Str("group").empty() || t->Str("kind") != "Service" || t->Str("name") != service) continue;
    if (any_section || t->Str("sectionName") == section) return true;
  }
  return false;
}

// Whether an older policy in the namespace targets one of `policy`'s
// targets with the same sectionName.
bool LosesConflict(const Index& index, const Object& policy) {
  const Node* spec = policy.root->Get("spec");
  const Node* targets = spec ? spec->Get("targetRefs") : nullptr;
  for (const Object* other : index.OfKind(kGatewayApiGroup, "BackendTLSPolicy")) {
    if (other == &policy || other->ns != policy.ns || !WinsConflict(*other, policy)) continue;
    for (uint32_t i = 0; targets && targets->IsSeq() && i < targets->size; ++i) {
      const Node* t = targets->values[i];
      if (TargetsService(*other, t->Str("name"), t->Str("sectionName"), false)) return true;
    }
  }
  return false;
}

}  // namespace

PolicyVerdict JudgeBackendTlsPolicy(const Index& index, const Object& policy) {
  PolicyVerdict v;
  const Node* spec = policy.root->Get("spec");
  const Node* validation = spec ? spec->Get("validation") : nullptr;
  const Node* refs = validation ? validation->Get("caCertificateRefs") : nullptr;
  // An unusable reference leaves the policy's references unresolved (the
  // first one's reason); the policy is not accepted only when none is usable.
  size_t usable = 0;
  for (uint32_t i = 0; refs && refs->IsSeq() && i < refs->size; ++i) {
    ObjectRef ref = ReadRef(refs->values[i], "", "ConfigMap", policy.ns);
    std::string what = "caCertificateRefs[" + std::to_string(i) + "]";
    if (!ref.group.empty() || ref.kind != "ConfigMap") {
      if (v.resolved.status) v.resolved = {"ResolvedRefs", false, "InvalidKind", what + " must name a ConfigMap"};
    } else if (!UsableCaConfigMap(index, policy.ns, ref.name)) {
      if (v.resolved.status) {
        v.resolved = {"ResolvedRefs", false, "InvalidCACertificateRef",
                      what + ": ConfigMap " + std::string(ref.name) + " is missing or has no PEM ca.crt"};
      }
    } else {
      ++usable;
    }
  }
  if (!v.resolved.status && usable == 0) {
    v.accepted = {"Accepted", false, "NoValidCACertificate", "no caCertificateRefs entry is a usable CA certificate"};
    return v;
  }
  std::string_view known = validation ? validation->Str("wellKnownCACertificates") : "";
  if (!known.empty() && known != "System") {
    v.accepted = {"Accepted", false, "Invalid", "unsupported wellKnownCACertificates"};
  } else if (LosesConflict(index, policy)) {
    v.accepted = {"Accepted", false, "Conflicted",
                  "an older policy targets the same Service and section"};
  }
  return v;
}

const Object* BackendTlsPolicyFor(const Index& index, std::string_view ns,
                                  std::string_view service, int port) {
  std::string_view port_name;
  if (const Object* svc = index.Find("", "Service", ns, service)) {
    const Node* spec = svc->root->Get("spec");
    const Node* ports = spec ? spec->Get("ports") : nullptr;
    for (uint32_t i = 0; ports && ports->IsSeq() && i < ports->size; ++i) {
      const Node* p = ports->values[i];
      const Node* number = p->Get("port");
      if (number && number->text == std::to_string(port)) port_name = p->Str("name");
    }
  }
  for (std::string_view section : {port_name, std::string_view()}) {
    const Object* best = nullptr;
    for (const Object* p : index.OfKind(kGatewayApiGroup, "BackendTLSPolicy")) {
      if (p->ns != ns || !TargetsService(*p, service, section, false)) continue;
      if (!best || WinsConflict(*p, *best)) best = p;
    }
    if (best) return best;
  }
  return nullptr;
}

}  // namespace gwc
