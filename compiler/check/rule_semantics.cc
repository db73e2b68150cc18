// Copyright 2026 The gwc Authors.
//
// Route-rule problems that are valid to the API server but wrong at run time:
// rules that can only answer 500 (no backends, every weight 0), header
// modifiers that change one header twice (names are case-insensitive), CORS
// that allows credentials for every origin, and filters that work against
// each other.

#include <algorithm>
#include <cctype>
#include <string>

#include "compiler/check/report.h"
#include "compiler/base/strings.h"
#include "compiler/check/rules.h"
#include "compiler/model/gateway_api.h"
#include "compiler/model/rule_validity.h"
#include "compiler/model/scalar.h"

namespace gwc {

namespace {

const Node* FilterOfType(const Node* filters, std::string_view type) {
  for (uint32_t i = 0; filters && filters->IsSeq() && i < filters->size; ++i) {
    if (filters->values[i]->Str("type") == type) return filters->values[i];
  }
  return nullptr;
}

void CheckBackends(const Object& route, const Node* rule, DiagnosticSink* diags) {
  const Node* refs = rule->Get("backendRefs");
  const Node* filters = rule->Get("filters");
  bool has_refs = refs && refs->IsSeq() && refs->size > 0;
  if (!has_refs) {
    if (!FilterOfType(filters, "RequestRedirect")) {
      Report(diags, DiagCode::kRuleNoBackend, route, rule,
             "this rule has no backendRefs and no RequestRedirect, so every request it matches "
             "gets " + std::string(route.kind == "GRPCRoute" ? "UNAVAILABLE" : "HTTP 500"));
    }
    return;
  }
  for (uint32_t i = 0; i < refs->size; ++i) {
    const Node* w = refs->values[i]->Get("weight");
    if (!w || ScalarInt(*w).value_or(1) != 0) return;
  }
  Report(diags, DiagCode::kAllZeroWeights, route, refs,
         "every backendRef has weight 0, so no backend receives traffic and requests get " +
             std::string(route.kind == "GRPCRoute" ? "UNAVAILABLE" : "HTTP 500"));
}

void CheckHeaderModifier(const Object& route, const Node* modifier, DiagnosticSink* diags) {
  for (const RepeatedHeader& r : RepeatedHeaders(modifier)) {
    std::string name(r.repeat->text), first(r.first->text);
    if (!r.same_list) {
      Report(diags, DiagCode::kHeaderModifierConflict, route, r.repeat,
             "header '" + name + "' already has an action in this modifier (as '" + first +
                 "'); header names are case-insensitive and one action per header is allowed, so controllers "
                 "drop the rule",
             {Related(r.first, "first action on this header")});
    } else if (name != first) {  // an exact repeat is GWC2008 (list-duplicate)
      Report(diags, DiagCode::kHeaderEntryIgnored, route, r.repeat,
             "header '" + name + "' is already in this list (as '" + first +
                 "'); names are case-insensitive, so this entry is ignored",
             {Related(r.first, "the entry that counts")});
    }
  }
}

void CheckCors(const Object& route, const Node* cors, DiagnosticSink* diags) {
  if (!cors || !cors->IsMap()) return;
  const Node* creds = cors->Get("allowCredentials");
  if (!creds || !ScalarBool(*creds).value_or(false)) return;
  const Node* origins = cors->Get("allowOrigins");
  for (uint32_t i = 0; origins && origins->IsSeq() && i < origins->size; ++i) {
    if (origins->values[i]->text == "*") {
      Report(diags, DiagCode::kCorsCredentialsWildcard, route, origins->values[i],
             "allowCredentials is true and allowOrigins is '*': every site may make "
             "credentialed requests on the user's behalf",
             {Related(creds, "allowCredentials")}, "list the trusted origins");
    }
  }
}

void CheckFilterList(const Object& route, const Node* filters, DiagnosticSink* diags) {
  for (uint32_t i = 0; filters && filters->IsSeq() && i < filters->size; ++i) {
    const Node* f = filters->values[i];
    CheckHeaderModifier(route, f->Get("requestHeaderModifier"), diags);
    CheckHeaderModifier(route, f->Get("responseHeaderModifier"), diags);
    CheckCors(route, f->Get("cors"), diags);
  }
}

// A URLRewrite at rule level and again in a backendRef's filters, or a
// mirror to the very backend the rule routes to.
void CheckFilterCombination(const Object& route, const Node* rule, DiagnosticSink* diags) {
  const Node* filters = rule->Get("filters");
  const Node* refs = rule->Get("backendRefs");
  const Node* rule_rewrite = FilterOfType(filters, "URLRewrite");
  for (uint32_t i = 0; refs && refs->IsSeq() && i < refs->size; ++i) {
    const Node* inner = FilterOfType(refs->values[i]->Get("filters"), "URLRewrite");
    if (rule_rewrite && inner) {
      Report(diags, DiagCode::kFilterCombination, route, inner,
             "a URLRewrite in a backendRef's filters comes on top of the rule's URLRewrite; "
             "which one applies is implementation-specific",
             {Related(rule_rewrite, "the rule's URLRewrite")});
    }
  }
  if (!refs || !refs->IsSeq() || refs->size != 1) return;
  ObjectRef only = ReadRef(refs->values[0], "", "Service", route.ns);
  for (uint32_t i = 0; filters && filters->IsSeq() && i < filters->size; ++i) {
    const Node* mirror = filters->values[i]->Get("requestMirror");
    const Node* target = mirror ? mirror->Get("backendRef") : nullptr;
    if (!target || !target->IsMap()) continue;
    ObjectRef m = ReadRef(target, "", "Service", route.ns);
    if (m.group == only.group && m.kind == only.kind && m.ns == only.ns && m.name == only.name &&
        m.port == only.port) {
      Report(diags, DiagCode::kFilterCombination, route, target,
             "RequestMirror copies requests to the backend the rule already sends them to, so "
             "that backend sees mirrored requests twice",
             {Related(refs->values[0], "the rule's backend")});
    }
  }
}

}  // namespace

void CheckRuleSemantics(const Object& obj, DiagnosticSink* diags) {
  if (obj.kind != "HTTPRoute" && obj.kind != "GRPCRoute") return;
  for (const Node* rule : RulesOf(obj)) {
    CheckBackends(obj, rule, diags);
    CheckFilterList(obj, rule->Get("filters"), diags);
    const Node* refs = rule->Get("backendRefs");
    for (uint32_t i = 0; refs && refs->IsSeq() && i < refs->size; ++i) {
      CheckFilterList(obj, refs->values[i]->Get("filters"), diags);
    }
    CheckFilterCombination(obj, rule, diags);
  }
}

}  // namespace gwc
