// Copyright 2026 The gwc Authors.
//
// Whether a controller can program an HTTPRoute or GRPCRoute rule as
// written (SEMANTICS.md (e), (g)). A rule with an enum value the API does
// not define (a filter type, redirect scheme or status code, path modifier
// or match type, HTTP method) or a RegularExpression RE2 rejects is dropped
// with reason UnsupportedValue; a
// ReplacePrefixMatch whose rule does not have exactly one PathPrefix match
// is dropped with reason IncompatibleFilters. The lowering leaves such
// rules out and `gwc status` reports them: the route is Accepted=False when
// no rule is left, else PartiallyInvalid=True.

#ifndef GWC_MODEL_RULE_VALIDITY_H_
#define GWC_MODEL_RULE_VALIDITY_H_

#include <optional>
#include <string>

#include "compiler/model/node.h"
#include "compiler/model/object.h"

namespace gwc {

struct RuleProblem {
  std::string reason;   // UnsupportedValue or IncompatibleFilters
  std::string message;  // what is wrong, naming the field and value
};

// The first reason rule `rule` of `route` (an HTTPRoute or GRPCRoute)
// cannot be programmed, or nullopt when it can.
std::optional<RuleProblem> RuleProblemOf(const Object& route, const Node& rule);

}  // namespace gwc

#endif  // GWC_MODEL_RULE_VALIDITY_H_
