// Copyright 2026 The gwc Authors.
//
// Orchestration of the per-object checks and the cross-object analyzers.

#include "compiler/check/check.h"

#include <algorithm>

#include "compiler/base/parallel.h"
#include "compiler/model/gateway_api.h"
#include "compiler/model/index.h"
#include "compiler/check/metadata_check.h"
#include "compiler/check/rules.h"
#include "compiler/check/schema_check.h"

namespace gwc {

namespace {

void ResolveNamespace(Object* obj, const KindSchema* ks, const CheckOptions& options) {
  bool namespaced = ks ? ks->namespaced : true;
  if (!namespaced) {
    obj->ns = {};
  } else if (obj->ns.empty()) {
    // The object outlives `options`: its namespace lives in its arena.
    obj->ns = obj->arena->Intern(options.default_namespace);
  }
}

// Whether the API server refuses an object for this finding: a version it
// does not serve, or a value the CRD's schema or validation rules forbid.
// Not: unknown fields (pruned), a route hostname that is an IP address
// (an HTTPRoute's schema lets it through), and GWC3012, which is stricter
// than the CRD's rule (the rules it flags a controller drops anyway,
// rule_validity.h). A finding under `status` is not one either: a create
// or an update of the object itself does not take its status.
bool ApiServerRefuses(const Diagnostic& d) {
  if (d.severity != Severity::kError) return false;
  if (d.field_path == "status" || d.field_path.starts_with("status.")) return false;
  switch (d.code) {
    case DiagCode::kWrongType: case DiagCode::kImplicitType: case DiagCode::kRequiredMissing:
    case DiagCode::kEnumValue: case DiagCode::kPattern: case DiagCode::kLimit:
    case DiagCode::kListDuplicate: case DiagCode::kFormat: case DiagCode::kVersionNotServed:
    case DiagCode::kMetadataInvalid: case DiagCode::kAddressDuplicate: case DiagCode::kAddressValue:
    case DiagCode::kInfrastructureKey: case DiagCode::kListenerTlsNotAllowed: case DiagCode::kListenerTlsMode:
    case DiagCode::kListenerHostnameNotAllowed: case DiagCode::kListenerDuplicate:
    case DiagCode::kListenerTlsCertificates: case DiagCode::kParentRefsSection: case DiagCode::kTooManyMatches:
    case DiagCode::kRedirectWithBackends: case DiagCode::kBackendPortRequired: case DiagCode::kTimeoutOrder:
    case DiagCode::kPathValue: case DiagCode::kFilterRepeated: case DiagCode::kRedirectAndRewrite:
    case DiagCode::kFilterConfigMismatch: case DiagCode::kCorsWildcardMixed: case DiagCode::kMirrorFraction:
    case DiagCode::kPathModifierMismatch: case DiagCode::kGrpcMethodMatch: case DiagCode::kBackendTlsCaSource:
    case DiagCode::kSubjectAltName: case DiagCode::kRuleNameDuplicate: case DiagCode::kExternalAuthConfig:
    case DiagCode::kSessionPersistence: case DiagCode::kXBackendShape: case DiagCode::kIngressNoRules:
    case DiagCode::kIngressClassConflict: case DiagCode::kIngressPathInvalid: case DiagCode::kIngressInvalid:
      return true;
    default:
      return false;
  }
}

// `message` on one line: a refused value may hold line breaks, and the
// message is repeated in warnings and status conditions.
std::string OneLine(std::string_view message) {
  std::string out;
  for (char c : message) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out;
}

// Whether `path` is `field` or lies under it.
bool Under(std::string_view path, std::string_view field) {
  return path.starts_with(field) &&
         (path.size() == field.size() || path[field.size()] == '.' || path[field.size()] == '[');
}

void RunObjectChecks(Object* obj, const SchemaRegistry& schemas, const CheckOptions& options,
                     DiagnosticSink* diags) {
  const KindSchema* ks = FindKindSchema(*obj, schemas);
  ResolveNamespace(obj, ks, options);
  CheckMetadata(*obj, ks ? ks->namespaced : true, diags);
  if (CheckSchema(obj, schemas, diags) != SchemaOutcome::kValidated) return;
  CheckIngressSpec(*obj, diags);
  if (obj->group == kGatewayApiGroup || obj->group == "gateway.networking.x-k8s.io") {
    CheckGatewayRules(*obj, diags);
    CheckRouteRules(*obj, schemas.channel(), diags);
    CheckPolicyRules(*obj, diags);
    CheckRouteRegexes(*obj, diags);
    CheckRuleSemantics(*obj, diags);
  }
}

}  // namespace

void CheckObject(Object* obj, const SchemaRegistry& schemas, const CheckOptions& options,
                 DiagnosticSink* diags) {
  DiagnosticSink own;
  RunObjectChecks(obj, schemas, options, &own);
  std::vector<Diagnostic> found = own.TakeSorted();
  std::vector<std::string_view> pruned;  // what the server drops is not checked
  for (const Diagnostic& d : found) {
    if (d.code == DiagCode::kUnknownField) pruned.push_back(d.field_path);
  }
  obj->api_errors.clear();
  for (Diagnostic& d : found) {
    bool in_pruned = std::any_of(pruned.begin(), pruned.end(), [&](std::string_view f) { return Under(d.field_path, f); });
    if (ApiServerRefuses(d) && !in_pruned) obj->api_errors.push_back({d.code, d.field_path, OneLine(d.message)});
    diags->Add(std::move(d));
  }
}

void CheckAcrossObjects(const std::vector<Object>& objects, const CheckOptions& options,
                        DiagnosticSink* diags) {
  Index index(objects, options.inventory);
  using Analyzer = void (*)(const Index&, DiagnosticSink*);
  // Most expensive first, so the two threads finish together.
  static constexpr Analyzer kAnalyzers[] = {CheckPrecedence, CheckIngresses, CheckReferences,
                                            CheckAttachment, CheckDuplicates, CheckListeners};
  constexpr size_t kCount = sizeof(kAnalyzers) / sizeof(kAnalyzers[0]);
  ParallelFor(kCount, options.threads, [&](size_t i) { kAnalyzers[i](index, diags); });
}

}  // namespace gwc
