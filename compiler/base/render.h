// Copyright 2026 The gwc Authors.
//
// Renderers turn diagnostics into what users read: clang-style text, JSON,
// SARIF 2.1.0 (GitHub code scanning), JUnit XML and GitHub workflow-command
// annotations. Every renderer writes only its format to `out`, so stdout stays
// machine-readable; summaries for humans go to stderr from the driver.

#ifndef GWC_BASE_RENDER_H_
#define GWC_BASE_RENDER_H_

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/base/source.h"

namespace gwc {

enum class OutputFormat { kText, kJson, kSarif, kJunit, kGithub };

// Parses "text|json|sarif|junit|github"; nullopt otherwise.
std::optional<OutputFormat> ParseOutputFormat(std::string_view name);

struct RenderOptions {
  bool color = false;            // ANSI colors (text only)
  std::string tool_version;      // "0.1.0"
  std::string working_directory; // absolute; SARIF invocation and URI base
};

// Writes `diags` (already sorted) in `format` to `out`. File names and source
// lines are taken from `sources`. Never fails; unknown spans print without
// location.
void RenderDiagnostics(OutputFormat format, const std::vector<Diagnostic>& diags,
                       const SourceSet& sources, const RenderOptions& options, std::ostream& out);

// One format each; RenderDiagnostics dispatches to these.
void RenderText(const std::vector<Diagnostic>& diags, const SourceSet& sources,
                const RenderOptions& options, std::ostream& out);
void RenderJson(const std::vector<Diagnostic>& diags, const SourceSet& sources,
                const RenderOptions& options, std::ostream& out);
void RenderSarif(const std::vector<Diagnostic>& diags, const SourceSet& sources,
                 const RenderOptions& options, std::ostream& out);
void RenderJunit(const std::vector<Diagnostic>& diags, const SourceSet& sources,
                 const RenderOptions& options, std::ostream& out);
void RenderGithub(const std::vector<Diagnostic>& diags, const SourceSet& sources,
                  const RenderOptions& options, std::ostream& out);

}  // namespace gwc

#endif  // GWC_BASE_RENDER_H_
