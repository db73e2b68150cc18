// Copyright 2026 The gwc Authors.

#include "compiler/ir/first_match.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "compiler/base/strings.h"
#include "compiler/model/precedence.h"

namespace gwc {

namespace {

// Above every rank a dialect gives its own regexes (Kong's regex
// priorities, ingress-nginx's path lengths): first-match routes are
// tried before them. Each match takes one rank below.
constexpr size_t kFirstMatchRank = size_t{1} << 40;

std::string PathRegex(const ir::Match& m) {
  switch (m.path_kind) {
    case PathKind::kExact:
      return RegexLiteral(m.path);
    case PathKind::kPrefix:
      if (m.string_prefix) return RegexLiteral(m.path) + ".*";
      return m.path == "/" ? "/.*" : RegexLiteral(m.path) + "(/.*)?";
    case PathKind::kRegex:
      return m.path;
  }
  return m.path;
}

// The regex form of "replace the matched string prefix `prefix` with
// `value`" (Envoy's prefix_rewrite): RE2 rewrite strings treat '\' as
// special, so it is doubled.
ir::PathModifier StringPrefixRewrite(const std::string& prefix, const std::string& value) {
  std::string rewrite;
  for (char c : value) rewrite += c == '\\' ? std::string("\\\\") : std::string(1, c);
  return ir::PathModifier{false, rewrite, "^" + RegexLiteral(prefix)};
}

// The string-prefix ReplacePrefixMatch of a one-match rule as a regex
// rewrite (the match itself becomes a regex).
void AnchorPrefixRewrite(ir::Rule* rule) {
  ir::Boxed<ir::Rewrite>& rewrite = rule->filters.rewrite;
  if (rewrite && rewrite->path && rewrite->path->replace_prefix && rule->matches.size() == 1 &&
      rule->matches[0].string_prefix) {
    rewrite->path = StringPrefixRewrite(rule->matches[0].path, rewrite->path->value);
  }
}

// Ranks the rule's catch-all matches (path_chars 0) or its others.
void RankMatches(ir::Rule* rule, bool catch_alls, size_t* next_rank) {
  for (ir::Match& m : rule->matches) {
    if ((m.path_chars == 0) != catch_alls) continue;
    m.path = PathRegex(m);
    m.path_kind = PathKind::kRegex;
    m.string_prefix = false;
    m.path_chars = kFirstMatchRank - (*next_rank)++;
  }
}

}  // namespace

void RankFirstMatchRoutes(ir::Program* program) {
  std::vector<ir::Route*> order;
  for (ir::Route& route : program->routes) {
    if (route.first_match) order.push_back(&route);
  }
  std::stable_sort(order.begin(), order.end(), [](const ir::Route* a, const ir::Route* b) { return ir::RouteBefore(*a, *b); });
  size_t next_rank = 0;
  for (bool catch_alls : {false, true}) {  // catch-alls after every other match
    for (ir::Route* route : order) {
      for (ir::Rule& rule : route->rules) {
        if (!catch_alls) AnchorPrefixRewrite(&rule);
        RankMatches(&rule, catch_alls, &next_rank);
      }
    }
  }
}

bool FirstMatchCovers(const ir::Match& a, const ir::Match& b) {
  bool path = a.path_kind == PathKind::kPrefix && a.string_prefix
                  ? a.path == "/" || (b.path_kind != PathKind::kRegex && b.path.starts_with(a.path))
                  : a.path_kind == b.path_kind && a.path == b.path && a.string_prefix == b.string_prefix;
  auto within = [](const std::vector<ir::Condition>& need, const std::vector<ir::Condition>& have) {
    return std::all_of(need.begin(), need.end(),
                       [&](const ir::Condition& c) { return std::find(have.begin(), have.end(), c) != have.end(); });
  };
  return path && (a.method.empty() || a.method == b.method) && within(a.headers, b.headers) && within(a.query, b.query);
}

bool FirstMatchMayOverlap(const ir::Match& a, const ir::Match& b) {
  // Whether path `p` of an exact or prefix match can start `q`'s paths.
  auto under = [](const ir::Match& p, const std::string& q) {
    return p.string_prefix ? q.starts_with(p.path) : PathPrefixMatches(p.path, q);
  };
  if (a.path_kind != PathKind::kRegex && b.path_kind != PathKind::kRegex) {
    bool ea = a.path_kind == PathKind::kExact, eb = b.path_kind == PathKind::kExact;
    bool paths = ea && eb   ? a.path == b.path
                 : ea       ? under(b, a.path)
                 : eb       ? under(a, b.path)
                            : under(a, b.path) || under(b, a.path);
    if (!paths) return false;
  }
  if (!a.method.empty() && !b.method.empty() && a.method != b.method) return false;
  auto disjoint = [](const std::vector<ir::Condition>& x, const std::vector<ir::Condition>& y) {
    return std::any_of(x.begin(), x.end(), [&](const ir::Condition& c) {
      return !c.regex && std::any_of(y.begin(), y.end(), [&](const ir::Condition& d) {
        return !d.regex && d.name == c.name && d.value != c.value;
      });
    });
  };
  return !disjoint(a.headers, b.headers) && !disjoint(a.query, b.query);
}

}  // namespace gwc
