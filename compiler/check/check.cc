// Copyright 2026 The gwc Authors.
//
// Orchestration of the per-object checks and the cross-object analyzers.

#include "compiler/check/check.h"

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

// Whether the API server refuses an object for this finding: a value its
// schema or validation rules do not allow (2002-2009, 2013, 3xxx errors).
// An unknown field (2001) is pruned, not refused; an unknown kind or
// version (2010-2012) is outside what the server validates; a route
// hostname that is an IP address (3025) passes an HTTPRoute's schema; and
// `status` is not taken from a create or an update of the object itself.
bool ApiServerRefuses(const Diagnostic& d) {
  if (d.severity != Severity::kError || d.code == DiagCode::kHostnameIp) return false;
  if (d.field_path == "status" || d.field_path.starts_with("status.")) return false;
  int n = InfoFor(d.code).number;
  return (n >= 2002 && n <= 2009) || n == 2013 || (n >= 3000 && n < 4000);
}

void RunObjectChecks(Object* obj, const SchemaRegistry& schemas, const CheckOptions& options,
                     DiagnosticSink* diags) {
  const KindSchema* ks = FindKindSchema(*obj, schemas);
  ResolveNamespace(obj, ks, options);
  CheckMetadata(*obj, ks ? ks->namespaced : true, diags);
  if (CheckSchema(obj, schemas, diags) != SchemaOutcome::kValidated) return;
  if (obj->group == kGatewayApiGroup || obj->group == "gateway.networking.x-k8s.io") {
    CheckGatewayRules(*obj, diags);
    CheckRouteRules(*obj, diags);
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
  obj->api_errors.clear();
  for (Diagnostic& d : own.TakeSorted()) {
    if (ApiServerRefuses(d)) obj->api_errors.push_back({d.field_path, d.message});
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
