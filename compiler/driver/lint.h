// Copyright 2026 The gwc Authors.
//
// `gwc lint`: load, check, suppress, render, and decide the exit code. The
// command-line front end fills LintOptions; everything else is here so tests
// can run the whole pipeline in-process.

#ifndef GWC_DRIVER_LINT_H_
#define GWC_DRIVER_LINT_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/base/render.h"
#include "compiler/frontend/yaml_parser.h"
#include "compiler/model/schema_registry.h"

namespace gwc {

struct LintOptions {
  std::vector<std::string> paths;            // files, directories, "-"
  OutputFormat format = OutputFormat::kText;
  Severity fail_on = Severity::kError;
  bool fail_on_set = false;                  // given on the command line (beats the config)
  std::vector<std::string> disable;          // codes or slugs
  std::vector<std::string> crd_files;        // --crd
  std::string inventory_file;                // --inventory
  std::string config_file;                   // --config; empty: search .gwc.yaml upward
  Channel channel = Channel::kExperimental;
  std::string default_namespace = "default";
  bool color = false;
  bool quiet = false;                        // no summary on stderr
  bool stats = false;                        // phase timings on stderr
  unsigned threads = 0;
  ParseLimits limits;
};

// Runs lint. Writes the report to `out` and a human summary to `err`.
// Returns the process exit code (see exit_codes.h).
int RunLint(const LintOptions& options, std::ostream& out, std::ostream& err);

}  // namespace gwc

#endif  // GWC_DRIVER_LINT_H_
