// Copyright 2026 The gwc Authors.
//
// Private to the runtime: the policy VM. It runs one verified program
// (docs/bytecode.md) over a request, in the program's fixed phase order,
// and stops at the first step that answers the request itself (a denial,
// a limit, a CORS preflight). Every step reads the request as the client
// sent it; what the steps change (credentials hidden, consumer and claim
// headers, transforms, limit headers) is recorded, not applied, so the VM
// itself does not allocate on the common path. ApplyPolicyRequest and
// ApplyPolicyResponse write those changes when a decision is built.

#ifndef GWRT_SRC_POLICY_VM_H_
#define GWRT_SRC_POLICY_VM_H_

#include <string>
#include <string_view>
#include <vector>

#include "gwrt/policy.h"
#include "gwrt/router.h"
#include "runtime-stub/src/tables.h"

namespace gwrt {

struct PolicyRun {
  const Request* request = nullptr;
  std::vector<PolicyStep>* steps = nullptr;  // when set, every step taken

  // The verdict.
  int status = 0;                  // non-zero: the program answered (denied, limited, preflight)
  const char* denied = nullptr;    // the reason of a denial (docs/runtime.md vocabulary)
  uint32_t consumer = gwb::kNone;  // Consumers index once authenticated
  std::string subject;             // a JWT's sub when it names no consumer record
  bool rate_limited = false;
  bool preflight = false;          // `cors` answered a preflight
  gwb::List cors{0, 0};            // the CORS records that apply, if any

  // Recorded changes to the request.
  static constexpr size_t kMaxRecorded = gwb::kMaxDeferredPerProgram;
  struct Hidden {  // trivial, so a run starts without writing these
    bool query;
    uint32_t ref;  // StrRefs entry: the header or parameter name
  };
  Hidden hidden[kMaxRecorded];  // credentials to remove
  size_t hidden_count = 0;
  uint32_t identity_config = gwb::kNone;  // the AuthConfig that authenticated (consumer headers)
  uint32_t identity_jwt = gwb::kNone;     // the JwtProvider that did
  bool anonymous = false;
  bool groups_header = false;             // X-Consumer-Groups
  Headers claim_headers;                  // JWT claimToHeaders
  gwb::List request_edits[kMaxRecorded];
  size_t request_edit_count = 0;

  // Recorded for the answer.
  gwb::List response_edits[kMaxRecorded];
  size_t response_edit_count = 0;
  const char* challenge = nullptr;  // WWW-Authenticate scheme
  gwb::Str realm{0, 0};
  struct Window {
    const gwb::LimiterRecord* limiter;
    uint64_t used;       // requests counted in the window, this one included when allowed
    int64_t reset_s;     // seconds until the window ends
  };
  static constexpr size_t kMaxWindows = gwb::kMaxLimitWindows;  // per RateLimit instruction
  Window windows[kMaxWindows];
  size_t window_count = 0;
  size_t shown_window = 0;  // the one RateLimit-* headers describe
};

// Runs program `program` of `t`. Never fails: a verified program only
// indexes inside the tables.
void RunPolicyProgram(const Router::Tables& t, uint32_t program, PolicyState& state, PolicyRun* run);

// The request as the backend gets it after `run`: `headers` and `path`
// start as the client's.
void ApplyPolicyRequest(const Router::Tables& t, const PolicyRun& run, Headers* headers, std::string* path);

// Adds what `run` puts on the answer (limit headers, the challenge) and
// applies its response transforms.
void ApplyPolicyResponse(const Router::Tables& t, const PolicyRun& run, Headers* response);

}  // namespace gwrt

#endif  // GWRT_SRC_POLICY_VM_H_
