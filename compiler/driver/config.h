// Copyright 2026 The gwc Authors.
//
// .gwc.yaml: project-wide lint settings, found upward from the working
// directory or given with --config. Keys: disable (codes), fail-on,
// severity (code -> error|warning|info|off), exclude (path globs),
// inventory (file, relative to the config file).

#ifndef GWC_DRIVER_CONFIG_H_
#define GWC_DRIVER_CONFIG_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/base/source.h"

namespace gwc {

struct LintConfig {
  std::string path;  // where it was read from; empty if none
  std::vector<DiagCode> disabled;
  std::optional<Severity> fail_on;
  std::map<DiagCode, std::optional<Severity>> severity;  // nullopt = off
  std::vector<std::string> exclude;
  std::string inventory;  // absolute or relative to the working directory
};

// Finds .gwc.yaml in the working directory or its parents; empty if none.
std::string FindConfigFile();

// Reads `path` into `config`. Problems are GWC7002 diagnostics located in
// the file (registered in `sources`). Returns false if the file is unreadable.
bool LoadConfig(const std::string& path, SourceSet* sources, LintConfig* config,
                DiagnosticSink* diags);

}  // namespace gwc

#endif  // GWC_DRIVER_CONFIG_H_
