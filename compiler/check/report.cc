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
    if (const Key* key = KeyOf(node)) return key->span;
  }
  return node->span;
}

void Add(DiagnosticSink* diags, DiagCode code, const Object& obj, Span span, std::string path,
         std::string message, std::vector<RelatedSpan> related, std::string fix_hint) {
  Diagnostic d;
  d.code = code;
  d.severity = InfoFor(code).default_severity;
  d.message = std::move(message);
  d.span = span;
  d.field_path = std::move(path);
  d.object = obj.Display();
  d.related = std::move(related);
  d.fix_hint = std::move(fix_hint);
  diags->Add(std::move(d));
}

}  // namespace

void Report(DiagnosticSink* diags, DiagCode code, const Object& obj, const Node* node,
            std::string message, std::vector<RelatedSpan> related, std::string fix_hint) {
  Add(diags, code, obj, KeyOrNodeSpan(node ? node : obj.root), FieldPath(node), std::move(message),
      std::move(related), std::move(fix_hint));
}

void ReportKey(DiagnosticSink* diags, DiagCode code, const Object& obj, const Node* value,
               std::string message, std::vector<RelatedSpan> related, std::string fix_hint) {
  const Key* key = KeyOf(value);
  Span span = key && !key->defaulted ? key->span : KeyOrNodeSpan(value);
  Add(diags, code, obj, span, FieldPath(value), std::move(message), std::move(related),
      std::move(fix_hint));
}

void ReportMissing(DiagnosticSink* diags, DiagCode code, const Object& obj, const Node* parent,
                   std::string_view child, std::string message) {
  Add(diags, code, obj, KeyOrNodeSpan(parent ? parent : obj.root), ChildPath(parent, child),
      std::move(message), {}, {});
}

RelatedSpan Related(const Node* node, std::string message) {
  return {KeyOrNodeSpan(node), std::move(message)};
}

RelatedSpan RelatedKey(const Node* value, std::string message) {
  const Key* key = KeyOf(value);
  return {key ? key->span : KeyOrNodeSpan(value), std::move(message)};
}

}  // namespace gwc
