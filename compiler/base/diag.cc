// Copyright 2026 The gwc Authors.
//
// The code table expanded from diag_codes.def, and the diagnostics sink.

#include "compiler/base/diag.h"

#include <algorithm>
#include <string>
#include <tuple>

namespace gwc {

namespace {

const std::vector<DiagInfo>& Table() {
  static const std::vector<DiagInfo> table = {
#define GWC_DIAG(name, number, severity, slug, reason, summary, explanation) \
  {DiagCode::name, number, Severity::severity, slug, reason, summary, explanation},
#include "compiler/base/diag_codes.def"
#undef GWC_DIAG
  };
  return table;
}

}  // namespace

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

std::optional<Severity> ParseSeverity(std::string_view s) {
  if (s == "error") return Severity::kError;
  if (s == "warning") return Severity::kWarning;
  if (s == "info") return Severity::kInfo;
  return std::nullopt;
}

const DiagInfo& InfoFor(DiagCode code) { return Table()[static_cast<size_t>(code)]; }

const std::vector<DiagInfo>& AllDiagInfos() { return Table(); }

const DiagInfo* FindDiagInfo(std::string_view name) {
  std::string_view digits = name;
  if (digits.size() > 3 && (digits.substr(0, 3) == "GWC" || digits.substr(0, 3) == "gwc")) {
    digits.remove_prefix(3);
  }
  for (const DiagInfo& info : Table()) {
    if (info.slug == name || std::to_string(info.number) == digits) return &info;
  }
  return nullptr;
}

std::string CodeName(DiagCode code) { return "GWC" + std::to_string(InfoFor(code).number); }

void DiagnosticSink::Add(Diagnostic d) {
  std::lock_guard<std::mutex> lock(mu_);
  diags_.push_back(std::move(d));
}

std::vector<Diagnostic> DiagnosticSink::TakeSorted() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Diagnostic> out = std::move(diags_);
  diags_.clear();
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.span.file, a.span.begin, a.code, a.message) <
           std::tie(b.span.file, b.span.begin, b.code, b.message);
  });
  return out;
}

size_t DiagnosticSink::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return diags_.size();
}

}  // namespace gwc
