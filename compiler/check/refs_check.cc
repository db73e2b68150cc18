// Copyright 2026 The gwc Authors.
//
// References between objects: duplicate identities, GatewayClass names,
// backends (Services and their ports), listener certificates, BackendTLSPolicy
// targets, ListenerSet parents, and ReferenceGrants (missing for a
// cross-namespace reference, or granting nothing). A target whose kind has no
// object at all in the input is "not in the input" (info), not an error.

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "compiler/check/check.h"
#include "compiler/model/admission.h"
#include "compiler/model/index.h"
#include "compiler/check/report.h"
#include "compiler/model/gateway_api.h"
#include "compiler/model/scalar.h"

namespace gwc {

namespace {

std::string Describe(const ObjectRef& r) {
  std::string s(r.kind);
  s += " ";
  if (!r.ns.empty()) s.append(r.ns).push_back('/');
  s.append(r.name);
  return s;
}

// Reports a target that did not resolve; returns true if it was found.
bool ReportUnresolved(const Index& index, const Object& from, const ObjectRef& ref,
                      std::string_view target_ns, DiagCode missing_code, DiagnosticSink* diags) {
  switch (index.Resolve(ref.group, ref.kind, target_ns, ref.name)) {
    case Resolution::kFound:
    case Resolution::kAmbiguous:
    case Resolution::kInventory:
      return true;
    case Resolution::kMissing:
      Report(diags, missing_code, from, ref.node->Get("name") ? ref.node->Get("name") : ref.node,
             Describe(ref) + " is not in the input or the inventory");
      return false;
    case Resolution::kNotInInput:
      Report(diags, DiagCode::kNotInInput, from, ref.node,
             Describe(ref) + " cannot be checked: the input has no " + std::string(ref.kind) +
                 " objects",
             {}, "list it in an --inventory file if it lives elsewhere");
      return false;
  }
  return false;
}

void CheckCrossNamespace(const Object& from, const ObjectRef& ref, ReferenceGrants* grants,
                         DiagnosticSink* diags) {
  if (ref.ns == from.ns) return;
  if (grants->Permitting(from, ref.group, ref.kind, ref.ns, ref.name)) return;
  Report(diags, DiagCode::kRefNotPermitted, from, ref.node->Get("namespace"),
         std::string(from.kind) + " in namespace '" + std::string(from.ns) + "' refers to " +
             Describe(ref) + ", but no ReferenceGrant in '" + std::string(ref.ns) + "' allows it",
         {}, "add a ReferenceGrant in namespace " + std::string(ref.ns) + " from " +
                 std::string(from.kind) + " in " + std::string(from.ns) + " to " +
                 std::string(ref.kind));
}

void CheckBackend(const Index& index, const Object& route, const ObjectRef& ref, ReferenceGrants* grants,
                  DiagnosticSink* diags) {
  if (ref.name.empty()) return;
  bool core_service = ref.group.empty() && ref.kind == "Service";
  if (ref.group == kGatewayApiGroup && ref.kind == "Service") {
    Report(diags, DiagCode::kInvalidBackendKind, route, ref.node->Get("group"),
           "Service is in the core API group, not '" + std::string(ref.group) + "'",
           {}, "use group: \"\" (or leave group out)");
    return;
  }
  if ((ref.group.empty() && !core_service) || ref.group == kGatewayApiGroup) {
    Report(diags, DiagCode::kInvalidBackendKind, route, ref.node->Get("kind") ? ref.node->Get("kind") : ref.node,
           "'" + std::string(ref.kind) + "' in group '" + std::string(ref.group) +
               "' is not a backend kind; core backends are Services");
    return;
  }
  CheckCrossNamespace(route, ref, grants, diags);
  if (!ReportUnresolved(index, route, ref, ref.ns, DiagCode::kBackendNotFound, diags) ||
      !core_service) {
    return;
  }
  if (const Object* svc = index.Find("", "Service", ref.ns, ref.name);
      svc && svc->root->Get("spec") && svc->root->Get("spec")->Str("type") == "ExternalName") {
    Report(diags, DiagCode::kExternalNameBackend, route, ref.node,
           "Service " + std::string(ref.ns) + "/" + std::string(ref.name) +
               " is of type ExternalName, which Gateway API implementations should not support as a backend",
           {}, "point the route at a Service with a selector or EndpointSlices");
  }
  if (ref.port && !index.ServiceHasPort(ref.ns, ref.name, *ref.port)) {
    Report(diags, DiagCode::kBackendPortNotFound, route, ref.node->Get("port"),
           "Service " + std::string(ref.ns) + "/" + std::string(ref.name) + " has no port " +
               std::to_string(*ref.port) + " (the port must be a Service port, not a targetPort)");
  }
}

void CheckCertificateRefs(const Index& index, const Object& gw, const Listener& l, ReferenceGrants* grants,
                          DiagnosticSink* diags) {
  const Node* refs = l.tls ? l.tls->Get("certificateRefs") : nullptr;
  if (!refs || !refs->IsSeq()) return;
  for (uint32_t i = 0; i < refs->size; ++i) {
    if (!refs->values[i]->IsMap()) continue;
    ObjectRef ref = ReadRef(refs->values[i], "", "Secret", gw.ns);
    if (!(ref.group.empty() && ref.kind == "Secret")) {
      Report(diags, DiagCode::kCertificateRef, gw, refs->values[i],
             "certificateRef kind '" + std::string(ref.kind) +
                 "' is not supported; core support is a Secret of type kubernetes.io/tls");
      continue;
    }
    CheckCrossNamespace(gw, ref, grants, diags);
    if (!ReportUnresolved(index, gw, ref, ref.ns, DiagCode::kCertificateRef, diags)) continue;
    const Object* secret = index.Find("", "Secret", ref.ns, ref.name);
    if (!secret) continue;
    std::string_view type = secret->root->Str("type", "Opaque");
    if (type == "kubernetes.io/tls") {
      for (std::string_view key : {"tls.crt", "tls.key"}) {
        const Node* data = secret->root->Get("data");
        const Node* string_data = secret->root->Get("stringData");
        bool has = (data && data->Get(key)) || (string_data && string_data->Get(key));
        if (!has && (data || string_data)) {
          Report(diags, DiagCode::kCertificateRef, gw, refs->values[i],
                 "Secret " + std::string(ref.ns) + "/" + std::string(ref.name) + " has no " +
                     std::string(key) + " entry",
                 {Related(data ? data : string_data, "the Secret's data")});
        }
      }
    } else {
      Report(diags, DiagCode::kCertificateRef, gw, refs->values[i],
             "Secret " + std::string(ref.ns) + "/" + std::string(ref.name) + " has type '" +
                 std::string(type) + "'; a listener certificate needs type kubernetes.io/tls",
             {Related(secret->root->Get("type") ? secret->root->Get("type") : secret->root,
                      "the Secret")});
    }
  }
}

void CheckGateway(const Index& index, const Object& gw, ReferenceGrants* grants, DiagnosticSink* diags) {
  const Node* spec = gw.root->Get("spec");
  const Node* cls = spec ? spec->Get("gatewayClassName") : nullptr;
  if (cls && cls->IsScalar() && !cls->text.empty()) {
    switch (index.Resolve(kGatewayApiGroup, "GatewayClass", "", cls->text)) {
      case Resolution::kMissing:
        Report(diags, DiagCode::kGatewayClassNotFound, gw, cls,
               "GatewayClass '" + std::string(cls->text) + "' is not in the input or the inventory");
        break;
      case Resolution::kNotInInput:
        Report(diags, DiagCode::kNotInInput, gw, cls,
               "GatewayClass '" + std::string(cls->text) +
                   "' cannot be checked: the input has no GatewayClass objects");
        break;
      default:
        break;
    }
  }
  for (const Listener& l : ListenersOf(gw)) CheckCertificateRefs(index, gw, l, grants, diags);
}

void CheckTargetRefs(const Index& index, const Object& policy, DiagnosticSink* diags) {
  const Node* spec = policy.root->Get("spec");
  const Node* refs = spec ? spec->Get("targetRefs") : nullptr;
  if (!refs || !refs->IsSeq()) return;
  for (uint32_t i = 0; i < refs->size; ++i) {
    if (!refs->values[i]->IsMap()) continue;
    ObjectRef ref = ReadRef(refs->values[i], "", "Service", policy.ns);
    if (ref.name.empty()) continue;
    ReportUnresolved(index, policy, ref, policy.ns, DiagCode::kPolicyTargetNotFound, diags);
  }
}

void CheckUnusedGrants(const Index& index, const ReferenceGrants& grants, DiagnosticSink* diags) {
  for (const Object* g : index.OfKind(kGatewayApiGroup, "ReferenceGrant")) {
    if (grants.Used(g)) continue;
    // Only judge grants whose referrers are part of the input at all.
    const Node* spec = g->root->Get("spec");
    const Node* from = spec ? spec->Get("from") : nullptr;
    bool referrers_present = false;
    for (uint32_t i = 0; from && from->IsSeq() && i < from->size; ++i) {
      const Node* e = from->values[i];
      for (const Object* o : index.OfKind(e->Str("group"), e->Str("kind"))) {
        referrers_present |= o->ns == e->Str("namespace");
      }
    }
    if (!referrers_present) continue;
    Report(diags, DiagCode::kReferenceGrantUnused, *g, spec,
           "no reference in the input uses this ReferenceGrant");
  }
}

}  // namespace

void CheckDuplicates(const Index& index, DiagnosticSink* diags) {
  std::map<std::tuple<std::string_view, std::string_view, std::string_view, std::string_view>,
           const Object*>
      seen;
  for (const Object& o : index.objects()) {
    if (o.name.empty()) continue;
    auto [it, inserted] = seen.emplace(std::make_tuple(o.group, o.kind, o.ns, o.name), &o);
    if (inserted) continue;
    const Object& first = *it->second;
    Report(diags, DiagCode::kDuplicateObject, o, o.metadata ? o.metadata->Get("name") : o.root,
           o.Display() + " is defined more than once; applying both keeps only the last",
           {Related(first.metadata ? first.metadata->Get("name") : first.root,
                    "first definition")});
  }
}

void CheckReferences(const Index& index, DiagnosticSink* diags) {
  ReferenceGrants grants(index);
  for (const Object& o : index.objects()) {
    if (o.group == kGatewayApiGroup && IsRouteKind(o.kind)) {
      for (const ObjectRef& ref : BackendRefsOf(o)) CheckBackend(index, o, ref, &grants, diags);
    } else if (o.group == kGatewayApiGroup && (o.kind == "Gateway" || o.kind == "ListenerSet")) {
      CheckGateway(index, o, &grants, diags);
    } else if (o.group == kGatewayApiGroup && o.kind == "BackendTLSPolicy") {
      CheckTargetRefs(index, o, diags);
    }
  }
  CheckUnusedGrants(index, grants, diags);
}

}  // namespace gwc
