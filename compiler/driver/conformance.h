// Copyright 2026 The gwc Authors.
//
// The Gateway API conformance suite as a dry run (`gwc-conformance`): for
// each test of a cases file (the format of ../shared/conformance/README.md)
// load base.yaml and the test's manifests plus the resources the upstream
// harness creates in code, compile them, send every request through the
// runtime and compare every status expectation with `gwc status`. Cases a
// dry run cannot observe are skipped, each with its reason.

#ifndef GWC_DRIVER_CONFORMANCE_H_
#define GWC_DRIVER_CONFORMANCE_H_

#include <iosfwd>
#include <string>

namespace gwc {

struct ConformanceOptions {
  std::string cases_file;
  std::string manifests_dir;  // where the manifests' file names are found
  std::string only;           // run only tests whose name contains this
  bool verbose = false;       // also print passes
  double min_pass_percent = 100;  // exit 0 when at least this share passes
};

// Prints each failure and skip, then "N passed, M failed, K skipped".
// Returns 0 when the pass rate (of non-skipped checks) reaches
// min_pass_percent, 1 when not, 2 when the cases file cannot be read.
int RunConformance(const ConformanceOptions& options, std::ostream& out, std::ostream& err);

}  // namespace gwc

#endif  // GWC_DRIVER_CONFORMANCE_H_
