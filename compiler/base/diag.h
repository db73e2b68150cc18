// Copyright 2026 The gwc Authors.
//
// Diagnostics: one finding about the user's input. A Diagnostic has a stable
// code from diag_codes.def, a severity, a message, a primary span with the
// Kubernetes field path of the offending node, related spans ("shadowed by
// this rule") and an optional fix hint. Analyzers report into a
// DiagnosticSink; only main() turns the collected findings into an exit code.

#ifndef GWC_BASE_DIAG_H_
#define GWC_BASE_DIAG_H_

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source.h"

namespace gwc {

enum class Severity : uint8_t { kInfo = 0, kWarning = 1, kError = 2 };

// "error", "warning" or "info".
std::string_view SeverityName(Severity s);
// Parses "error" / "warning" / "info"; nullopt otherwise.
std::optional<Severity> ParseSeverity(std::string_view s);

enum class DiagCode : uint16_t {
#define GWC_DIAG(name, number, severity, slug, reason, summary, explanation) name,
#include "compiler/base/diag_codes.def"
#undef GWC_DIAG
  kCount
};

// Static facts about a code, from diag_codes.def.
struct DiagInfo {
  DiagCode code;
  int number;                   // 1001
  Severity default_severity;
  std::string_view slug;        // "yaml-syntax"
  std::string_view status_reason;  // "NotAllowedByListeners" or ""
  std::string_view summary;     // one sentence
  std::string_view explanation; // a paragraph
};

const DiagInfo& InfoFor(DiagCode code);
// All codes in table order.
const std::vector<DiagInfo>& AllDiagInfos();
// Looks up "GWC1234", "1234" or a slug; nullptr if unknown.
const DiagInfo* FindDiagInfo(std::string_view name);
// "GWC1234".
std::string CodeName(DiagCode code);

struct RelatedSpan {
  Span span;
  std::string message;
};

struct Diagnostic {
  DiagCode code = DiagCode::kYamlSyntax;
  Severity severity = Severity::kError;
  std::string message;
  Span span;
  std::string field_path;  // "spec.rules[0].backendRefs[1].name"; may be empty
  std::string object;      // "HTTPRoute shop/orders"; may be empty
  std::vector<RelatedSpan> related;
  std::string fix_hint;  // may be empty
};

// Collects diagnostics from any thread. Sorting gives a deterministic order
// (file, position, code) no matter which thread reported first.
class DiagnosticSink {
 public:
  void Add(Diagnostic d);
  // Moves the diagnostics out, sorted by file id, offset, code and message.
  std::vector<Diagnostic> TakeSorted();
  size_t size() const;

 private:
  mutable std::mutex mu_;
  std::vector<Diagnostic> diags_;
};

}  // namespace gwc

#endif  // GWC_BASE_DIAG_H_
