// Copyright 2026 The gwc Authors.
//
// Listener conditions: protocol support, route kinds, certificate
// references (kind, ReferenceGrant, existence, a PEM payload), and
// conflicts between listeners in precedence order.

#include "compiler/model/listener_state.h"
#include "compiler/model/conflict_order.h"
#include "compiler/model/hostname.h"
#include "compiler/model/secret.h"


#include <algorithm>
#include <map>
#include <tuple>

namespace gwc {

namespace {

// Whether a base64 Secret value decodes to PEM text.
bool LooksLikePem(std::string_view b64) {
  std::optional<std::string> pem = Base64Decode(b64);
  return pem && pem->find("-----BEGIN ") != std::string::npos;
}

// Checks tls.certificateRefs of a terminating listener: the first unusable
// one leaves its references unresolved. It has nothing to terminate TLS
// with (no_certificate) when it is HTTPS without a tls block, or when no
// reference is a Secret it may use that is not of another type than
// kubernetes.io/tls. A Secret absent from the input, or one whose data is
// not PEM, does not count against it: a dry run sees placeholders or
// encrypted values (SOPS) where the cluster has the key pair, or nothing
// where cert-manager makes it, so its routes are served while status
// reports the reference as a controller would.
void CheckCertificates(const Index& index, ListenerState* s, ReferenceGrants* grants) {
  const Listener& l = s->listener;
  if (!l.tls) {
    s->no_certificate = l.protocol == "HTTPS";
    return;
  }
  if (l.tls->Str("mode", "Terminate") != "Terminate") return;
  const Node* refs = l.tls->Get("certificateRefs");
  size_t usable = 0;
  for (uint32_t i = 0; refs && refs->IsSeq() && i < refs->size; ++i) {
    ObjectRef ref = ReadRef(refs->values[i], "", "Secret", l.owner->ns);
    auto fail = [&](const char* reason, std::string message) {
      if (!s->resolved) return;
      s->resolved = false;
      s->resolved_reason = reason;
      s->message = std::move(message);
    };
    std::string what = "certificateRefs[" + std::to_string(i) + "]";
    if (!ref.group.empty() || ref.kind != "Secret") {
      fail("InvalidCertificateRef", what + " must be a core Secret");
      continue;
    }
    if (ref.ns != l.owner->ns && !grants->Permitting(*l.owner, "", "Secret", ref.ns, ref.name)) {
      fail("RefNotPermitted", what + " refers to another namespace without a ReferenceGrant");
      continue;
    }
    Resolution r = index.Resolve("", "Secret", ref.ns, ref.name);
    const Object* secret = index.Find("", "Secret", ref.ns, ref.name);
    if (r == Resolution::kMissing || (secret && !UsableTlsSecret(*secret))) {
      fail("InvalidCertificateRef", what + " names a Secret that is missing, not of type kubernetes.io/tls, "
                                           "or holds no PEM key pair");
    }
    usable += !secret || secret->root->Str("type", "Opaque") == "kubernetes.io/tls";
  }
  s->no_certificate = usable == 0;
}

// Client-certificate validation of an HTTPS listener: an unusable CA
// reference leaves the listener's references unresolved (the reason and
// message of the first one); when no reference is usable the listener is
// not accepted either.
void CheckFrontendValidation(const Index& index, const Object& gateway, ListenerState* s,
                             ReferenceGrants* grants) {
  if (s->listener.protocol != "HTTPS") return;
  const Node* validation = FrontendValidation(gateway, s->listener.port);
  const Node* refs = validation ? validation->Get("caCertificateRefs") : nullptr;
  if (!refs || !refs->IsSeq() || refs->size == 0) return;
  std::string problem;
  const char* reason = nullptr;
  size_t usable = 0;
  auto unusable = [&](const char* r, std::string why) {
    if (reason) return;
    reason = r;
    problem = std::move(why);
  };
  for (uint32_t i = 0; i < refs->size; ++i) {
    ObjectRef ref = ReadRef(refs->values[i], "", "ConfigMap", gateway.ns);
    std::string what = "frontend caCertificateRefs[" + std::to_string(i) + "]";
    if (!ref.group.empty() || ref.kind != "ConfigMap") {
      unusable("InvalidCACertificateKind", what + " must name a ConfigMap");
    } else if (ref.ns != gateway.ns &&
               !grants->Permitting(gateway, "", "ConfigMap", ref.ns, ref.name)) {
      unusable("RefNotPermitted", what + " refers to another namespace without a ReferenceGrant");
    } else if (!UsableCaConfigMap(index, ref.ns, ref.name)) {
      unusable("InvalidCACertificateRef", what + " names a ConfigMap that is missing or has no PEM ca.crt");
    } else {
      ++usable;
    }
  }
  if (!reason) return;
  if (s->resolved) {  // a certificate problem found first keeps its reason
    s->resolved = false;
    s->resolved_reason = reason;
    s->message = problem;
  }
  if (usable == 0) {
    s->accepted = false;
    s->accepted_reason = "NoValidCACertificate";
  }
}

void CheckKinds(ListenerState* s) {
  std::vector<std::string> supported = KindsForProtocol(s->listener.protocol);
  const Node* kinds = s->listener.allowed_routes ? s->listener.allowed_routes->Get("kinds") : nullptr;
  if (!kinds || !kinds->IsSeq() || kinds->size == 0) {
    s->supported_kinds = supported;
    return;
  }
  for (uint32_t i = 0; i < kinds->size; ++i) {
    const Node* k = kinds->values[i];
    std::string kind(k->Str("kind"));
    bool ok = k->Str("group", kGatewayApiGroup) == kGatewayApiGroup &&
              std::find(supported.begin(), supported.end(), kind) != supported.end();
    if (ok) {
      s->supported_kinds.push_back(kind);
    } else if (s->resolved) {
      s->resolved = false;
      s->resolved_reason = "InvalidRouteKinds";
      s->message = "route kind " + kind + " is not supported on a " +
                   std::string(s->listener.protocol) + " listener";
    }
  }
}

bool IsHttpFamily(std::string_view p) { return p == "HTTP" || p == "HTTPS" || p == "TLS"; }

// Whether listener `b` conflicts with the earlier listener `a`. UDP and the
// protocols over TCP share a port number without sharing a socket; HTTP,
// HTTPS and TLS listeners on one port are distinct when their hostnames
// differ (SEMANTICS.md (c)), whatever their protocols.
const char* Conflict(const Listener& a, const Listener& b) {
  if (a.port != b.port || (a.protocol == "UDP") != (b.protocol == "UDP")) return nullptr;
  if (a.protocol != b.protocol) {
    if (IsHttpFamily(a.protocol) && IsHttpFamily(b.protocol) && a.hostname != b.hostname) return nullptr;
    return "ProtocolConflict";
  }
  if (IsHttpFamily(a.protocol)) return a.hostname == b.hostname ? "HostnameConflict" : nullptr;
  return "ProtocolConflict";  // two TCP (or two UDP) listeners on one port
}

void MarkConflicts(std::vector<ListenerState>* states, size_t own) {
  for (size_t i = 0; i < states->size(); ++i) {
    ListenerState& b = (*states)[i];
    if (!b.accepted) continue;
    for (size_t j = 0; j < i; ++j) {
      ListenerState& a = (*states)[j];
      if (!a.accepted || (a.conflicted && j >= own)) continue;
      const char* reason = Conflict(a.listener, b.listener);
      if (!reason) continue;
      b.conflicted = true;
      b.conflict_reason = reason;
      if (i < own) {  // the Gateway's own listeners: none of them wins
        a.conflicted = true;
        a.conflict_reason = reason;
      }
    }
  }
}

// HTTPS listeners on one port whose hostnames overlap (`*.example.com`
// and `foo.example.com`; no hostname overlaps every other): a client's SNI
// could pick either certificate.
void MarkOverlappingTls(std::vector<ListenerState>* states) {
  for (size_t i = 0; i < states->size(); ++i) {
    ListenerState& b = (*states)[i];
    if (b.listener.protocol != "HTTPS" || !b.Usable()) continue;
    for (size_t j = 0; j < i; ++j) {
      ListenerState& a = (*states)[j];
      if (a.listener.protocol != "HTTPS" || !a.Usable() || a.listener.port != b.listener.port) continue;
      if (IntersectHostnames(a.listener.hostname, b.listener.hostname)) a.overlapping_tls = b.overlapping_tls = true;
    }
  }
}

}  // namespace

bool UsableTlsSecret(const Object& secret) {
  if (secret.root->Str("type", "Opaque") != "kubernetes.io/tls") return false;
  const Node* data = secret.root->Get("data");
  const Node* string_data = secret.root->Get("stringData");
  for (const char* key : {"tls.crt", "tls.key"}) {
    const Node* v = data ? data->Get(key) : nullptr;
    const Node* s = string_data ? string_data->Get(key) : nullptr;
    bool ok = (v && LooksLikePem(v->text)) || (s && s->text.find("-----BEGIN ") != std::string_view::npos);
    if (!ok) return false;
  }
  return true;
}

bool UsableCaConfigMap(const Index& index, std::string_view ns, std::string_view name) {
  if (index.Resolve("", "ConfigMap", ns, name) == Resolution::kMissing) return false;
  const Object* cm = index.Find("", "ConfigMap", ns, name);
  const Node* data = cm ? cm->root->Get("data") : nullptr;
  const Node* ca = data ? data->Get("ca.crt") : nullptr;
  return !cm || (ca && ca->text.find("-----BEGIN ") != std::string_view::npos);
}

const Node* FrontendValidation(const Object& gateway, int port) {
  const Node* spec = gateway.root->Get("spec");
  const Node* tls = spec ? spec->Get("tls") : nullptr;
  const Node* frontend = tls ? tls->Get("frontend") : nullptr;
  if (!frontend) return nullptr;
  const Node* per_port = frontend->Get("perPort");
  for (uint32_t i = 0; per_port && per_port->IsSeq() && i < per_port->size; ++i) {
    const Node* p = per_port->values[i];
    const Node* number = p->Get("port");
    if (number && number->text == std::to_string(port)) {
      const Node* ptls = p->Get("tls");
      return ptls ? ptls->Get("validation") : nullptr;
    }
  }
  const Node* def = frontend->Get("default");
  return def ? def->Get("validation") : nullptr;
}

std::vector<Condition> ListenerState::Conditions() const {
  std::vector<Condition> out;
  if (conflicted) {
    out.push_back({"Accepted", false, conflict_reason, "conflicts with another listener"});
  } else {
    out.push_back({"Accepted", accepted, accepted_reason, accepted ? "" : message});
  }
  out.push_back({"ResolvedRefs", resolved, resolved_reason, resolved ? "" : message});
  out.push_back({"Conflicted", conflicted, conflicted ? conflict_reason : "NoConflicts", ""});
  std::string programmed_reason = Programmed() ? "Programmed" : conflicted ? conflict_reason : "Invalid";
  out.push_back({"Programmed", Programmed(), programmed_reason, ""});
  if (overlapping_tls) {
    out.push_back({"OverlappingTLSConfig", true, "OverlappingHostnames",
                   "another HTTPS listener on this port serves some of its hostnames"});
  }
  return out;
}

bool ListenerSetAccepted(const std::vector<ListenerState>& states, const Object& listener_set) {
  return std::any_of(states.begin(), states.end(), [&](const ListenerState& s) {
    return s.listener.owner == &listener_set && s.Programmed();
  });
}

std::vector<const Object*> AdmittedListenerSets(const Index& index, const Object& gateway) {
  std::vector<const Object*> out;
  for (const Object* ls : index.OfKind(kGatewayApiGroup, "ListenerSet")) {
    std::string from;
    if (GatewayOfListenerSet(index, *ls) == &gateway && ListenerSetAdmitted(index, gateway, *ls, &from)) {
      out.push_back(ls);
    }
  }
  std::sort(out.begin(), out.end(), [](const Object* a, const Object* b) { return WinsConflict(*a, *b); });
  return out;
}

std::vector<ListenerState> GatewayListeners(const Index& index, const Object& gateway,
                                            ReferenceGrants* grants) {
  std::vector<ListenerState> states;
  std::vector<const Object*> owners = {&gateway};
  size_t own = 0;
  for (const Object* ls : AdmittedListenerSets(index, gateway)) owners.push_back(ls);
  for (const Object* owner : owners) {
    for (const Listener& l : ListenersOf(*owner)) {
      ListenerState s;
      s.listener = l;
      if (KindsForProtocol(l.protocol).empty()) {
        s.accepted = false;
        s.accepted_reason = "UnsupportedProtocol";
        s.message = "protocol " + std::string(l.protocol) + " is not supported";
      } else {
        CheckKinds(&s);
        CheckCertificates(index, &s, grants);
        CheckFrontendValidation(index, gateway, &s, grants);
      }
      states.push_back(std::move(s));
    }
    if (owner == &gateway) own = states.size();
  }
  MarkConflicts(&states, own);
  MarkOverlappingTls(&states);
  return states;
}

}  // namespace gwc
