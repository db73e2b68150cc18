// Copyright 2026 The gwc Authors.
//
// gwc.dev/ignore annotations and configured suppressions.

#include "compiler/driver/suppress.h"

#include <algorithm>
#include <set>

#include "compiler/check/report.h"

namespace gwc {

namespace {

struct IgnoreSpec {
  std::vector<DiagCode> codes;
  std::string reason;
  std::string error;  // non-empty when malformed
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// "GWC4012,GWC5001: reason text"
IgnoreSpec ParseIgnore(std::string_view value) {
  IgnoreSpec spec;
  size_t colon = value.find(':');
  if (colon == std::string_view::npos) {
    spec.error = "has no ':' between the codes and the reason";
    return spec;
  }
  std::string_view codes = Trim(value.substr(0, colon));
  spec.reason = colon == std::string_view::npos ? "" : std::string(Trim(value.substr(colon + 1)));
  while (!codes.empty()) {
    size_t comma = codes.find(',');
    std::string_view code = Trim(codes.substr(0, comma));
    const DiagInfo* info = FindDiagInfo(code);
    if (!info) {
      spec.error = "names unknown code '" + std::string(code) + "'";
      return spec;
    }
    spec.codes.push_back(info->code);
    if (comma == std::string_view::npos) break;
    codes.remove_prefix(comma + 1);
  }
  if (spec.codes.empty()) spec.error = "names no code";
  else if (spec.reason.empty()) spec.error = "has no reason";
  return spec;
}

const Node* IgnoreNode(const Object& obj) {
  const Node* a = obj.Annotations();
  return a && a->IsMap() ? a->Get(kIgnoreAnnotation) : nullptr;
}

bool Within(const Span& inner, const Span& outer) {
  return inner.file == outer.file && inner.begin >= outer.begin && inner.begin < outer.end;
}

}  // namespace

void CheckIgnoreAnnotations(const std::vector<Object>& objects, DiagnosticSink* diags) {
  for (const Object& obj : objects) {
    const Node* n = IgnoreNode(obj);
    if (!n || !n->IsScalar()) continue;
    IgnoreSpec spec = ParseIgnore(n->text);
    if (spec.error.empty()) continue;
    Report(diags, DiagCode::kIgnoreWithoutReason, obj, n,
           std::string(kIgnoreAnnotation) + " " + spec.error + "; the form is \"GWC1234[,GWC5678]: reason\"");
  }
}

size_t ApplySuppressions(const std::vector<Object>& objects, const LintConfig& config,
                         std::vector<Diagnostic>* diags) {
  struct Scope {
    Span span;
    std::vector<DiagCode> codes;
  };
  std::vector<Scope> scopes;
  for (const Object& obj : objects) {
    const Node* n = IgnoreNode(obj);
    if (!n || !n->IsScalar()) continue;
    IgnoreSpec spec = ParseIgnore(n->text);
    if (spec.error.empty()) scopes.push_back({obj.root->span, spec.codes});
  }
  std::set<DiagCode> disabled(config.disabled.begin(), config.disabled.end());
  size_t before = diags->size();
  std::vector<Diagnostic> kept;
  for (Diagnostic& d : *diags) {
    if (disabled.count(d.code)) continue;
    auto override_it = config.severity.find(d.code);
    if (override_it != config.severity.end()) {
      if (!override_it->second) continue;  // "off"
      d.severity = *override_it->second;
    }
    bool suppressed = std::any_of(scopes.begin(), scopes.end(), [&](const Scope& s) {
      return Within(d.span, s.span) &&
             std::find(s.codes.begin(), s.codes.end(), d.code) != s.codes.end();
    });
    if (!suppressed) kept.push_back(std::move(d));
  }
  *diags = std::move(kept);
  return before - diags->size();
}

}  // namespace gwc
