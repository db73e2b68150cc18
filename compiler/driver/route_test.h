// Copyright 2026 The gwc Authors.
//
// `gwc test PATH...`: route unit tests (RouteTest, DESIGN.md §4) next to
// the manifests they test. The manifests are compiled into a route table
// in memory; every case's request goes through the runtime, and what the
// case expects (route, backend, status, host, path, headers, redirect) is
// compared with the decision. `--coverage` lists the route rules no case
// reached, as Envoy's router check tool does.

#ifndef GWC_DRIVER_ROUTE_TEST_H_
#define GWC_DRIVER_ROUTE_TEST_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "compiler/driver/compile.h"

namespace gwc {

enum class TestFormat { kText, kJson, kJunit };

struct RouteTestOptions {
  CompileOptions compile;  // paths: manifests and RouteTest files together
  TestFormat format = TestFormat::kText;
  bool coverage = false;
  std::vector<std::string> jwks;  // "URL=FILE" key sets for remote JWKS (gwrt/jwks.h)
};

// Runs every case. Returns 0 when all pass, 1 when one fails (or, with
// --coverage, never: coverage only reports), 2 when there is no RouteTest,
// an input is not readable YAML (its errors are printed and no case runs),
// or a RouteTest or a --jwks file cannot be read.
int RunRouteTests(const RouteTestOptions& options, std::ostream& out, std::ostream& err);

}  // namespace gwc

#endif  // GWC_DRIVER_ROUTE_TEST_H_
