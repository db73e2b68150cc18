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
#include <sstream>
#include <string>

#include "compiler/base/render.h"

namespace gwc {

namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;

// A JSON string literal; invalid UTF-8 is replaced, never thrown on.
std::string Quote(std::string_view s) {
  return json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
}

// Writes one object's members in the order given (callers keep them sorted,
// as the format promises), one per line at `indent`.
class ObjectWriter {
 public:
  ObjectWriter(std::ostream& out, int indent) : out_(out), indent_(indent) { out_ << "{"; }
  void Raw(std::string_view key, std::string_view raw_value) {
    out_ << (first_ ? "\n" : ",\n") << std::string(indent_ + 2, ' ') << '"' << key
         << "\": " << raw_value;
    first_ = false;
  }
  void String(std::string_view key, std::string_view value) { Raw(key, Quote(value)); }
  void Int(std::string_view key, long long value) { Raw(key, std::to_string(value)); }
  void Close() { out_ << '\n' << std::string(indent_, ' ') << '}'; }

 private:
  std::ostream& out_;
  int indent_;
  bool first_ = true;
};

struct Location {
  const SourceFile* file = nullptr;
  LineCol start, end;
};

Location Locate(const SourceSet& sources, const Span& span) {
  Location loc;
  loc.file = span.valid() ? sources.Get(span.file) : nullptr;
  if (!loc.file) return loc;
  loc.start = loc.file->Locate(span.begin);
  loc.end = loc.file->Locate(std::max(span.begin, span.end));
  return loc;
}

std::string RelatedJson(const RelatedSpan& related, const SourceSet& sources, int indent) {
  std::ostringstream out;
  ObjectWriter w(out, indent);
  Location loc = Locate(sources, related.span);
  if (loc.file) w.Int("column", loc.start.column);
  if (loc.file) w.String("file", loc.file->path());
  if (loc.file) w.Int("line", loc.start.line);
  w.String("message", related.message);
  w.Close();
  return out.str();
}

void WriteDiagnostic(const Diagnostic& d, const SourceSet& sources, std::ostream& out) {
  const DiagInfo& info = InfoFor(d.code);
  Location loc = Locate(sources, d.span);
  ObjectWriter w(out, 4);
  w.String("code", CodeName(d.code));
  if (loc.file) w.Int("column", loc.start.column);
  if (loc.file) w.Int("endColumn", loc.end.column);
  if (loc.file) w.Int("endLine", loc.end.line);
  w.String("fieldPath", d.field_path);
  if (loc.file) w.String("file", loc.file->path());
  if (!d.fix_hint.empty()) w.String("fix", d.fix_hint);
  if (loc.file) w.Int("line", loc.start.line);
  w.String("message", d.message);
  w.String("object", d.object);
  std::string related = "[";
  for (size_t i = 0; i < d.related.size(); ++i) {
    related += (i ? ",\n        " : "\n        ") + RelatedJson(d.related[i], sources, 8);
  }
  related += d.related.empty() ? "]" : "\n      ]";
  w.Raw("related", related);
  w.String("severity", SeverityName(d.severity));
  w.String("slug", info.slug);
  if (!info.status_reason.empty()) w.String("statusReason", info.status_reason);
  w.Close();
}

}  // namespace

void RenderJson(const std::vector<Diagnostic>& diags, const SourceSet& sources,
                const RenderOptions& options, std::ostream& out) {
  long long counts[3] = {0, 0, 0};
  out << "{\n  \"diagnostics\": [";
  for (size_t i = 0; i < diags.size(); ++i) {
    out << (i ? ",\n    " : "\n    ");
    WriteDiagnostic(diags[i], sources, out);
    ++counts[static_cast<int>(diags[i].severity)];
  }
  out << (diags.empty() ? "],\n" : "\n  ],\n");
  out << "  \"summary\": ";
  ObjectWriter summary(out, 2);
  summary.Int("errors", counts[static_cast<int>(Severity::kError)]);
  summary.Int("infos", counts[static_cast<int>(Severity::kInfo)]);
  summary.Int("warnings", counts[static_cast<int>(Severity::kWarning)]);
  summary.Close();
  out << ",\n  \"tool\": ";
  ObjectWriter tool(out, 2);
  tool.String("name", "gwc");
  tool.String("version", options.tool_version);
  tool.Close();
  out << ",\n  \"version\": " << kFormatVersion << "\n}\n";
}

}  // namespace gwc
