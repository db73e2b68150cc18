// Copyright 2026 The gwc Authors.
//
// Suppression: the per-object annotation gwc.dev/ignore ("CODE[,CODE]:
// reason"), the disabled codes and severity overrides of .gwc.yaml and
// --disable. Malformed annotations are findings themselves (GWC7001).

#ifndef GWC_DRIVER_SUPPRESS_H_
#define GWC_DRIVER_SUPPRESS_H_

#include <vector>

#include "compiler/base/diag.h"
#include "compiler/driver/config.h"
#include "compiler/model/object.h"

namespace gwc {

inline constexpr std::string_view kIgnoreAnnotation = "gwc.dev/ignore";

// Validates gwc.dev/ignore annotations on `objects` (reporting GWC7001).
void CheckIgnoreAnnotations(const std::vector<Object>& objects, DiagnosticSink* diags);

// Removes suppressed diagnostics and applies severity overrides. Returns the
// number removed.
size_t ApplySuppressions(const std::vector<Object>& objects, const LintConfig& config,
                         std::vector<Diagnostic>* diags);

}  // namespace gwc

#endif  // GWC_DRIVER_SUPPRESS_H_
