// Copyright 2026 The gwc Authors.
//
// Output format names and the dispatch from a format to its renderer. The
// renderers themselves live in render_<format>.cc.

#include "compiler/base/render.h"

namespace gwc {

std::optional<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "text") return OutputFormat::kText;
  if (name == "json") return OutputFormat::kJson;
  if (name == "sarif") return OutputFormat::kSarif;
  if (name == "junit") return OutputFormat::kJunit;
  if (name == "github") return OutputFormat::kGithub;
  return std::nullopt;
}

void RenderDiagnostics(OutputFormat format, const std::vector<Diagnostic>& diags,
                       const SourceSet& sources, const RenderOptions& options, std::ostream& out) {
  switch (format) {
    case OutputFormat::kText:
      RenderText(diags, sources, options, out);
      return;
    case OutputFormat::kJson:
      RenderJson(diags, sources, options, out);
      return;
    case OutputFormat::kSarif:
      RenderSarif(diags, sources, options, out);
      return;
    case OutputFormat::kJunit:
      RenderJunit(diags, sources, options, out);
      return;
    case OutputFormat::kGithub:
      RenderGithub(diags, sources, options, out);
      return;
  }
}

}  // namespace gwc
