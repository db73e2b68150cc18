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

}  // namespace

void CheckObject(Object* obj, const SchemaRegistry& schemas, const CheckOptions& options,
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
