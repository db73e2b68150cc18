// Copyright 2026 The gwc Authors.
//
// The slow, obvious matcher the compiled route table is tested against
// (never shipped): for one request it picks the listener by a linear scan,
// then looks at every match of every rule of every route attached to it and
// keeps the best one by Gateway API precedence (SEMANTICS.md (a)): the
// route's most specific matching hostname, path kind and length, method,
// header and query counts, route age and name, rule and match order. Among
// first-match routes (Istio, ir::Route::first_match) the order is the
// routes' age, then rules and matches as written, string prefixes
// compared as strings.
// No hashing, no trie, no pre-sorting.

#ifndef GWC_TESTING_REFERENCE_MATCHER_H_
#define GWC_TESTING_REFERENCE_MATCHER_H_

#include <string>
#include <utility>
#include <vector>

#include "compiler/ir/ir.h"

namespace gwc {

struct ReferenceRequest {
  std::string gateway;  // "ns/name"; empty: the first Gateway
  int port = 80;
  bool tls = false;  // https: only HTTPS listeners take it, else only HTTP ones
  std::string method = "GET";
  std::string host;
  std::string path = "/";  // with query
  std::vector<std::pair<std::string, std::string>> headers;
  bool grpc = false;
};

struct ReferenceMatch {
  bool found = false;
  uint32_t route = 0, rule = 0, match = 0;  // indexes into the IR
  bool operator==(const ReferenceMatch& o) const {
    return found == o.found && (!found || (route == o.route && rule == o.rule && match == o.match));
  }
};

ReferenceMatch ReferenceFind(const ir::Program& program, const ReferenceRequest& req);

}  // namespace gwc

#endif  // GWC_TESTING_REFERENCE_MATCHER_H_
