// Copyright 2026 The gwc Authors.
//
// gwc-conformance: runs a Gateway API conformance cases file as a dry run
// (compiler/driver/conformance.h). Exit codes: 0 the pass rate reaches
// --min-pass-percent, 1 it does not, 2 usage error or unreadable cases.

#include <CLI/CLI.hpp>
#include <iostream>

#include "compiler/driver/conformance.h"
#include "compiler/driver/exit_codes.h"

int main(int argc, char** argv) {
  gwc::ConformanceOptions o;
  CLI::App app("gwc-conformance: the Gateway API conformance suite as a dry run");
  app.add_option("--cases", o.cases_file, "Cases file (JSON, the format of conformance/README.md)")
      ->required();
  app.add_option("--manifests", o.manifests_dir, "Folder with base.yaml and the tests' manifests")
      ->required();
  app.add_option("--only", o.only, "Run only tests whose name contains this");
  app.add_option("--min-pass-percent", o.min_pass_percent,
                 "Exit 0 when at least this share of the checked cases passes (default 100)");
  app.add_flag("--verbose,-v", o.verbose, "Also print passing cases");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? gwc::kExitOk : gwc::kExitUsage;
  }
  try {
    return gwc::RunConformance(o, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "gwc-conformance: internal error: " << e.what() << "\n";
    return gwc::kExitInternal;
  }
}
