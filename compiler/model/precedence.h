// Copyright 2026 The gwc Authors.
//
// HTTPRoute match precedence (SEMANTICS.md (a)) as data: a normalised match
// and the two relations the shadowing analyzer needs, "covers" (every request
// the second accepts, the first accepts too) and the precedence order. Kept
// apart from the analyzer so tests (and later the reference matcher) can use
// the same definitions.

#ifndef GWC_MODEL_PRECEDENCE_H_
#define GWC_MODEL_PRECEDENCE_H_

#include <string>
#include <utility>
#include <vector>

#include "compiler/model/node.h"
#include "compiler/model/object.h"

namespace gwc {

enum class PathKind { kExact, kPrefix, kRegex };

struct NormalizedMatch {
  PathKind path_kind = PathKind::kPrefix;
  std::string path;         // prefixes without trailing '/', except "/" itself
  size_t path_chars = 1;    // characters of the value as written (precedence)
  std::string method;       // empty: any
  // (lower-cased name, "E:value" or "R:regex"); first entry per name wins; sorted.
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::pair<std::string, std::string>> query;  // names case-sensitive
};

// Reads one element of an HTTPRoute's rules[].matches[] (defaults already
// applied).
NormalizedMatch NormalizeMatch(const Node& match);

// Reads one element of a GRPCRoute's rules[].matches[] into the same shape:
// the method match (type, service, method) becomes the path, marked so it
// never equals an HTTP path; path_chars counts the service's and method's
// characters (GRPCRoute precedence). Headers as for HTTPRoute.
NormalizedMatch NormalizeGrpcMatch(const Node& match);

// Whether `prefix` matches `path` element-wise ("/a" matches "/a", "/a/b", not "/ab").
bool PathPrefixMatches(std::string_view prefix, std::string_view path);

// Whether every request `b` accepts is also accepted by `a`.
bool Covers(const NormalizedMatch& a, const NormalizedMatch& b);

// Compares the match criteria only (steps 1-5): >0 when `a` takes
// precedence, <0 when `b` does, 0 when the route-level tie-breakers decide.
// Exact > PathPrefix > RegularExpression, prefixes and regexes each with
// more characters first (precedence among regexes is implementation-
// specific; longest first is how ingress-nginx orders regex locations). A
// template so the IR's match (same field names) shares the one definition.
template <typename M>
int CompareSpecificity(const M& a, const M& b) {
  auto rank = [](PathKind k) { return k == PathKind::kExact ? 2 : k == PathKind::kPrefix ? 1 : 0; };
  if (rank(a.path_kind) != rank(b.path_kind)) return rank(a.path_kind) - rank(b.path_kind);
  if (a.path_kind != PathKind::kExact && a.path_chars != b.path_chars) {
    return a.path_chars > b.path_chars ? 1 : -1;
  }
  if (a.method.empty() != b.method.empty()) return a.method.empty() ? -1 : 1;
  if (a.headers.size() != b.headers.size()) return a.headers.size() > b.headers.size() ? 1 : -1;
  if (a.query.size() != b.query.size()) return a.query.size() > b.query.size() ? 1 : -1;
  return 0;
}

bool SameMatch(const NormalizedMatch& a, const NormalizedMatch& b);

}  // namespace gwc

#endif  // GWC_MODEL_PRECEDENCE_H_
