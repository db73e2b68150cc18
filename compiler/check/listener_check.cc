// Copyright 2026 The gwc Authors.
//
// Listeners: conflicts on a port within a Gateway and its ListenerSets
// (ProtocolConflict, HostnameConflict), hostnames claimed by two Gateways of
// one class, HTTPS without tls, Selector without selector, and route kinds a
// listener's protocol cannot carry.

#include <algorithm>
#include <map>
#include <string>

#include "compiler/model/admission.h"
#include "compiler/check/check.h"
#include "compiler/model/index.h"
#include "compiler/check/report.h"
#include "compiler/model/gateway_api.h"

namespace gwc {

namespace {

bool IsL7(std::string_view p) { return p == "HTTP" || p == "HTTPS" || p == "TLS"; }

// Route kinds that a listener of `protocol` can carry; empty = unknown protocol.
std::vector<std::string_view> KindsForProtocol(std::string_view protocol) {
  if (protocol == "HTTP" || protocol == "HTTPS") return {"HTTPRoute", "GRPCRoute"};
  if (protocol == "TLS") return {"TLSRoute", "TCPRoute"};
  if (protocol == "TCP") return {"TCPRoute"};
  if (protocol == "UDP") return {"UDPRoute"};
  return {};
}

std::string ListenerName(const Listener& l) {
  return std::string(l.owner->kind) + " " + std::string(l.owner->ns) + "/" +
         std::string(l.owner->name) + " listener '" + std::string(l.name) + "'";
}

void CheckConflictPair(const Listener& a, const Listener& b, DiagnosticSink* diags) {
  if (a.port != b.port) return;
  // The same port, protocol and hostname within one object is GWC3007.
  if (a.owner == b.owner && a.protocol == b.protocol && a.hostname == b.hostname) return;
  const bool same_host = a.hostname == b.hostname;
  std::string why;
  if ((a.protocol == "TCP" && IsL7(b.protocol)) || (b.protocol == "TCP" && IsL7(a.protocol))) {
    why = "ProtocolConflict: a TCP listener cannot share port " + std::to_string(a.port) +
          " with " + std::string(a.protocol == "TCP" ? b.protocol : a.protocol) + " listeners";
  } else if (a.protocol == b.protocol && (a.protocol == "TCP" || a.protocol == "UDP")) {
    why = "ProtocolConflict: two " + std::string(a.protocol) + " listeners on port " +
          std::to_string(a.port) + " cannot be told apart";
  } else if (IsL7(a.protocol) && IsL7(b.protocol) && same_host && a.protocol != b.protocol) {
    why = "HostnameConflict: " + std::string(a.protocol) + " and " + std::string(b.protocol) +
          " listeners on port " + std::to_string(a.port) + " have the same hostname '" +
          std::string(a.hostname.empty() ? "*" : a.hostname) + "'";
  } else if (a.owner != b.owner && a.protocol == b.protocol && same_host && IsL7(a.protocol)) {
    why = "HostnameConflict: listeners on port " + std::to_string(a.port) +
          " have the same protocol and hostname";
  }
  if (why.empty()) return;
  Report(diags, DiagCode::kListenerConflict, *b.owner, b.node->Get("port"), why,
         {Related(a.node, "conflicts with " + ListenerName(a))});
}

// A Gateway's listeners together with those of ListenerSets naming it.
// What the API server would refuse (RefusedWhole) conflicts with nothing
// else: a refused ListenerSet is left out, and nothing merges into a
// refused Gateway, whose own listeners are still checked against each
// other (so one lint run shows all that is wrong with it).
std::map<const Object*, std::vector<Listener>> GroupListeners(const Index& index) {
  std::map<const Object*, std::vector<Listener>> out;
  for (const Object* gw : index.OfKind(kGatewayApiGroup, "Gateway")) out[gw] = ListenersOf(*gw);
  for (const Object* ls : index.OfKind(kGatewayApiGroup, "ListenerSet")) {
    if (RefusedWhole(*ls)) continue;
    const Node* spec = ls->root->Get("spec");
    const Node* parent = spec ? spec->Get("parentRef") : nullptr;
    if (!parent || !parent->IsMap()) continue;
    ObjectRef ref = ReadRef(parent, kGatewayApiGroup, "Gateway", ls->ns);
    const Object* gw = index.Find(ref.group, ref.kind, ref.ns, ref.name);
    std::string from;
    // Never merged:
    if (!gw || RefusedWhole(*gw) || !ListenerSetAdmitted(index, *gw, *ls, &from)) continue;
    for (const Listener& l : ListenersOf(*ls)) out[gw].push_back(l);
  }
  return out;
}

void CheckAllowedRoutes(const Listener& l, DiagnosticSink* diags) {
  const Object& owner = *l.owner;
  if (l.protocol == "HTTPS" && !l.tls) {
    Report(diags, DiagCode::kHttpsWithoutTls, owner, l.node->Get("protocol"),
           "HTTPS listener '" + std::string(l.name) + "' has no tls block, so it has no certificate");
  }
  const Node* ar = l.allowed_routes;
  if (!ar || !ar->IsMap()) return;
  const Node* ns = ar->Get("namespaces");
  if (ns && ns->Str("from") == "Selector" && !ns->Get("selector")) {
    Report(diags, DiagCode::kSelectorMissing, owner, ns->Get("from"),
           "allowedRoutes.namespaces.from is Selector but no selector is given; no namespace is "
           "selected");
  }
  const Node* kinds = ar->Get("kinds");
  std::vector<std::string_view> allowed = KindsForProtocol(l.protocol);
  if (!kinds || !kinds->IsSeq() || allowed.empty()) return;
  for (uint32_t i = 0; i < kinds->size; ++i) {
    const Node* k = kinds->values[i];
    std::string_view group = k->Str("group", kGatewayApiGroup);
    std::string_view kind = k->Str("kind");
    bool ok = group == kGatewayApiGroup &&
              std::find(allowed.begin(), allowed.end(), kind) != allowed.end();
    if (!ok) {
      Report(diags, DiagCode::kInvalidRouteKinds, owner, k->Get("kind") ? k->Get("kind") : k,
             "route kind '" + std::string(kind) + "' cannot attach to a " +
                 std::string(l.protocol) + " listener");
    }
  }
}

std::string_view ClassOf(const Object& gw) {
  const Node* spec = gw.root->Get("spec");
  return spec ? spec->Str("gatewayClassName") : std::string_view();
}

bool HasAddresses(const Object& gw) {
  const Node* spec = gw.root->Get("spec");
  const Node* a = spec ? spec->Get("addresses") : nullptr;
  return a && a->IsSeq() && a->size > 0;
}

// Two Gateways of one class without distinct addresses claiming a hostname.
void CheckAcrossGateways(const std::map<const Object*, std::vector<Listener>>& groups,
                         DiagnosticSink* diags) {
  std::map<std::tuple<std::string_view, int, std::string_view>, const Listener*> claimed;
  for (const auto& [gw, listeners] : groups) {
    if (HasAddresses(*gw) || RefusedWhole(*gw)) continue;
    for (const Listener& l : listeners) {
      if (!IsL7(l.protocol) || l.hostname.empty() || l.owner != gw) continue;
      auto key = std::make_tuple(ClassOf(*gw), l.port, l.hostname);
      auto [it, inserted] = claimed.emplace(key, &l);
      if (inserted || it->second->owner == gw) continue;
      Report(diags, DiagCode::kHostnameOverlapAcrossGateways, *gw, l.node->Get("hostname"),
             "hostname '" + std::string(l.hostname) + "' on port " + std::to_string(l.port) +
                 " is also claimed by " + it->second->owner->Display() + " of the same class",
             {Related(it->second->node->Get("hostname"), "claimed here")});
    }
  }
}

}  // namespace

void CheckListeners(const Index& index, DiagnosticSink* diags) {
  auto groups = GroupListeners(index);
  for (const auto& [gw, listeners] : groups) {
    for (size_t i = 0; i < listeners.size(); ++i) {
      CheckAllowedRoutes(listeners[i], diags);
      for (size_t j = 0; j < i; ++j) CheckConflictPair(listeners[j], listeners[i], diags);
    }
  }
  CheckAcrossGateways(groups, diags);
}

}  // namespace gwc
