// Copyright 2026 The gwc Authors.
//
// Whether a controller can program an HTTPRoute or GRPCRoute rule as
// written (SEMANTICS.md (e), (g)). A rule with an enum value the API does
// not define (a filter type, redirect scheme or status code, path modifier
// or match type, HTTP method) or a RegularExpression RE2 rejects is dropped
// with reason UnsupportedValue; a
// ReplacePrefixMatch whose rule does not have exactly one PathPrefix match,
// or a header modifier with two actions (set, add, remove) on one header
// name (case-insensitive; the CRD does not catch it), is dropped with reason IncompatibleFilters. So is a rule holding a value
// the API server would refuse the route for (Object::api_errors under
// spec.rules[i]), with the status reason of the check that found it
// (IncompatibleFilters for a repeated filter type or a redirect with a
// rewrite), else UnsupportedValue: a controller never
// programs what the cluster could not have stored, and the route's valid
// rules keep working. The lowering leaves such rules out and `gwc status`
// reports them: the route is Accepted=False when no rule is left, else
// PartiallyInvalid=True. A route the API server would refuse for a field
// outside its rules (too many rules, a malformed hostname or parentRef)
// is not programmed at all.

#ifndef GWC_MODEL_RULE_VALIDITY_H_
#define GWC_MODEL_RULE_VALIDITY_H_

#include <optional>
#include <string>
#include <vector>

#include "compiler/model/node.h"
#include "compiler/model/object.h"

namespace gwc {

struct RuleProblem {
  std::string reason;   // UnsupportedValue or IncompatibleFilters
  std::string message;  // what is wrong, naming the field and value
  bool api_server_refuses = false;  // the cluster would not store the route
};

// The first reason rule `rule` of `route` (an HTTPRoute or GRPCRoute)
// cannot be programmed, or nullopt when it can.
std::optional<RuleProblem> RuleProblemOf(const Object& route, const Node& rule);

// A header name a header modifier (the value of requestHeaderModifier or
// responseHeaderModifier) names again, compared case-insensitively.
struct RepeatedHeader {
  const Node* repeat;  // the later name
  const Node* first;   // the first entry's name
  // Within one set or add list: the CRD's HTTPHeader.name says later
  // equivalent entries are ignored (SEMANTICS.md (e) reads this case as
  // invalid too; the CRD's field text is the more specific, so it wins).
  // Across set, add and remove: two actions on one header, which
  // SEMANTICS.md (e) calls invalid.
  bool same_list;
};
// Every repeat in `modifier` (not a name repeated within remove: removing
// twice is removing once); empty when none or not a mapping.
std::vector<RepeatedHeader> RepeatedHeaders(const Node* modifier);

// Whether `route` (an HTTPRoute or GRPCRoute) has an API error outside
// its rules (or in a rules item that is not a mapping): the cluster would
// not store it, so nothing routes to it and it has no status.
bool RouteRefused(const Object& route);

}  // namespace gwc

#endif  // GWC_MODEL_RULE_VALIDITY_H_
