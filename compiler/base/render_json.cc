// Copyright 2026 The gwc Authors.
//
// The JSON report: one object with the tool, every diagnostic and a summary.
//
//   {"version": 1, "tool": {"name": "gwc", "version": "0.1.0"},
//    "diagnostics": [{"code": "GWC4012", "slug": ..., "severity": "error",
//                     "message": ..., "file": ..., "line": 12, "column": 15,
//                     "endLine": 12, "endColumn": 24, "fieldPath": ...,
//                     "object": ..., "statusReason": ..., "related": [...],
//                     "fix": ...}],
//    "summary": {"errors": 1, "warnings": 0, "infos": 0}}
//
// Lines and columns are 1-based, columns count code points and endColumn is
// one past the last character. file/line/column/endLine/endColumn are left out
// when the diagnostic has no known file; statusReason and fix when empty.
// Invalid UTF-8 in messages is replaced, so the output is always valid JSON.

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

#include "compiler/base/render.h"

namespace gwc {

namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;

// Adds file and position keys for `span` when its file is known.
void AddLocation(const SourceSet& sources, const Span& span, bool with_end, json& obj) {
  const SourceFile* file = span.valid() ? sources.Get(span.file) : nullptr;
  if (file == nullptr) return;
  LineCol start = file->Locate(span.begin);
  obj["file"] = file->path();
  obj["line"] = start.line;
  obj["column"] = start.column;
  if (!with_end) return;
  LineCol end = file->Locate(std::max(span.begin, span.end));
  obj["endLine"] = end.line;
  obj["endColumn"] = end.column;
}

json RelatedJson(const RelatedSpan& related, const SourceSet& sources) {
  json obj = json::object();
  AddLocation(sources, related.span, /*with_end=*/false, obj);
  obj["message"] = related.message;
  return obj;
}

json DiagnosticJson(const Diagnostic& d, const SourceSet& sources) {
  const DiagInfo& info = InfoFor(d.code);
  json obj = json::object();
  obj["code"] = CodeName(d.code);
  obj["slug"] = std::string(info.slug);
  obj["severity"] = std::string(SeverityName(d.severity));
  obj["message"] = d.message;
  AddLocation(sources, d.span, /*with_end=*/true, obj);
  obj["fieldPath"] = d.field_path;
  obj["object"] = d.object;
  if (!info.status_reason.empty()) obj["statusReason"] = std::string(info.status_reason);
  json related = json::array();
  for (const RelatedSpan& r : d.related) related.push_back(RelatedJson(r, sources));
  obj["related"] = std::move(related);
  if (!d.fix_hint.empty()) obj["fix"] = d.fix_hint;
  return obj;
}

json SummaryJson(const std::vector<Diagnostic>& diags) {
  int errors = 0;
  int warnings = 0;
  int infos = 0;
  for (const Diagnostic& d : diags) {
    switch (d.severity) {
      case Severity::kError:
        ++errors;
        break;
      case Severity::kWarning:
        ++warnings;
        break;
      case Severity::kInfo:
        ++infos;
        break;
    }
  }
  return {{"errors", errors}, {"warnings", warnings}, {"infos", infos}};
}

}  // namespace

void RenderJson(const std::vector<Diagnostic>& diags, const SourceSet& sources,
                const RenderOptions& options, std::ostream& out) {
  json report = json::object();
  report["version"] = kFormatVersion;
  report["tool"] = {{"name", "gwc"}, {"version", options.tool_version}};
  json list = json::array();
  for (const Diagnostic& d : diags) list.push_back(DiagnosticJson(d, sources));
  report["diagnostics"] = std::move(list);
  report["summary"] = SummaryJson(diags);
  out << report.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace gwc
