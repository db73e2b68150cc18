// Copyright 2026 The gwc Authors.
//
// Small helpers every analyzer uses to turn a node of an object into a
// Diagnostic with the right span, field path and object name.

#ifndef GWC_CHECK_REPORT_H_
#define GWC_CHECK_REPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/model/node.h"
#include "compiler/model/object.h"

namespace gwc {

// Reports `code` at `node` of `obj` (node may be defaulted: the span then
// falls back to the nearest written ancestor, the path stays exact).
void Report(DiagnosticSink* diags, DiagCode code, const Object& obj, const Node* node,
            std::string message, std::vector<RelatedSpan> related = {},
            std::string fix_hint = {});

// Reports about a field `child` that is absent under `parent`.
void ReportMissing(DiagnosticSink* diags, DiagCode code, const Object& obj, const Node* parent,
                   std::string_view child, std::string message);

// Reports `code` at the key of `value` (a mapping entry's name rather than
// its value), with the field path of the entry.
void ReportKey(DiagnosticSink* diags, DiagCode code, const Object& obj, const Node* value,
               std::string message, std::vector<RelatedSpan> related = {},
               std::string fix_hint = {});

// A related span pointing at `node`, or at the key of `value`.
RelatedSpan Related(const Node* node, std::string message);
RelatedSpan RelatedKey(const Node* value, std::string message);

}  // namespace gwc

#endif  // GWC_CHECK_REPORT_H_
