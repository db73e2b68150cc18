// Copyright 2026 The gwc Authors.
//
// Diagnostic construction for analyzers.

#include "compiler/check/report.h"

namespace gwc {

namespace {

// The span of the key that introduces `node` when there is one (so a finding
// about a whole mapping points at `spec:`), otherwise the node's own span.
Span KeyOrNodeSpan(const Node* node) {
  while (node && node->defaulted) node = node->parent;
  if (!node) return {};
  if (node->IsMap() || node->IsSeq()) {
    if (const Node* key = KeyOf(node)) return key->span;
  }
  return node->span;
}

}  // namespace

void Report(DiagnosticSink* diags, DiagCode code, const Object& obj, const Node* node,
            std::string message, std::vector<RelatedSpan> related, std::string fix_hint) {
  Diagnostic d;
  d.code = code;
  d.severity = InfoFor(code).default_severity;
  d.message = std::move(message);
  d.span = KeyOrNodeSpan(node ? node : obj.root);
  d.field_path = FieldPath(node);
  d.object = obj.Display();
  d.related = std::move(related);
  d.fix_hint = std::move(fix_hint);
  diags->Add(std::move(d));
}

void ReportMissing(DiagnosticSink* diags, DiagCode code, const Object& obj, const Node* parent,
                   std::string_view child, std::string message) {
  Diagnostic d;
  d.code = code;
  d.severity = InfoFor(code).default_severity;
  d.message = std::move(message);
  d.span = KeyOrNodeSpan(parent ? parent : obj.root);
  d.field_path = ChildPath(parent, child);
  d.object = obj.Display();
  diags->Add(std::move(d));
}

RelatedSpan Related(const Node* node, std::string message) {
  return {KeyOrNodeSpan(node), std::move(message)};
}

}  // namespace gwc


