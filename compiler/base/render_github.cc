// Copyright 2026 The gwc Authors.
//
// GitHub Actions workflow commands, which the runner turns into annotations on
// the changed files:
//
//   ::error file=r.yaml,line=12,col=15,endLine=12,endColumn=24,title=GWC4012 slug::text
//
// warning stays warning, info becomes notice. Data escapes %, CR and LF;
// property values also escape ':' and ','. The message carries the object,
// field path, notes and fix hint on further (escaped) lines. File names are
// made relative to the working directory when they lie under it.

#include <algorithm>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/render.h"

namespace gwc {

namespace {

std::string_view Command(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "notice";
  }
  return "error";
}

std::string EscapeData(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string EscapeProperty(std::string_view text) {
  std::string out;
  for (char c : EscapeData(text)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

// `path` relative to `dir` when it lies under it; without a leading "./".
std::string RelativePath(std::string_view path, std::string_view dir) {
  while (path.size() > 2 && path.substr(0, 2) == "./") path.remove_prefix(2);
  while (dir.size() > 1 && dir.back() == '/') dir.remove_suffix(1);
  if (dir.empty() || path.empty() || path.front() != '/') return std::string(path);
  std::string prefix = dir == "/" ? "/" : std::string(dir) + "/";
  if (path.size() > prefix.size() && path.substr(0, prefix.size()) == prefix) {
    path.remove_prefix(prefix.size());
  }
  return std::string(path);
}

std::string Property(std::string_view key, std::string_view value) {
  return std::string(key) + "=" + EscapeProperty(value);
}

// file, line, col, endLine and endColumn; none without a known file.
std::vector<std::string> LocationProperties(const Diagnostic& d, const SourceSet& sources,
                                            const RenderOptions& options) {
  const SourceFile* file = d.span.valid() ? sources.Get(d.span.file) : nullptr;
  if (file == nullptr) return {};
  LineCol start = file->Locate(d.span.begin);
  LineCol end = file->Locate(std::max(d.span.begin, d.span.end));
  if (end.line == start.line && end.column <= start.column) end.column = start.column + 1;
  return {Property("file", RelativePath(file->path(), options.working_directory)),
          Property("line", std::to_string(start.line)),
          Property("col", std::to_string(start.column)),
          Property("endLine", std::to_string(end.line)),
          Property("endColumn", std::to_string(end.column))};
}

std::string RelatedLine(const RelatedSpan& related, const SourceSet& sources,
                        const RenderOptions& options) {
  std::string line = "note: ";
  const SourceFile* file = related.span.valid() ? sources.Get(related.span.file) : nullptr;
  if (file != nullptr) {
    LineCol at = file->Locate(related.span.begin);
    line += RelativePath(file->path(), options.working_directory) + ":" + std::to_string(at.line) +
            ":" + std::to_string(at.column) + ": ";
  }
  return line + related.message;
}

std::string Message(const Diagnostic& d, const SourceSet& sources, const RenderOptions& options) {
  std::string text = d.message;
  if (!d.object.empty() || !d.field_path.empty()) {
    text += "\n";
    if (!d.object.empty()) text += "in " + d.object;
    if (!d.object.empty() && !d.field_path.empty()) text += " ";
    if (!d.field_path.empty()) text += "at " + d.field_path;
  }
  for (const RelatedSpan& related : d.related) {
    text += "\n" + RelatedLine(related, sources, options);
  }
  if (!d.fix_hint.empty()) text += "\nhelp: " + d.fix_hint;
  return text;
}

}  // namespace

void RenderGithub(const std::vector<Diagnostic>& diags, const SourceSet& sources,
                  const RenderOptions& options, std::ostream& out) {
  for (const Diagnostic& d : diags) {
    std::vector<std::string> properties = LocationProperties(d, sources, options);
    const DiagInfo& info = InfoFor(d.code);
    properties.push_back(Property("title", CodeName(d.code) + " " + std::string(info.slug)));
    out << "::" << Command(d.severity) << ' ';
    for (size_t i = 0; i < properties.size(); ++i) out << (i > 0 ? "," : "") << properties[i];
    out << "::" << EscapeData(Message(d, sources, options)) << '\n';
  }
}

}  // namespace gwc
