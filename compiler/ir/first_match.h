// Copyright 2026 The gwc Authors.
//
// First-match routes (ir::Route::first_match, Istio's VirtualService) in
// a table built for Gateway API precedence. The route table orders
// regexes of a path table by rank, after every Exact and prefix match; so
// each match of a first-match route becomes a regex whose rank is its
// position: routes in RouteBefore order, then rules, then matches. A
// request then meets the first match, in that order, that accepts it,
// exactly as a first-match controller would answer.

#ifndef GWC_IR_FIRST_MATCH_H_
#define GWC_IR_FIRST_MATCH_H_

#include "compiler/ir/ir.h"

namespace gwc {

// Rewrites every match of every first-match route of `program` into a
// ranked regex (string prefixes as `literal.*`, element-wise prefixes as
// `literal(/.*)?`, exact paths as the literal), and a string-prefix
// ReplacePrefixMatch rewrite into the equivalent anchored regex rewrite.
// Other routes are left as they are. Run once, after all lowering.
void RankFirstMatchRoutes(ir::Program* program);

// Whether every request match `b` of a first-match route (before ranking)
// accepts is accepted by `a` too, so that after `a` it is unreachable.
// Sound, not complete: regexes cover only an equal regex.
bool FirstMatchCovers(const ir::Match& a, const ir::Match& b);

// Whether some request may be accepted by both matches of first-match
// routes: false only when their paths, methods or an exact condition on
// the same header or parameter rule it out (regexes may overlap anything).
bool FirstMatchMayOverlap(const ir::Match& a, const ir::Match& b);

}  // namespace gwc

#endif  // GWC_IR_FIRST_MATCH_H_
