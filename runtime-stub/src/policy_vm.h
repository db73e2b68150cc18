// Copyright 2026 The gwc Authors.
//
// Private to the runtime: the policy VM. It runs one verified program
// (docs/bytecode.md) over a request, in the program's fixed phase order,
// and stops at the first step that answers the request itself (a denial,
// a limit, a CORS preflight). It edits the request the backend will see
// and collects what the answer must carry; decision.cc applies the rest
// (route filters, then the collected response edits).

#ifndef GWRT_SRC_POLICY_VM_H_
#define GWRT_SRC_POLICY_VM_H_

#include <string>
#include <vector>

#include "gwrt/policy.h"
#include "gwrt/router.h"
#include "runtime-stub/src/tables.h"

namespace gwrt {

struct PolicyRun {
  // In: the request; `headers` and `path` (with query) start as its own
  // and end as what the backend receives.
  const Request* request = nullptr;
  Headers headers;
  std::string path;

  // Out.
  int status = 0;                   // non-zero: the program answered (denied, limited, preflight)
  const char* denied = nullptr;     // the reason of a denial (docs/runtime.md vocabulary)
  uint32_t consumer = gwb::kNone;   // Consumers index once authenticated
  std::string subject;              // a JWT's sub when it names no consumer record
  bool rate_limited = false;
  bool preflight = false;           // `cors` answered a preflight
  gwb::List cors{0, 0};             // the CORS records that apply, if any
  Headers response_headers;         // added to the answer (limits, WWW-Authenticate)
  std::vector<gwb::List> response_edits;
  std::vector<PolicyStep>* steps = nullptr;  // when set, every step taken
};

// Runs program `program` of `t`. Never fails: a verified program only
// indexes inside the tables.
void RunPolicyProgram(const Router::Tables& t, uint32_t program, PolicyState& state, PolicyRun* run);

}  // namespace gwrt

#endif  // GWRT_SRC_POLICY_VM_H_
