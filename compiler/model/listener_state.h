// Copyright 2026 The gwc Authors.
//
// What a conformant controller decides about each listener of a Gateway
// (SEMANTICS.md (c), (g)): the Gateway's own listeners, then those of the
// ListenerSets it admits (oldest first, then by ns/name), each with its
// supported route kinds and its Accepted / ResolvedRefs / Conflicted /
// Programmed conditions. The lowering programs only usable listeners; the
// status writer reports all of them. One definition for both.

#ifndef GWC_MODEL_LISTENER_STATE_H_
#define GWC_MODEL_LISTENER_STATE_H_

#include <string>
#include <vector>

#include "compiler/model/admission.h"
#include "compiler/model/gateway_api.h"
#include "compiler/model/index.h"

namespace gwc {

struct Condition {
  std::string type;
  bool status = true;
  std::string reason;
  std::string message;
};

struct ListenerState {
  Listener listener;  // owner = the Gateway or the ListenerSet
  std::vector<std::string> supported_kinds;
  bool accepted = true;
  std::string accepted_reason = "Accepted";
  bool resolved = true;
  std::string resolved_reason = "ResolvedRefs";
  bool conflicted = false;
  std::string conflict_reason;  // HostnameConflict, ProtocolConflict
  // Another HTTPS listener on its port serves hostnames it serves too
  // (OverlappingTLSConfig, set only when true).
  bool overlapping_tls = false;
  // A TLS-terminating listener with nothing to terminate TLS with
  // (CheckCertificates).
  bool no_certificate = false;
  std::string message;          // why, when something is wrong

  // Routes attach to it (and count in attachedRoutes).
  bool Usable() const { return accepted && !conflicted; }
  // Traffic reaches its routes: it is usable and, when it terminates TLS,
  // has a certificate to do so with.
  bool Serves() const { return Usable() && !no_certificate; }
  bool Programmed() const { return Serves() && resolved; }
  // The listener's status conditions in Kubernetes order.
  std::vector<Condition> Conditions() const;
};


// A Secret of type kubernetes.io/tls whose tls.crt and tls.key hold PEM
// data.
bool UsableTlsSecret(const Object& secret);

// Whether ConfigMap ns/name exists (or cannot be checked: the input has no
// ConfigMaps) and, when present, holds a PEM ca.crt.
bool UsableCaConfigMap(const Index& index, std::string_view ns, std::string_view name);

// The frontend TLS validation block (spec.tls.frontend) of `gateway` that
// applies to listeners on `port`: the perPort entry, else the default.
const Node* FrontendValidation(const Object& gateway, int port);

// The ListenerSets that target `gateway` and that it admits, in listener
// precedence order (creationTimestamp, then ns/name).
std::vector<const Object*> AdmittedListenerSets(const Index& index, const Object& gateway);

// Whether `listener_set` (admitted by the Gateway whose listener `states`
// these are) is accepted: one of its listeners is programmed. The
// listeners of one that is not carry no routes.
bool ListenerSetAccepted(const std::vector<ListenerState>& states, const Object& listener_set);

// Every listener of `gateway` (its own, then its ListenerSets') with its
// state. `grants` resolves cross-namespace certificate references.
std::vector<ListenerState> GatewayListeners(const Index& index, const Object& gateway,
                                            ReferenceGrants* grants);

}  // namespace gwc

#endif  // GWC_MODEL_LISTENER_STATE_H_
