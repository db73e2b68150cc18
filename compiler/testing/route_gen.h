// Copyright 2026 The gwc Authors.
//
// Generated route sets and requests for the differential tests and the
// lookup benchmark (never shipped). The mix follows issue 3: 45% exact
// paths, 25% nested prefixes, 10% regexes, 10% header matches, 10% method
// splits; N/20 hostnames of which 15% are wildcards; a few routes without
// hostnames. Requests mostly hit a route (possibly a deeper path, other
// headers or methods), some miss. Deterministic for a seed.

#ifndef GWC_TESTING_ROUTE_GEN_H_
#define GWC_TESTING_ROUTE_GEN_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "compiler/testing/reference_matcher.h"
#include "gwrt/router.h"
#include "runtime-stub/fuzz/repair_checksums.h"

namespace gwc {

// One Gateway "gen/gw" with an HTTP listener on port 80 without hostname
// and one for "*.wild.test" on port 80, and `routes` HTTPRoutes (one rule
// and one match each; every tenth route has a second rule).
ir::Program GenerateRoutes(size_t routes, uint64_t seed);

// The same request in the runtime's form.
gwrt::Request ToRuntimeRequest(const ReferenceRequest& r);

// One Gateway "gen/gw" (HTTP, port 80), one HTTPRoute "gen/r" with one rule
// matching every path, to backend gen/svc:80, enforcing `policies`;
// `consumers` for its credentials.
ir::Program PolicyRoute(ir::Policies policies, std::vector<ir::Consumer> consumers);

using gwrt::RepairChecksums;  // runtime-stub/fuzz/repair_checksums.h

class RequestGenerator {
 public:
  RequestGenerator(const ir::Program& program, uint64_t seed);
  // `zipf`: pick routes with a Zipf(1) skew instead of uniformly.
  ReferenceRequest Next(bool zipf = false);

 private:
  size_t PickRoute(bool zipf);
  std::string PathFor(const ir::Match& m);
  const ir::Program& program_;
  std::mt19937_64 rng_;
  std::vector<double> zipf_cdf_;
  std::vector<std::string> hostname_;  // per route: its first hostname, "" for none
};

}  // namespace gwc

#endif  // GWC_TESTING_ROUTE_GEN_H_
