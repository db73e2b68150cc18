// Copyright 2026 The gwc Authors.
//
// BackendTLSPolicy decisions shared by the lowering (which backends are
// reached over TLS, with which server name, and which must fail because
// their policy has no valid CA) and the status writer (SEMANTICS.md
// "BackendTLSPolicy", (g) Policies).

#ifndef GWC_MODEL_BACKEND_TLS_H_
#define GWC_MODEL_BACKEND_TLS_H_

#include <string>
#include <string_view>

#include "compiler/model/index.h"
#include "compiler/model/listener_state.h"

namespace gwc {

struct PolicyVerdict {
  Condition accepted{"Accepted", true, "Accepted", ""};
  Condition resolved{"ResolvedRefs", true, "ResolvedRefs", ""};
};

// Accepted / ResolvedRefs of a policy on its own: CA references (kind,
// existence, PEM content), wellKnownCACertificates, and conflicts with an
// older policy (creationTimestamp, then name) on the same Service and
// sectionName.
PolicyVerdict JudgeBackendTlsPolicy(const Index& index, const Object& policy);

// The policy that governs traffic to `port` of Service ns/name: among the
// policies whose sectionName names that port, else among those without a
// sectionName, the one that wins a conflict (oldest, then by name). Null
// when none applies.
const Object* BackendTlsPolicyFor(const Index& index, std::string_view ns,
                                  std::string_view service, int port);

}  // namespace gwc

#endif  // GWC_MODEL_BACKEND_TLS_H_
