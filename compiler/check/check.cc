// Copyright 2026 The gwc Authors.
//
// Orchestration: resolve namespaces, run per-object checks in parallel (one
// task per file, since defaulting writes into the file's arena), then build
// the index and run the cross-object analyzers.

#include "compiler/check/check.h"

#include <map>

#include "compiler/base/parallel.h"
#include "compiler/check/index.h"
#include "compiler/check/metadata_check.h"
#include "compiler/check/rules.h"
#include "compiler/check/schema_check.h"

namespace gwc {

namespace {

void RunPerObjectChecks(Object* obj, const SchemaRegistry& schemas, DiagnosticSink* diags) {
  const KindSchema* ks = FindKindSchema(*obj, schemas);
  CheckMetadata(*obj, ks ? ks->namespaced : !obj->ns.empty(), diags);
  if (CheckSchema(obj, schemas, diags) != SchemaOutcome::kValidated) return;
  if (obj->group == kGatewayGroup || obj->group == "gateway.networking.x-k8s.io") {
    CheckGatewayRules(*obj, diags);
    CheckRouteRules(*obj, diags);
    CheckPolicyRules(*obj, diags);
    CheckRouteRegexes(*obj, diags);
  }
}

void ResolveNamespaces(std::vector<Object>* objects, const SchemaRegistry& schemas,
                       const CheckOptions& options) {
  for (Object& o : *objects) {
    const KindSchema* ks = FindKindSchema(o, schemas);
    bool namespaced = ks ? ks->namespaced : true;
    if (!namespaced) {
      o.ns = {};
    } else if (o.ns.empty()) {
      o.ns = options.default_namespace;
    }
  }
}

}  // namespace

void CheckObjects(std::vector<Object>* objects, const SchemaRegistry& schemas,
                  const CheckOptions& options, DiagnosticSink* diags) {
  ResolveNamespaces(objects, schemas, options);
  // Group objects by file: objects of one file share an arena.
  std::vector<std::vector<Object*>> groups;
  std::map<const SourceFile*, size_t> group_of;
  for (Object& o : *objects) {
    auto [it, inserted] = group_of.emplace(o.file, groups.size());
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(&o);
  }
  ParallelFor(groups.size(), options.threads, [&](size_t g) {
    for (Object* o : groups[g]) RunPerObjectChecks(o, schemas, diags);
  });

  Index index(*objects, options);
  CheckDuplicates(index, diags);
  CheckReferences(index, diags);
  CheckListeners(index, diags);
  CheckAttachment(index, diags);
  CheckPrecedence(index, diags);
  CheckIngresses(index, diags);
}

}  // namespace gwc
