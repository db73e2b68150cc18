// Copyright 2026 The gwc Authors.
//
// Documentation generated from diag_codes.def: `gwc explain CODE` and
// docs/diagnostics.md (`gwc docs diagnostics`), so the two never drift.

#ifndef GWC_DRIVER_EXPLAIN_H_
#define GWC_DRIVER_EXPLAIN_H_

#include <iosfwd>
#include <string_view>

#include "compiler/base/diag.h"

namespace gwc {

// Prints the documentation of one code.
void WriteExplanation(const DiagInfo& info, std::ostream& out);
// Prints one line per code: "GWC1001  error    yaml-syntax  summary".
void WriteCodeList(std::ostream& out);
// Writes the whole reference as Markdown.
void WriteDiagnosticsMarkdown(std::ostream& out);

}  // namespace gwc

#endif  // GWC_DRIVER_EXPLAIN_H_
